/**
 * Reading PSA records with zod, the same way for every adapter: a record that does not fit is a
 * `malformed` PsaError (or a rejected record) that names the field and what was wrong.
 */
import type { z } from 'zod';
import { PsaError, type PsaLabel } from './errors';
import { describeIssues, safeParseRecord } from './connectwise/schemas';

export { describeIssues, safeParseRecord };

/** Parses one record or throws `malformed` naming it (`ticket 42: summary: expected string, got 7`). */
export function parseRecord<S extends z.ZodType>(psa: PsaLabel, schema: S, value: unknown, what: string): z.output<S> {
  const result = safeParseRecord(schema, value);
  if (result.success) return result.data;
  const { field, problem } = describeIssues(result.error);
  const id = recordId(value);
  throw new PsaError({ kind: 'malformed', psa, detail: `${what}${id ? ` ${id}` : ''}: ${problem}`, ...(field ? { field } : {}) });
}

/** The `id` of a raw record, when it has a readable one. */
export function recordId(record: unknown): string | null {
  if (typeof record !== 'object' || record === null) return null;
  const id = (record as { id?: unknown }).id;
  return typeof id === 'number' || (typeof id === 'string' && id !== '') ? String(id) : null;
}

/** `a list`, `an object`, `nothing`: what a response was, for a message saying it was not what we asked for. */
export function describeJson(json: unknown): string {
  if (json === null || json === undefined) return 'nothing';
  if (Array.isArray(json)) return 'a list';
  return typeof json === 'object' ? 'an object' : `a ${typeof json}`;
}

/** A PSA id Pullboard puts in a URL or a filter: digits only, so nothing else ends up there. */
export function numericId(psa: PsaLabel, id: string, what: string): number {
  if (!/^\d{1,15}$/.test(id)) {
    throw new PsaError({
      kind: 'config',
      psa,
      detail: `'${id}' is not a ${psa.name} ${what} id`,
      userMessage: `'${id}' is not a ${psa.name} ${what} id. Choose the ${what} again in Pullboard's options.`,
    });
  }
  return Number(id);
}
