/**
 * The pieces every PSA's record schemas are built from: integer ids, and the `{id, name}` record PSAs use
 * for a board, a status, a priority, an agent or a reference to one.
 */
import { z } from 'zod';

export const PsaId = z.number().int();

/** `{id, name}`: the least a named record has; schemas `extend` it with what else they read. */
export const NamedRecord = z.object({ id: PsaId, name: z.string() });
