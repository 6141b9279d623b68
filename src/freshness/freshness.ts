/**
 * Source freshness (api.md "Operations", Freshness): how old the newest data of each source is, and
 * whether that is FRESH, WARN or STALE against FRESHNESS_WARN_AFTER / FRESHNESS_ERROR_AFTER.
 * A run records its sources' newest data (pipeline_runs.source_freshness); the age is measured from
 * that to now, so it grows while no new data arrives.
 */
import { UsageError } from '../config.ts';
import { offsetFormat, offsetMinutes } from '../../pipeline/timezone.ts';

export const FRESHNESS_SOURCES = ['meta', 'mixpanel'] as const;
export type FreshnessSource = (typeof FRESHNESS_SOURCES)[number];
export const FRESHNESS_STATUSES = ['FRESH', 'WARN', 'STALE'] as const;
export type FreshnessStatus = (typeof FRESHNESS_STATUSES)[number];

/** What a run records per source. */
export interface RecordedFreshness {
  /** The newest Meta day (`YYYY-MM-DD`) or Mixpanel event time (ISO, UTC); null when the source has none. */
  newest: string | null;
  /** The instant the newest data reaches: a Meta day's end in the run's time zone, an event's time. */
  newestAt: string | null;
  /** When the source's data was imported, where known (no import records it yet: null). */
  importedAt: string | null;
}
export type RecordedSourceFreshness = Record<FreshnessSource, RecordedFreshness>;

export interface FreshnessThresholds {
  warnAfterSeconds: number;
  errorAfterSeconds: number;
}

export const DEFAULT_FRESHNESS_THRESHOLDS: FreshnessThresholds = { warnAfterSeconds: 26 * 3600, errorAfterSeconds: 50 * 3600 };

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** A duration like `26h`, `90m`, `2d` or `45s`, in seconds; anything else is a UsageError naming `name`. */
export function parseDuration(text: string, name: string): number {
  const match = /^(\d+)(s|m|h|d)$/.exec(text.trim());
  if (!match || Number(match[1]) === 0) {
    throw new UsageError(`invalid ${name} ${JSON.stringify(text.slice(0, 100))}: expected a positive duration such as 26h, 90m or 2d`);
  }
  return Number(match[1]) * UNIT_SECONDS[match[2]!]!;
}

export function freshnessThresholdsFromEnv(env: NodeJS.ProcessEnv = process.env): FreshnessThresholds {
  const warnAfterSeconds = env.FRESHNESS_WARN_AFTER?.trim()
    ? parseDuration(env.FRESHNESS_WARN_AFTER, 'FRESHNESS_WARN_AFTER')
    : DEFAULT_FRESHNESS_THRESHOLDS.warnAfterSeconds;
  const errorAfterSeconds = env.FRESHNESS_ERROR_AFTER?.trim()
    ? parseDuration(env.FRESHNESS_ERROR_AFTER, 'FRESHNESS_ERROR_AFTER')
    : DEFAULT_FRESHNESS_THRESHOLDS.errorAfterSeconds;
  if (errorAfterSeconds < warnAfterSeconds) {
    throw new UsageError('FRESHNESS_ERROR_AFTER must not be shorter than FRESHNESS_WARN_AFTER');
  }
  return { warnAfterSeconds, errorAfterSeconds };
}

/** The instant a Meta day ends in `timezone` (the next day's local midnight), as ISO. */
export function endOfDay(day: string, timezone: string): string {
  const format = offsetFormat(timezone);
  const nextMidnightUtc = Date.parse(`${day}T00:00:00Z`) + 86_400_000;
  const guess = nextMidnightUtc - offsetMinutes(format, nextMidnightUtc) * 60_000;
  return new Date(nextMidnightUtc - offsetMinutes(format, guess) * 60_000).toISOString();
}

/** A run's record of its sources: the newest Meta day and the newest event time (`YYYY-MM-DD HH:MM:SS[.SSS]`, UTC). */
export function recordedFreshness(newestMetaDay: string | null, newestEventUtc: string | null, timezone: string): RecordedSourceFreshness {
  const eventAt = newestEventUtc === null ? null : new Date(`${newestEventUtc.replace(' ', 'T')}Z`).toISOString();
  return {
    meta: { newest: newestMetaDay, newestAt: newestMetaDay === null ? null : endOfDay(newestMetaDay, timezone), importedAt: null },
    mixpanel: { newest: eventAt, newestAt: eventAt, importedAt: null },
  };
}

export interface SourceFreshness extends RecordedFreshness {
  source: FreshnessSource;
  /** Seconds from the newest data to now; null when the source has none. */
  ageSeconds: number | null;
  status: FreshnessStatus;
}

/** Freshness of each source now, from a run's record (its JSON text); a source without data is STALE. */
export function freshnessNow(recorded: string, thresholds: FreshnessThresholds, nowMs = Date.now()): SourceFreshness[] {
  const parsed = JSON.parse(recorded) as Partial<RecordedSourceFreshness>;
  return FRESHNESS_SOURCES.map((source) => {
    const record = parsed[source] ?? { newest: null, newestAt: null, importedAt: null };
    const ageSeconds = record.newestAt === null ? null : Math.max(0, (nowMs - Date.parse(record.newestAt)) / 1000);
    const status: FreshnessStatus =
      ageSeconds === null || ageSeconds > thresholds.errorAfterSeconds ? 'STALE' : ageSeconds > thresholds.warnAfterSeconds ? 'WARN' : 'FRESH';
    return { source, ...record, ageSeconds, status };
  });
}
