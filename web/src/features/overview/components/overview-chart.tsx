import { useMemo } from 'react';
import uPlot from 'uplot';
import { Chart } from '../../../components/ui/chart.tsx';
import type { SparkPoint } from '../../../components/ui/sparkline.tsx';
import { daySeconds } from '../../../lib/dates.ts';
import { formatMoney } from '../../../lib/format.ts';

const moneyAxis = (_: uPlot, values: number[]) => values.map((value) => formatMoney(value).replace(/\.00$/, ''));

const OPTIONS: Omit<uPlot.Options, 'width' | 'height'> = {
  // Days are calendar days of the report: label them as such, whatever the browser's zone.
  tzDate: (seconds) => uPlot.tzDate(new Date(seconds * 1000), 'Etc/UTC'),
  scales: { x: { time: true } },
  axes: [{}, { values: moneyAxis, size: 70 }],
  series: [
    { label: 'Day', value: (_, seconds) => (seconds === null ? '' : new Date(seconds * 1000).toISOString().slice(0, 10)) },
    { label: 'Spend', stroke: '#dc2626', width: 2, value: (_, value) => formatMoney(value) },
    { label: 'Adjusted revenue', stroke: '#16a34a', width: 2, value: (_, value) => formatMoney(value) },
  ],
};

/** Daily spend and adjusted estimated revenue of the account, the 28 days ending at the range's end. */
export function OverviewChart({ spend, revenue }: { spend: readonly SparkPoint[]; revenue: readonly SparkPoint[] }) {
  const data = useMemo<uPlot.AlignedData>(
    () => [spend.map((point) => daySeconds(point.date)), spend.map((point) => point.value ?? null), revenue.map((point) => point.value ?? null)],
    [spend, revenue],
  );
  return (
    <figure className="overview-chart">
      <figcaption>Spend and adjusted revenue per day, last 28 days of the range</figcaption>
      <Chart options={OPTIONS} data={data} height={220} label="Spend and adjusted revenue per day" />
    </figure>
  );
}
