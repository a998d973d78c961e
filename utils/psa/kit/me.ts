/**
 * Who "me" is, the same way for every PSA whose credentials may belong to an API user shared by the MSP:
 * the member chosen in options; else the credentials' own member when it is a technician; else the
 * technician with the e-mail given in options; else the user must choose. Never the API user itself.
 */
import { PsaError, type PsaLabel } from '../errors';
import { numericId } from './records';

export interface MeSearch<M> {
  psa: PsaLabel;
  /** What the PSA calls the record Pullboard looks for: `resource`, `agent`. */
  member: string;
  /** What it calls a technician: `technician`, `agent`. */
  technician: string;
  /** The member chosen in options, if any. */
  chosenId: string | null | undefined;
  /** The e-mail given in options, if any. */
  email: string | null | undefined;
  /** Everyone who could be "me". */
  members: () => Promise<readonly M[]>;
  idOf: (member: M) => number;
  emailOf: (member: M) => string | null | undefined;
  /** Active, a technician and not an API user: whom an e-mail may name. */
  isTechnician: (member: M) => boolean;
  /** The credentials' own member when it is a technician; null when it is the API user. */
  own: () => Promise<M | null>;
  /** What the user reads when the credentials are an API user's and nothing else says who they are. */
  notATechnician: string;
  /** Why a member cannot hold tickets (inactive, an API user, no service desk role), or null when it can. */
  cannotHoldTickets: (member: M) => Promise<string | null>;
  /** How the user reads a member's name in a sentence. */
  nameOf: (member: M) => string;
}

export async function findMe<M>(search: MeSearch<M>): Promise<M> {
  const { psa, member, technician, chosenId, email } = search;
  if (chosenId) {
    const id = numericId(psa, chosenId, member);
    const chosen = (await search.members()).find((candidate) => search.idOf(candidate) === id);
    if (chosen) {
      // Pull next assigns tickets to "me": a member who cannot hold one is no "me".
      const reason = await search.cannotHoldTickets(chosen);
      if (reason === null) return chosen;
      throw new PsaError({
        kind: 'config',
        psa,
        detail: `${member} ${chosenId} cannot hold tickets: ${reason}`,
        userMessage: `${search.nameOf(chosen)} cannot be "me": in ${psa.name} this ${member} ${reason}, so tickets cannot be assigned to it. Choose your own ${technician} ${member}.`,
      });
    }
    throw new PsaError({
      kind: 'config',
      psa,
      detail: `${member} ${chosenId} does not exist`,
      userMessage: `${psa.name} has no ${member} ${chosenId} any more. Choose who you are again in Pullboard's options.`,
    });
  }
  const own = await search.own();
  if (own) return own;
  if (email) {
    const match = (await search.members()).find((candidate) => sameText(search.emailOf(candidate), email) && search.isTechnician(candidate));
    if (match) return match;
    throw new PsaError({
      kind: 'config',
      psa,
      detail: `no active ${technician} has the e-mail ${email}`,
      userMessage: `No active ${psa.name} ${technician} has the e-mail ${email}. Check it, or choose who you are from the list in Pullboard's options.`,
    });
  }
  throw new PsaError({ kind: 'config', psa, detail: `the credentials belong to an ${psa.apiUser ?? 'API user'}`, userMessage: search.notATechnician });
}

/** The same text whatever its case and surrounding blanks; blank is never the same as anything. */
export function sameText(a: string | null | undefined, b: string | null | undefined): boolean {
  return !!a && !!b && a.trim().toLowerCase() === b.trim().toLowerCase();
}
