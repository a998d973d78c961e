/**
 * Reading PSA records with zod, the same way for every adapter: a record that does not fit is a
 * `malformed` PsaError (or a rejected record) that names the record, the field and what was wrong.
 */
import type { z } from 'zod';
import { PsaError, type PsaLabel } from '../errors';

/** Parses with the input kept on issues, so problems can say what was received. */
export function safeParseRecord<S extends z.ZodType>(schema: S, value: unknown): z.ZodSafeParseResult<z.output<S>> {
  return schema.safeParse(value, { reportInput: true });
}

/** `status.id: expected number, got "x"`: one line that names the field and what was wrong. */
export function describeIssues(error: z.ZodError): { field: string; problem: string } {
  const issue = error.issues[0];
  if (!issue) return { field: '', problem: 'invalid' };
  const field = issue.path.map(String).join('.');
  let what: string;
  if (issue.code === 'invalid_type') {
    what = 'input' in issue && issue.input !== undefined ? `expected ${issue.expected}, got ${describeValue(issue.input)}` : `expected ${issue.expected}, but it is missing`;
  } else if (issue.code === 'custom' || issue.code === 'invalid_format') {
    what = `${issue.message}, got ${describeValue(issue.input)}`;
  } else {
    what = issue.message;
  }
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more)` : '';
  return { field, problem: `${field ? `${field}: ` : ''}${what}${more}` };
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return JSON.stringify(shown);
  }
  return String(value);
}

/** Parses one record or throws `malformed` naming it (`ticket 42: summary: expected string, got 7`). */
export function parseRecord<S extends z.ZodType>(psa: PsaLabel, schema: S, value: unknown, what: string): z.output<S> {
  const result = safeParseRecord(schema, value);
  if (result.success) return result.data;
  const { field, problem } = describeIssues(result.error);
  const id = recordId(value);
  throw malformed(psa, `${what}${id ? ` ${id}` : ''}: ${problem}`, field);
}

/** What a PSA sent that Pullboard cannot read: `detail` says what and where. */
export function malformed(psa: PsaLabel, detail: string, field?: string): PsaError {
  return new PsaError({ kind: 'malformed', psa, detail, ...(field ? { field } : {}) });
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
