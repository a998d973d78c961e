/**
 * A self-signed certificate for an HTTPS simulator under real PSA host names (with Chromium's
 * --host-resolver-rules). Made with openssl, cached in the OS temp directory per set of host names.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const VALID_DAYS = 30;
/** Make a new one well before openssl's expiry date. */
const REUSE_DAYS = 20;
const IP_ADDRESS = /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-f:]+:[0-9a-f:]*)$/i;

export function selfSignedCert(hostnames: string[]): { cert: string; key: string } {
  if (hostnames.length === 0) throw new Error('selfSignedCert needs at least one host name');
  const names = [...new Set(hostnames.map((name) => name.trim().toLowerCase()))].sort();
  const cacheKey = createHash('sha256').update(names.join(',')).digest('hex').slice(0, 16);
  const root = join(tmpdir(), 'pullboard-psa-sim-certs');
  const dir = join(root, cacheKey);
  const certPath = join(dir, 'cert.pem');
  const keyPath = join(dir, 'key.pem');
  if (existsSync(certPath) && existsSync(keyPath) && Date.now() - statSync(certPath).mtimeMs < REUSE_DAYS * 86_400_000) {
    return { cert: readFileSync(certPath, 'utf8'), key: readFileSync(keyPath, 'utf8') };
  }
  mkdirSync(root, { recursive: true });
  // Made in a fresh directory and renamed into place, so parallel test workers never read half a file.
  const work = mkdtempSync(join(root, 'new-'));
  const subjectAltName = names.map((name) => (IP_ADDRESS.test(name) ? `IP:${name}` : `DNS:${name}`)).join(',');
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', String(VALID_DAYS),
      '-subj', `/CN=${names[0]}`, '-addext', `subjectAltName=${subjectAltName}`,
      '-keyout', join(work, 'key.pem'), '-out', join(work, 'cert.pem'),
    ], { stdio: ['ignore', 'ignore', 'pipe'] });
    const made = { cert: readFileSync(join(work, 'cert.pem'), 'utf8'), key: readFileSync(join(work, 'key.pem'), 'utf8') };
    rmSync(dir, { recursive: true, force: true });
    try {
      renameSync(work, dir);
    } catch {
      // Another process won the race; its certificate is as good as ours.
    }
    return made;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
