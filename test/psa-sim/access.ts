/**
 * Credentials with partial rights, as real MSPs hand them out: an Autotask API user whose security level may not read
 * Contacts or Resources, a Halo application without rights to teams or clients, a ConnectWise member whose security
 * role cannot inquire on companies. Each dialect refuses those areas in its own way (see README.md, "Partial rights").
 */

/** Which credentials are limited. Names: a tech's identifier (`adunn`), or `api` for Autotask's shared API user and Halo's shared application. */
export interface AccessLimits {
  /** ConnectWise members whose security role cannot inquire on companies (`/company/companies`, `/company/contacts`). */
  connectwiseMembers?: readonly string[];
  /** Autotask users whose security level may not query Contacts or Resources (nor a resource's service desk roles). */
  autotaskUsers?: readonly string[];
  /** Halo applications without rights to teams or clients (`/api/Team`, `/api/Client`). */
  haloApplications?: readonly string[];
}

/** The demo tech, whose ConnectWise key the CLI and the demo print first (seed.ts memberCredentials). */
export const DEMO_TECH_IDENTIFIER = 'adunn';

/** `--limited-user`: the credentials the demo and the CLI print, each limited as above. */
export const LIMITED_DEMO_CREDENTIALS: AccessLimits = {
  connectwiseMembers: [DEMO_TECH_IDENTIFIER], autotaskUsers: ['api'], haloApplications: ['api'],
};

export const isLimited = (names: readonly string[] | undefined, name: string): boolean =>
  (names ?? []).some((candidate) => candidate.toLowerCase() === name.toLowerCase());
