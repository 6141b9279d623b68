import { useMemo } from 'react';
import type uPlot from 'uplot';
import { daySeconds } from '../../lib/dates.ts';
import { Chart } from './chart.tsx';

export interface SparkPoint {
  date: string;
  value?: number | null;
}

const SPARKLINE_OPTIONS: Omit<uPlot.Options, 'width' | 'height'> = {
  legend: { show: false },
  cursor: { show: false },
  select: { show: false, left: 0, top: 0, width: 0, height: 0 },
  axes: [{ show: false }, { show: false }],
  scales: { x: { time: false } },
  series: [{}, { stroke: '#2563eb', width: 1.5, points: { show: false }, spanGaps: false }],
};

/** A small line of one metric per day; days without a value (NULL) leave a gap. */
export function Sparkline({ points, label }: { points: readonly SparkPoint[]; label: string }) {
  const data = useMemo<uPlot.AlignedData>(
    () => [points.map((point) => daySeconds(point.date)), points.map((point) => point.value ?? null)],
    [points],
  );
  return <Chart className="sparkline" options={SPARKLINE_OPTIONS} data={data} width={96} height={24} label={label} />;
}
