/**
 * The event_uuid of an event exported without an insert id (source-data.md): the lower-case hex
 * SHA-256 of NAME, ID, T and P joined by newlines.
 */
import { createHash } from 'node:crypto';
import { isJsonNumber, isJsonObject, numberText, type JsonObject } from '../format/json-values.ts';

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

/** Properties that differ between exports of one event (the time's unit, Mixpanel's processing stamps). */
const EXPORT_STAMPS = new Set(['time', 'mp_processing_time_ms', '$mp_api_timestamp_ms']);

/**
 * NAME the event name, ID the distinct_id, T the event's instant in whole epoch seconds (so `time`
 * in seconds and `time_in_ms` exports give one key), P the properties without the export stamps.
 */
export function derivedEventUuid(name: string, distinctId: string, instantMs: number, properties: JsonObject): string {
  const seconds = Math.trunc(instantMs / 1000);
  const stable = Object.fromEntries(Object.entries(properties).filter(([key]) => !EXPORT_STAMPS.has(key)));
  return createHash('sha256').update(`${name}\n${distinctId}\n${seconds}\n${canonicalJson(stable)}`, 'utf8').digest('hex');
}
