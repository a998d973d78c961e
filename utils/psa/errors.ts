/**
 * One error type for every way a PSA call can fail. `kind` drives what the caller does (retry, ask for
 * new keys, show the record as gone); `userMessage` is what the user reads: what happened and what to do.
 */

export type PsaErrorKind =
  | 'auth'
  | 'forbidden'
  | 'notFound'
  | 'badRequest'
  | 'conflict'
  | 'rateLimited'
  | 'server'
  | 'network'
  | 'timeout'
  | 'malformed'
  | 'config';

/** How a PSA is named to the user, and what its credentials are called in Pullboard's options. */
export interface PsaLabel {
  /** e.g. `ConnectWise` */
  name: string;
  /** e.g. `company ID, public and private keys and client ID` */
  credentials: string;
  /** Who the credentials log in as, e.g. `API member`, `API user`, `API application`. */
  apiUser?: string;
  /** Where an administrator grants the API user a right, e.g. `the API member's security role`. */
  permissions?: string;
}

export interface PsaErrorInit {
  kind: PsaErrorKind;
  psa: PsaLabel;
  /** What the PSA or the check said, e.g. `ticket 123: status.id: expected number, got "x"`. */
  detail?: string;
  status?: number;
  retryAfterMs?: number;
  field?: string;
  /**
   * True when a write may or may not have reached the PSA (timeout or connection lost after sending,
   * or a server error): the outbox must check before it sends it again.
   */
  outcomeUnknown?: boolean;
  /** Overrides the message derived from `kind` when the adapter knows better. */
  userMessage?: string;
  /** For logs: the request that failed, e.g. `GET https://…/service/tickets`. */
  request?: string;
  cause?: unknown;
}

const RETRYABLE: ReadonlySet<PsaErrorKind> = new Set(['rateLimited', 'server', 'network', 'timeout']);

export class PsaError extends Error {
  readonly kind: PsaErrorKind;
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly field?: string;
  readonly detail?: string;
  readonly outcomeUnknown: boolean;
  readonly userMessage: string;

  constructor(init: PsaErrorInit) {
    const userMessage = init.userMessage ?? describePsaError(init);
    super(init.request ? `${userMessage} [${init.request}]` : userMessage, { cause: init.cause });
    this.name = 'PsaError';
    this.kind = init.kind;
    if (init.status !== undefined) this.status = init.status;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
    if (init.field !== undefined) this.field = init.field;
    if (init.detail !== undefined) this.detail = init.detail;
    this.outcomeUnknown = init.outcomeUnknown ?? false;
    this.userMessage = userMessage;
  }

  /** Whether the same request may succeed later without the user changing anything. */
  get isRetryable(): boolean {
    return RETRYABLE.has(this.kind);
  }
}

export function isPsaError(error: unknown): error is PsaError {
  return error instanceof PsaError;
}

/** `30 s`, `2 min`, `1 h 5 min`: how long Pullboard waits, in words a user reads at a glance. */
export function formatWait(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

function withDetail(detail: string | undefined, fallback = ''): string {
  return detail ? ` (${detail})` : fallback;
}

function describePsaError(init: PsaErrorInit): string {
  const { name, credentials } = init.psa;
  const code = init.status ? ` (${init.status})` : '';
  switch (init.kind) {
    case 'auth':
      return `${name} refused the API keys${code}. Check the ${credentials} in Pullboard's options.`;
    case 'forbidden': {
      const apiUser = init.psa.apiUser ?? 'API member';
      return (
        `${name} does not allow this ${apiUser} to do that${code}${init.detail ? `: ${init.detail}` : ''}. ` +
        `Ask your ${name} administrator to grant it in ${init.psa.permissions ?? `the ${apiUser}'s security role`}.`
      );
    }
    case 'notFound':
      return `${name} could not find ${init.detail ?? 'that record'}${code}. It may have been deleted or merged; refresh the board.`;
    case 'badRequest':
      return (
        `${name} rejected the request${code}${init.detail ? `: ${init.detail}` : ''}. ` +
        `Check the values you entered; if it keeps happening, report it with this message.`
      );
    case 'conflict':
      return `${name} reported a conflict${code}: someone else changed this record. Refresh it and try again.`;
    case 'rateLimited':
      return init.retryAfterMs !== undefined
        ? `${name} is rate-limiting requests; Pullboard will retry in ${formatWait(init.retryAfterMs)}.`
        : `${name} is rate-limiting requests; Pullboard will retry shortly.`;
    case 'server':
      return `${name} had an internal error${code}${init.detail ? `: ${init.detail}` : ''}. Pullboard will try again; if it keeps happening, check ${name}'s status.`;
    case 'network':
      return `Pullboard could not reach ${name}${withDetail(init.detail)}. Check your internet connection and the site URL in Pullboard's options.`;
    case 'timeout':
      return `${name} did not answer in time${withDetail(init.detail)}. Pullboard will try again; if it keeps happening, ${name} may be slow or down.`;
    case 'malformed':
      return `${name} sent data Pullboard could not read${withDetail(init.detail)}. Pullboard skipped it; if this keeps happening, report it with this message.`;
    case 'config':
      return `${init.detail ?? `The ${name} connection is not set up correctly`}. Check the ${name} connection in Pullboard's options.`;
  }
}
