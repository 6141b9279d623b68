/**
 * Reporting time zone (M2). SQLite knows no IANA zones, so the zone's UTC offsets are turned into a
 * small table of transitions that SQL joins against to find each event's local day.
 */
import type Database from 'better-sqlite3';
import { PipelineInputError } from './errors.ts';
import { scratchTable } from './scratch.ts';

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

/**
 * Prepares SQL that gives the reporting-zone day (M2) of a normalised UTC timestamp expression.
 * Other zones join a scratch table (read by both connections) of the zone's offsets over the span
 * of the data.
 */
export function createLocalDaySql(
  db: Database.Database,
  zone: string,
  span: { first: string | null; last: string | null },
): (timestamp: string) => string {
  if (isUtc(zone)) return (timestamp) => `substr(${timestamp}, 1, 10)`;
  db.exec(`CREATE TABLE ${scratchTable('utc_offset')} (start_utc TEXT PRIMARY KEY, offset_minutes INTEGER NOT NULL) WITHOUT ROWID`);
  if (span.first !== null && span.last !== null) {
    const insert = db.prepare(`INSERT INTO ${scratchTable('utc_offset')} VALUES (?, ?)`);
    for (const t of offsetTransitions(zone, span.first, span.last)) insert.run(t.startUtc, t.offsetMinutes);
  }
  return (timestamp) =>
    `date(${timestamp}, (SELECT offset_minutes FROM utc_offset WHERE start_utc <= ${timestamp} ORDER BY start_utc DESC LIMIT 1) || ' minutes')`;
}
