/**
 * What an MSP pushes to every seat by policy: Chrome and Edge through `storage.managed` (registry, plist or
 * JSON policy, described by public/managed-schema.json), Firefox through policies.json's
 * `3rdparty.Extensions["pullboard@pullboard.app"]`. Every field is checked on its own, so one bad value
 * locks nothing and is reported while the rest still apply; credentials are refused by name and never read.
 */
import { z } from 'zod';
import { browser } from 'wxt/browser';
import { PSA_KINDS, psaKind, type PsaKind } from '../psa/kinds';

/** The settings a policy may lock (the tech's own settings, `utils/store/settings-store.ts`, have these fields). */
interface LockableSettings {
  wipLimit: number;
  roundingMinutes: 1 | 6 | 15 | 30;
  minimumMinutes: number;
  idleMinutes: number;
}

export const ManagedPsa = z
  .object({
    kind: z.enum(PSA_KINDS as [PsaKind, ...PsaKind[]], { message: `must be one of ${PSA_KINDS.join(', ')}` }),
    siteUrl: z.url({ protocol: /^https$/, message: 'must be an https address' }).optional(),
    companyId: z.string().trim().min(1).max(100).optional(),
    tenant: z.string().trim().min(1).max(100).optional(),
  })
  .strict();
export type ManagedPsa = z.infer<typeof ManagedPsa>;

/** The settings a policy may set, each with the rule the options page applies to it. */
const FIELDS = {
  psa: ManagedPsa,
  boardConfig: z.record(z.string(), z.unknown()),
  boardConfigUrl: z.url({ protocol: /^https$/, message: 'must be an https address' }),
  personalWipLimit: z.number().int().min(1).max(5),
  timeRoundingMinutes: z.union([z.literal(1), z.literal(6), z.literal(15), z.literal(30)]),
  minimumMinutes: z.number().int().min(0).max(60),
  idleMinutes: z.number().int().min(1).max(240),
} as const;

export type ManagedField = keyof typeof FIELDS;
export type ManagedPolicy = { [K in ManagedField]?: z.infer<(typeof FIELDS)[K]> };

/** Names that carry secrets in any PSA's terms: a policy holding one is a mistake, and it is never read. */
const SECRET_NAME = /key|secret|password|token|credential|apiuser|username|clientid/i;

export interface ManagedRead {
  policy: ManagedPolicy;
  /** What was ignored and why, in the words the options page shows the tech (and their MSP). */
  problems: string[];
}

function secretPaths(value: unknown, path: string): string[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([name, inner]) => {
    const at = path ? `${path}.${name}` : name;
    // A board configuration names skills and columns, not secrets: only its own keys are PSA data.
    return (SECRET_NAME.test(name) ? [at] : []).concat(name === 'boardConfig' ? [] : secretPaths(inner, at));
  });
}

export function parseManagedPolicy(raw: unknown): ManagedRead {
  const policy: Record<string, unknown> = {};
  const problems: string[] = [];
  if (raw === null || raw === undefined) return { policy, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { policy, problems: ['The policy is not an object of settings; none of it applies.'] };
  const secrets = secretPaths(raw, '');
  for (const path of secrets) problems.push(`${path} is ignored: credentials are never taken from a policy. Each tech enters their own in Options.`);
  for (const [name, value] of Object.entries(raw)) {
    if (secrets.some((s) => s === name || s.startsWith(`${name}.`))) continue;
    const field = FIELDS[name as ManagedField];
    if (!field) {
      problems.push(`${name} is not a Pullboard setting and is ignored (settings: ${Object.keys(FIELDS).join(', ')}).`);
      continue;
    }
    const parsed = field.safeParse(value);
    if (parsed.success) policy[name] = parsed.data;
    else problems.push(`${name} is ignored: ${parsed.error.issues.map((i) => `${i.path.length ? `${i.path.join('.')} ` : ''}${i.message}`).join('; ')}.`);
  }
  if (policy.boardConfig && policy.boardConfigUrl) {
    delete policy.boardConfigUrl;
    problems.push('boardConfigUrl is ignored: the policy also holds boardConfig, which wins.');
  }
  return { policy: policy as ManagedPolicy, problems };
}

/** The policy as this browser holds it; none at all (Firefox says "no manifest", Chrome answers {}) is an empty one. */
export async function readManagedPolicy(): Promise<ManagedRead> {
  let raw: unknown;
  try {
    raw = await browser.storage.managed.get();
  } catch {
    return { policy: {}, problems: [] };
  }
  return parseManagedPolicy(raw);
}

/** Which of the tech's own settings the policy fixes. */
export function managedSettingKeys(policy: ManagedPolicy): (keyof LockableSettings)[] {
  const keys: (keyof LockableSettings)[] = [];
  if (policy.personalWipLimit !== undefined) keys.push('wipLimit');
  if (policy.timeRoundingMinutes !== undefined) keys.push('roundingMinutes');
  if (policy.minimumMinutes !== undefined) keys.push('minimumMinutes');
  if (policy.idleMinutes !== undefined) keys.push('idleMinutes');
  return keys;
}

/** The tech's settings with the policy's values in force: what the background pulls and logs by. */
export function withManagedSettings<S extends LockableSettings>(settings: S, policy: ManagedPolicy): S {
  return {
    ...settings,
    wipLimit: policy.personalWipLimit ?? settings.wipLimit,
    roundingMinutes: policy.timeRoundingMinutes ?? settings.roundingMinutes,
    minimumMinutes: policy.minimumMinutes ?? settings.minimumMinutes,
    idleMinutes: policy.idleMinutes ?? settings.idleMinutes,
  };
}

/** The connection form's fields a policy fills in and locks, by the form's field keys: the kind's address field, its company ID and tenant where it has them. */
export function managedConnectionFields(psa: ManagedPsa | undefined): Partial<Record<string, string>> {
  if (!psa) return {};
  const fields = psaKind(psa.kind).fields;
  const address = fields.find((field) => field.type === 'url')?.key;
  const locked: Record<string, string> = {};
  if (psa.siteUrl && address) locked[address] = psa.siteUrl;
  for (const key of ['companyId', 'tenant'] as const) {
    const value = psa[key];
    if (value && fields.some((field) => field.key === key)) locked[key] = value;
  }
  return locked;
}

/** What the options page lists under "Set by your MSP", in the tech's words. */
export function describeManaged(policy: ManagedPolicy): string[] {
  const lines: string[] = [];
  if (policy.psa) lines.push(`PSA: ${psaKind(policy.psa.kind).words.product}${policy.psa.siteUrl ? ` at ${policy.psa.siteUrl}` : ''}`);
  if (policy.boardConfig) lines.push('Board configuration: provided by the policy');
  if (policy.boardConfigUrl) lines.push(`Board configuration: from ${policy.boardConfigUrl}`);
  if (policy.personalWipLimit !== undefined) lines.push(`Personal WIP limit: ${policy.personalWipLimit}`);
  if (policy.timeRoundingMinutes !== undefined) lines.push(`Time entries rounded up to ${policy.timeRoundingMinutes} min`);
  if (policy.minimumMinutes !== undefined) lines.push(`Shortest time entry: ${policy.minimumMinutes} min`);
  if (policy.idleMinutes !== undefined) lines.push(`Timer pauses after ${policy.idleMinutes} idle min`);
  return lines;
}

/**
 * The policy's board configuration as the text of a board file, with the name the designer reports it by:
 * inline, or fetched from its https address (no cookies sent). Null when the policy has none.
 */
export async function managedBoardFile(policy: ManagedPolicy, fetchText: (url: string) => Promise<string> = fetchBoardFile): Promise<{ name: string; text: string } | null> {
  if (policy.boardConfig) return { name: "Your MSP's board configuration", text: JSON.stringify(policy.boardConfig) };
  if (!policy.boardConfigUrl) return null;
  const name = `Your MSP's board configuration (${policy.boardConfigUrl})`;
  try {
    return { name, text: await fetchText(policy.boardConfigUrl) };
  } catch (error) {
    throw new Error(`${name} could not be read: ${(error as Error).message}. Ask your MSP to check the address, or import the file by hand.`);
  }
}

async function fetchBoardFile(url: string): Promise<string> {
  const response = await fetch(url, { credentials: 'omit', cache: 'no-cache' });
  if (!response.ok) throw new Error(`the server answered ${response.status}`);
  return response.text();
}

/** Applied once per connection and per version of the file, so a lead's later edits stand until the MSP changes it. */
export function managedBoardMark(connectionId: string, text: string): string {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
  return `${connectionId}:${text.length}:${hash >>> 0}`;
}
