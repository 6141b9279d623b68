import { formatChange } from '../../lib/format.ts';

/** The change of a metric against the comparison period, green when it is good news. */
export function Change({ now, before, lowerIsBetter = false }: { now: number | null; before: number | null | undefined; lowerIsBetter?: boolean }) {
  const text = formatChange(now, before);
  const delta = now !== null && before !== null && before !== undefined ? now - before : 0;
  const tone = delta === 0 ? 'neutral' : delta > 0 !== lowerIsBetter ? 'good' : 'bad';
  return <span className={`change change-${tone}`}>{text}</span>;
}
