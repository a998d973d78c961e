/**
 * What every PSA kind tells the rest of Pullboard about its connections: how the options form asks for
 * one, how a draft becomes a saved connection, what the user may see of it, where its web app lives, and
 * the PSA's own words. Each kind implements this once, in `utils/psa/<kind>/connection.ts`; the registry
 * (`utils/psa/kinds.ts`) lists them. No adapter code comes with it, so views may import it.
 */
import { z } from 'zod';

/** The PSA's own words, for every sentence that names it. */
export interface PsaWords {
  /** "ConnectWise PSA", "Autotask PSA", "HaloPSA". */
  product: string;
  /** "ConnectWise", "Autotask", "Halo": in running text ("in Halo"). */
  short: string;
  /** What the board Pullboard shows is called there: "service board", "queue", "team". */
  board: string;
  /** The same as a form label: "Service board", "Queue", "Team". */
  boardLabel: string;
  /** What a technician is called there: "member", "resource", "agent". */
  member: string;
  /** What the user enters: "API keys", "API user", "API application". */
  credentials: string;
}

export interface FormField {
  /** The form value's key; also the element id after the kind's prefix (`cw-siteUrl`). */
  key: string;
  label: string;
  hint: string;
  type?: 'password' | 'url' | 'text' | 'email';
  placeholder?: string;
  /** Blank on a saved connection keeps the stored value. */
  secret?: boolean;
}

/** What the form holds besides its text fields when it asks for a draft. */
export interface DraftChoices {
  /** Present when editing a saved connection. */
  id?: string;
  boardId: string | null;
  /** The member chosen as "me" when the credentials are not a tech's own. */
  meId: string | null;
  /** What Test connection discovered (Autotask's zone), handed back so Save keeps it. */
  discovered: Record<string, string> | null;
}

/** What connecting found that the user should see and Save should keep (Autotask's zone). */
export interface Discovered {
  /** "Zone found: webservices5.autotask.net (web app ww5.autotask.net)." */
  text: string;
  values: Record<string, string>;
}

export interface ConnectionViewBase {
  id: string;
  /** The board Pullboard shows: ConnectWise service board, Autotask queue, Halo team. */
  boardId: string | null;
  boardName: string | null;
  me: { id: string; identifier: string; name: string; email: string | null; inactive: boolean } | null;
  /** The last sync's failure, as the user should read it (401: check the keys), or null. */
  problem: { kind: string; message: string; at: number } | null;
  syncedAt: number | null;
}

/**
 * One PSA kind's connections. `C` is the saved connection (secrets included: background only), `D` the
 * draft the options form sends, `V` what the views may see (no secret).
 */
export interface ConnectionKind<K extends string, C extends { kind: K; id: string }, D extends { kind: K; id?: string }, V extends { kind: K }> {
  kind: K;
  words: PsaWords;
  /** Element id prefix of the options form's fields. */
  idPrefix: string;
  schema: z.ZodType<C, unknown>;
  draftSchema: z.ZodType<D, unknown>;
  /** The options form's fields, in order. */
  fields: readonly FormField[];
  /** Whether the credentials can belong to an API user or application, so "me" may have to be chosen. */
  sharedCredentials: boolean;
  /** The draft the form's values make. */
  draft(values: Readonly<Record<string, string>>, choices: DraftChoices): D;
  /** The form's values for a saved connection (never a secret). */
  values(view: V): Record<string, string>;
  /** The member chosen as "me" on a saved connection. */
  meId(view: V): string | null;
  /** The full connection from a draft; secrets left blank keep the stored ones. Throws a ZodError naming the field. */
  complete(draft: D, existing: C | undefined): C;
  /** What the views may see: no secret, keys masked. */
  view(connection: C): Omit<V, keyof ConnectionViewBase>;
  /** The board Pullboard shows. */
  boardId(connection: C): string | null;
  /** Where the PSA lives, for logs: never a secret. */
  site(connection: C): string;
  /** The origin of the PSA's web app, when the connection knows it. */
  webOrigin(connection: C): string | null;
  /** The origins the form's values talk to, for the host permission asked in the click. Throws an Error with the field's example. */
  origins(values: Readonly<Record<string, string>>): string[];
  /** Keyed by where the PSA is, never by anything secret: what discovery found is cached under it. */
  discoveryKey(connection: C): string;
  /** What connecting found that the user should see, or null. */
  discovered(connection: C): Discovered | null;
  /** The connection with what discovery found kept in it, or null when nothing is kept there. */
  keepDiscovered(connection: C, found: unknown): C | null;
  /** "na.myconnectwise.net", "Autotask (zone webservices5.autotask.net)". */
  where(view: V): string;
  /** Which secrets are stored, masked. */
  keysHint(view: V): string;
}

/** A secret masked to its last four characters. */
export function maskSecret(secret: string): string {
  return secret.length <= 4 ? '••••' : `${'•'.repeat(6)}${secret.slice(-4)}`;
}

/** Optional draft fields: the form sends null for a blank one. */
export const optionalText = z.string().trim().min(1).nullable();
export const optionalEmail = z.string().trim().email('Your e-mail must look like name@example.com').nullable();

/** A form value trimmed, or null when blank. */
export const orNull = (text: string | undefined): string | null => text?.trim() || null;

/** Hosts that only ever mean this machine: the simulator and the tests, the one place plain http is allowed. */
function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * Why an address may not carry credentials, or null when it may: https on a real host, no wildcard, no
 * user name or password in it. Plain http only on loopback (the simulator).
 */
export function connectionUrlProblem(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return 'is not a full address';
  }
  if (url.username || url.password) return 'must not hold a user name or password (type them in their own fields)';
  if (url.protocol === 'http:' && isLoopback(url.hostname)) return null;
  if (url.protocol !== 'https:') return `must start with https:// (${url.protocol.replace(':', '')} would send your keys ${url.protocol === 'http:' ? 'unencrypted' : 'nowhere a PSA lives'})`;
  const host = url.hostname;
  if (host.includes('*') || host.includes('%')) return 'must name one server, without a wildcard';
  if (!host.includes('.') || host.startsWith('.') || host.endsWith('.')) return 'must name a real server, like yourcompany.example.com';
  return null;
}

/** What the user reads when an address is refused: `Site URL must start with https://…, like https://na.myconnectwise.net`. */
function refusal(label: string, example: string, problem: string): string {
  return problem === 'is not a full address' ? `${label} must be a full address like ${example}` : `${label} ${problem}, like ${example}`;
}

/** A zod string that must be an address credentials may go to. */
export function connectionUrl(label: string, example: string) {
  return z
    .string()
    .trim()
    .superRefine((text, ctx) => {
      const problem = connectionUrlProblem(text);
      if (problem) ctx.addIssue({ code: 'custom', message: refusal(label, example, problem) });
    });
}

/** The origin of a typed address credentials may go to; throws an Error saying what is wrong when it is not one. */
export function originOf(text: string | undefined, label: string, example: string): string {
  const problem = connectionUrlProblem(text ?? '');
  if (problem) throw new Error(refusal(label, example, problem));
  return new URL((text ?? '').trim()).origin;
}

/** The error a completed draft throws when an address changed but its secrets were kept: they are never sent to a new address. */
export function secretsForNewAddress(field: string, what: string, address: string): z.ZodError {
  return new z.ZodError([
    { code: 'custom', path: [field], input: undefined, message: `The ${address} changed: enter the ${what} again. Pullboard never sends secrets saved for one address to another.` },
  ]);
}
