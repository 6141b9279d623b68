/**
 * The event_uuid of an event exported without an insert id (source-data.md): the lower-case hex
 * SHA-256 of NAME, ID, T and P joined by newlines.
 */
import { createHash } from 'node:crypto';
import { isJsonNumber, isJsonObject, numberText } from '../format/json-values.ts';

/**
 * Compact JSON with keys sorted at every level; numbers and strings as JSON.stringify writes them
 * (a number kept as text for its exact digits is written as the double it denotes).
 */
export function canonicalJson(value: unknown): string {
  if (isJsonNumber(value)) return JSON.stringify(Number(numberText(value)));
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  if (isJsonObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * NAME the event name, ID the distinct_id, T the `time` value's JSON text as it stands in the
 * record, P the properties object.
 */
export function derivedEventUuid(name: string, distinctId: string, time: unknown, properties: unknown): string {
  const timeText = isJsonNumber(time) ? numberText(time) : JSON.stringify(time);
  return createHash('sha256').update(`${name}\n${distinctId}\n${timeText}\n${canonicalJson(properties)}`, 'utf8').digest('hex');
}
