/**
 * The dock on self-hosted PSAs (ConnectWise on-premise, Halo on its own server): the manifest declares the
 * content script for the cloud hosts only, so a connection on another host registers the same script for
 * that host at run time. Registrations persist across browser restarts; they are brought in line with the
 * saved connections on save, on remove and when the extension is installed or updated.
 */
import { browser } from 'wxt/browser';
import { isBuiltInPsaHost } from '../pages';
import { connectionOrigins, connectionWebOrigin, type Connection } from '../psa/kinds';

const ID_PREFIX = 'pullboard-self-hosted-';

/** The web origin of a connection whose host the manifest does not cover, or null. */
export function selfHostedOrigin(connection: Connection): string | null {
  const origin = connectionWebOrigin(connection);
  return origin && !isBuiltInPsaHost(origin) ? origin : null;
}

/** The files of the manifest's PSA content script: the one the dock is built into. */
function declaredScript(): { js: string[]; css: string[] } {
  const declared = browser.runtime.getManifest().content_scripts?.find((script) => script.js?.some((file) => file.includes('psa')));
  return { js: declared?.js ?? ['content-scripts/psa.js'], css: declared?.css ?? [] };
}

const idFor = (origin: string): string => `${ID_PREFIX}${origin.replace(/[^a-zA-Z0-9.-]/g, '_')}`;

/**
 * Registers the dock for every self-hosted connection and unregisters what no connection needs any more.
 * Returns the origins it could not register (the user has not granted the host permission).
 */
export async function syncSelfHostedScripts(connections: Connection[]): Promise<string[]> {
  const wanted = new Map<string, string>();
  for (const connection of connections) {
    const origin = selfHostedOrigin(connection);
    if (origin) wanted.set(idFor(origin), origin);
  }
  const registered = (await browser.scripting.getRegisteredContentScripts()).filter((script) => script.id.startsWith(ID_PREFIX));
  const stale = registered.filter((script) => !wanted.has(script.id)).map((script) => script.id);
  if (stale.length > 0) await browser.scripting.unregisterContentScripts({ ids: stale });
  const { js, css } = declaredScript();
  const failed: string[] = [];
  for (const [id, origin] of wanted) {
    if (registered.some((script) => script.id === id)) continue;
    try {
      await browser.scripting.registerContentScripts([
        { id, matches: [`${origin}/*`], js, ...(css.length ? { css } : {}), runAt: 'document_idle', persistAcrossSessions: true },
      ]);
    } catch (error) {
      console.warn(`Pullboard: could not add the dock to ${origin}`, error);
      failed.push(origin);
    }
  }
  return failed;
}

/**
 * The self-hosted host permissions a removed connection was granted, given back unless another saved
 * connection still needs them (the cloud hosts are the manifest's and stay).
 */
export async function releaseHostAccess(removed: Connection, remaining: readonly Connection[]): Promise<void> {
  const needed = new Set(remaining.flatMap(connectionOrigins));
  const origins = connectionOrigins(removed).filter((origin) => !needed.has(origin) && !isBuiltInPsaHost(origin));
  if (origins.length === 0) return;
  try {
    await browser.permissions.remove({ origins: origins.map((origin) => `${origin}/*`) });
  } catch (error) {
    console.warn('Pullboard: could not give back the host permission of a removed connection', error);
  }
}
