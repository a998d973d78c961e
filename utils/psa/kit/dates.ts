/**
 * PSA timestamps, read the same way for every PSA: 0–7 fractional digits (.NET writes up to seven), with or
 * without a zone (none means UTC), and the placeholders .NET databases write for "no date"
 * (`0001-01-01T00:00:00`, `1899-12-30T00:00:00`, `1900-01-01T00:00:00`). Output: ISO-8601 UTC with milliseconds.
 */
import { z } from 'zod';

const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** Years at or before this one are placeholders for "no date", never real ticket times. */
export const LAST_PLACEHOLDER_YEAR = 1900;

/**
 * Reads a PSA timestamp. Returns the ISO string, `null` for a placeholder ("no date"), or `undefined` when the
 * text is not a timestamp at all. Fractions beyond milliseconds are cut, not rounded: a cursor built from
 * the result can only repeat a record, never skip one.
 */
export function readPsaDate(text: string): string | null | undefined {
  const match = TIMESTAMP.exec(text.trim());
  if (!match) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00', fraction = '', zone = 'Z'] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined;
  if (year <= LAST_PLACEHOLDER_YEAR) return null;
  const ms = Number(fraction.padEnd(3, '0').slice(0, 3));
  const local = Date.UTC(year, month - 1, day, Number(h), Number(mi), Number(s), ms);
  // Date.UTC rolls 31 April over into May: a day the month does not have is not a date.
  if (new Date(local).getUTCDate() !== day) return undefined;
  return new Date(local - offsetMinutes(zone) * 60_000).toISOString();
}

function offsetMinutes(zone: string): number {
  if (zone.toUpperCase() === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0'));
}

/** A timestamp the record cannot do without (created, updated): a placeholder is as wrong as garbage. */
export const PsaDate = z.string().transform((value, ctx) => {
  const read = readPsaDate(value);
  if (typeof read === 'string') return read;
  ctx.addIssue({ code: 'custom', message: read === null ? 'expected a date, not a placeholder' : 'expected a date', input: value });
  return z.NEVER;
});

/** A timestamp that may be missing, null, empty or a placeholder: all of them mean "no date". */
export const OptionalPsaDate = z
  .string()
  .nullish()
  .transform((value, ctx) => {
    if (value === null || value === undefined || value.trim() === '') return null;
    const read = readPsaDate(value);
    if (read !== undefined) return read;
    ctx.addIssue({ code: 'custom', message: 'expected a date', input: value });
    return z.NEVER;
  });

/** An ISO cursor as a whole-second UTC timestamp: rounded down, so `>=` it can repeat a record but never miss one. */
export function wholeSecondsUtc(iso: string): Date {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new TypeError(`Not a date: ${iso}`);
  return new Date(Math.floor(ms / 1000) * 1000);
}
