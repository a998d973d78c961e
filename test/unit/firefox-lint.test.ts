/**
 * Mozilla's `web-ext lint` (what addons.mozilla.org runs on upload) over the Firefox build `npm test` makes:
 * no error, and no warning from Pullboard's own code. The one kind it reports is Preact's support for
 * `dangerouslySetInnerHTML`, bundled with Preact, which no Pullboard view uses (ticket text is text).
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const DIR = '.output/firefox-mv3';

interface LintMessage {
  code: string;
  file?: string;
  message: string;
}

describe('web-ext lint of the Firefox build', () => {
  it('finds no error and no warning in Pullboard code', async () => {
    expect(existsSync(`${DIR}/manifest.json`), 'npm test builds .output/firefox-mv3 (npm run build:firefox)').toBe(true);
    const webExtModule = 'web-ext'; // no type declarations ship with it: the shape used is declared here
    const webExt = (await import(webExtModule)) as unknown as {
      default: { cmd: { lint(params: object, options: object): Promise<{ errors: LintMessage[]; warnings: LintMessage[]; notices: LintMessage[] }> } };
    };
    const result = await webExt.default.cmd.lint({ sourceDir: DIR, output: 'json', boring: true, selfHosted: false }, { shouldExitProgram: false, runLinter: undefined });
    expect(result.errors).toEqual([]);
    for (const warning of result.warnings) {
      expect(warning.code, `${warning.code} in ${warning.file}: ${warning.message}`).toBe('UNSAFE_VAR_ASSIGNMENT');
      // Preact's own innerHTML assignment (`.innerHTML = x.__html`), nothing else.
      const text = readFileSync(join(DIR, warning.file!), 'utf8');
      expect((text.match(/\.innerHTML=/g) ?? []).length, warning.file).toBe((text.match(/\.innerHTML=(\w+\.__html|"")/g) ?? []).length);
    }
  }, 60_000);

  it("holds no innerHTML in Pullboard's own sources, so every such warning is a library's", () => {
    const walk = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)]));
    const sources = ['components', 'entrypoints', 'utils'].flatMap(walk);
    for (const file of sources.filter((f) => /\.(ts|tsx)$/.test(f))) expect(readFileSync(file, 'utf8'), file).not.toMatch(/innerHTML|dangerouslySetInnerHTML|insertAdjacentHTML/);
  });
});
