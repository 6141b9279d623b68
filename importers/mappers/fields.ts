/**
 * Reading one field of an export record into a column value (source-data.md "Importing real
 * exports"): text as given, ids as text with their exact digits, numbers from JSON numbers or
 * numeric strings, timestamps as UTC `YYYY-MM-DDTHH:MM:SS.sssZ`.
 */
import { isJsonNumber, numberText } from '../format/json-values.ts';

/** A field whose value cannot be read as the column's type. */
export const INVALID = Symbol('invalid');
export type Invalid = typeof INVALID;

/** Absent or JSON null. */
const isAbsent = (value: unknown) => value === undefined || value === null;

/** Text as given; a number keeps its digits; absent → NULL. */
export function textField(value: unknown): string | null | Invalid {
  if (isAbsent(value)) return null;
  if (typeof value === 'string') return value;
  if (isJsonNumber(value)) return numberText(value);
  if (typeof value === 'boolean') return String(value);
  return INVALID;
}

/** An id: text (exact digits when given as a JSON number); absent or empty → NULL. */
export function idField(value: unknown): string | null | Invalid {
  const text = textField(value);
  return text === '' ? null : text;
}

const NUMERIC_TEXT = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

/** A JSON number or a numeric string (`"14.35"`); absent or empty → NULL; anything else is INVALID. */
export function numberField(value: unknown, { integer = false } = {}): number | null | Invalid {
  if (isAbsent(value) || value === '') return null;
  let number: number;
  if (isJsonNumber(value)) number = Number(numberText(value));
  else if (typeof value === 'string' && NUMERIC_TEXT.test(value)) number = Number(value);
  else return INVALID;
  if (!Number.isFinite(number) || (integer && !Number.isInteger(number))) return INVALID;
  return number;
}

/** The instants `toISOString` writes with a four-digit year. */
const MIN_MS = Date.parse('0000-01-01T00:00:00.000Z');
const MAX_MS = Date.parse('9999-12-31T23:59:59.999Z');

/** A UTC instant in milliseconds as the source tables store timestamps; INVALID outside years 0000–9999. */
export function utcTimestamp(ms: number): string | Invalid {
  if (!Number.isFinite(ms) || ms < MIN_MS || ms > MAX_MS) return INVALID;
  return new Date(ms).toISOString();
}

const EPOCH_TEXT = /^\s*(-?)(\d+)(?:\.(\d*))?\s*$/;

/**
 * Epoch seconds (milliseconds when above 10^11) as whole milliseconds, finer digits dropped.
 * Decimal text is read digit by digit, so `1602611311.1239` is exactly …311123 ms.
 */
export function epochMillis(value: unknown): number | Invalid {
  const text = isJsonNumber(value) ? numberText(value) : typeof value === 'string' ? value : undefined;
  if (text === undefined) return INVALID;
  const decimal = EPOCH_TEXT.exec(text);
  if (!decimal) {
    const number = NUMERIC_TEXT.test(text) ? Number(text) : NaN;
    if (!Number.isFinite(number)) return INVALID;
    return Math.trunc(Math.abs(number) > 1e11 ? number : number * 1000);
  }
  const [, sign, whole, fraction = ''] = decimal;
  const magnitude = Number(whole) > 1e11 ? Number(whole) : Number(whole) * 1000 + Number(fraction.padEnd(3, '0').slice(0, 3));
  return sign === '-' ? -magnitude : magnitude;
}

const ISO_TIMESTAMP =
  /^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?\s*$/i;

/** An ISO-8601 date or date-time; no zone means UTC. */
export function isoMillis(value: unknown): number | Invalid {
  if (typeof value !== 'string') return INVALID;
  const match = ISO_TIMESTAMP.exec(value);
  if (!match) return INVALID;
  const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '', zone = 'Z'] = match;
  const ms = Date.UTC(+year!, +month! - 1, +day!, +hour, +minute, +second, Number(fraction.padEnd(3, '0').slice(0, 3)));
  const date = new Date(ms);
  // Date.UTC rolls 2024-02-30 over into March: such a date is not a date.
  if (date.getUTCDate() !== +day! || date.getUTCMonth() !== +month! - 1 || +hour > 23 || +minute > 59 || +second > 59) return INVALID;
  if (zone.toUpperCase() === 'Z') return ms;
  const [, zoneSign, zoneHours, zoneMinutes = '0'] = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)!;
  const offset = (+zoneHours! * 60 + +zoneMinutes) * 60_000;
  return zoneSign === '+' ? ms - offset : ms + offset;
}

/** A calendar date `YYYY-MM-DD`. */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  return new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
}
