/**
 * Reporting time zone (M2): the check of a zone name, and the zone's UTC offsets over a span as a
 * list of transitions (SQLite knows no IANA zones: pipeline/sqlite/run-space.ts joins them).
 */
import { PipelineInputError } from './errors.ts';

export function assertTimeZone(zone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    throw new PipelineInputError(`invalid time zone '${zone}': expected an IANA name such as America/New_York`);
  }
}

export const isUtc = (zone: string) => ['utc', 'etc/utc', 'etc/gmt', 'gmt', 'utc0'].includes(zone.toLowerCase());

/** The formatter offsetMinutes reads a zone's wall-clock time with. */
export function offsetFormat(zone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
}

/** Offset of the formatter's zone from UTC at instant `ms`, in whole minutes. */
export function offsetMinutes(format: Intl.DateTimeFormat, ms: number): number {
  const parts = Object.fromEntries(format.formatToParts(ms).map((p) => [p.type, p.value]));
  const wall = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!);
  return Math.round((wall - Math.floor(ms / 1000) * 1000) / 60_000);
}

export interface OffsetTransition {
  /** UTC instant from which the offset applies, as `YYYY-MM-DD HH:MM:SS.SSS`. */
  startUtc: string;
  offsetMinutes: number;
}

const toUtcText = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 23);
const PROBE_STEP = 6 * 3600_000;
const MARGIN = 2 * 86_400_000;

/**
 * The offsets of `zone` over the UTC span [from, to] (timestamps as the pipeline stores them):
 * the offset in force at `from` (applying to everything earlier too), then every change, found
 * by probing every six hours and bisecting each change to the minute.
 */
export function offsetTransitions(zone: string, from: string, to: string): OffsetTransition[] {
  // Whole hours, so that bisection lands on the minute boundaries where zones change offset.
  const first = Math.floor((Date.parse(`${from.replace(' ', 'T')}Z`) - MARGIN) / 3600_000) * 3600_000;
  const last = Date.parse(`${to.replace(' ', 'T')}Z`) + MARGIN;
  const format = offsetFormat(zone);
  const transitions: OffsetTransition[] = [{ startUtc: '0000-01-01 00:00:00.000', offsetMinutes: offsetMinutes(format, first) }];
  let previous = transitions[0]!.offsetMinutes;
  for (let probe = first + PROBE_STEP; probe <= last + PROBE_STEP; probe += PROBE_STEP) {
    const offset = offsetMinutes(format, probe);
    if (offset === previous) continue;
    let before = probe - PROBE_STEP;
    let after = probe;
    while (after - before > 60_000) {
      const middle = before + Math.floor((after - before) / 120_000) * 60_000;
      if (offsetMinutes(format, middle) === previous) before = middle;
      else after = middle;
    }
    transitions.push({ startUtc: toUtcText(after), offsetMinutes: offset });
    previous = offset;
  }
  return transitions;
}
