import type { DataStatusQuery } from '../../../generated/graphql.ts';
import { formatCount, MISSING } from '../../../lib/format.ts';

const formatTimestamp = (text: string | null) => (text ? new Date(text).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' }) : MISSING);

/** What the published data covers: as-of day, reporting time zone, last run, entity counts. */
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
      <div>
        <dt>Data</dt>
        <dd>
          {status.firstDay && status.lastDay ? `${status.firstDay} – ${status.lastDay}` : MISSING} · {formatCount(status.campaigns)} campaigns,{' '}
          {formatCount(status.adsets)} ad sets, {formatCount(status.ads)} ads
        </dd>
      </div>
    </dl>
  );
}
