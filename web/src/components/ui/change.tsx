import { formatChange } from '../../lib/format.ts';
import type { Better } from '../../lib/metrics.ts';

/** The change of a metric against the comparison period, green when it is good news, red when bad. */
export function Change({ now, before, better }: { now: number | null; before: number | null | undefined; better: Better }) {
  const text = formatChange(now, before);
  const delta = now !== null && before !== null && before !== undefined ? now - before : 0;
  const tone = delta === 0 || better === 'neither' ? 'neutral' : delta > 0 === (better === 'higher') ? 'good' : 'bad';
  return <span className={`change change-${tone}`}>{text}</span>;
}
