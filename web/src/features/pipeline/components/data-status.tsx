import type { DataStatusQuery } from '../../../generated/graphql.ts';
import { formatCount, MISSING } from '../../../lib/format.ts';

const formatTimestamp = (text: string | null) => (text ? new Date(text).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' }) : MISSING);

const SOURCE_NAMES: Record<string, string> = { meta: 'Meta', mixpanel: 'Mixpanel' };

/** Hours (or days past 48 h) since a source's newest data. */
const formatAge = (seconds: number | null) =>
  seconds === null ? 'no data' : seconds < 48 * 3600 ? `${Math.floor(seconds / 3600)} h old` : `${Math.floor(seconds / 86_400)} days old`;

/**
 * What the published data covers: as-of day, reporting time zone, last and next run, entity counts,
 * and a badge per source whose data is not FRESH (api.md "Operations", Freshness).
 */
export function DataStatus({ status }: { status: DataStatusQuery['dataStatus'] }) {
  return (
    <dl className="data-status" aria-label="Data status">
      <div>
        <dt>As of</dt>
        <dd data-testid="as-of">{status.asOf ?? 'no run yet'}</dd>
      </div>
      <div>
        <dt>Time zone</dt>
        <dd>{status.timezone ?? MISSING}</dd>
      </div>
      <div>
        <dt>Last run</dt>
        <dd>{formatTimestamp(status.lastRunAt)}</dd>
      </div>
      {status.nextScheduledRun && (
        <div>
          <dt>Next run</dt>
          <dd data-testid="next-run">{formatTimestamp(status.nextScheduledRun)}</dd>
        </div>
      )}
      <div>
        <dt>Data</dt>
        <dd>
          {status.firstDay && status.lastDay ? `${status.firstDay} – ${status.lastDay}` : MISSING} · {formatCount(status.campaigns)} campaigns,{' '}
          {formatCount(status.adsets)} ad sets, {formatCount(status.ads)} ads
        </dd>
      </div>
      {status.freshness
        .filter((source) => source.status !== 'FRESH')
        .map((source) => (
          <span key={source.source} className={`freshness-badge ${source.status.toLowerCase()}`} data-testid={`freshness-${source.source}`}>
            {SOURCE_NAMES[source.source] ?? source.source} data {source.status === 'STALE' ? 'stale' : 'late'}: {formatAge(source.ageSeconds)}
          </span>
        ))}
    </dl>
  );
}
