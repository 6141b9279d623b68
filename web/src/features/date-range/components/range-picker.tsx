import { useEffect, useState, type FormEvent } from 'react';
import { formatRange } from '../../../lib/dates.ts';
import { PRESET_DAYS, type DateRangeSelection } from '../hooks/use-date-range.ts';

export function RangePicker({ selection }: { selection: DateRangeSelection }) {
  const [start, setStart] = useState(selection.range.start);
  const [end, setEnd] = useState(selection.range.end);
  const [problem, setProblem] = useState<string | null>(null);
  // The fields show the range in force, whichever control chose it.
  useEffect(() => {
    setStart(selection.range.start);
    setEnd(selection.range.end);
  }, [selection.range.start, selection.range.end]);
  const applyCustom = (event: FormEvent) => {
    event.preventDefault();
    setProblem(selection.chooseCustom({ start, end }));
  };
  return (
    <section className="range-picker" aria-label="Date range">
      <div className="segmented" role="group" aria-label="Range presets">
        {PRESET_DAYS.map((days) => (
          <button
            key={days}
            type="button"
            aria-pressed={selection.preset === days}
            onClick={() => {
              setProblem(null);
              selection.choosePreset(days);
            }}
          >
            {days} days
          </button>
        ))}
      </div>
      <form className="custom-range" onSubmit={applyCustom} aria-label="Custom range">
        <label>
          From <input type="date" name="start" value={start} onChange={(event) => setStart(event.target.value)} required />
        </label>
        <label>
          to <input type="date" name="end" value={end} onChange={(event) => setEnd(event.target.value)} required />
        </label>
        <button type="submit" aria-pressed={selection.preset === 'custom'}>
          Custom
        </button>
      </form>
      <label className="compare-toggle">
        <input type="checkbox" checked={selection.compare} onChange={(event) => selection.setCompare(event.target.checked)} /> Compare
        with previous period
      </label>
      <p className="range-summary" data-testid="range-summary">
        {formatRange(selection.range)}
        {selection.compareTo && <span className="muted"> vs {formatRange(selection.compareTo)}</span>}
      </p>
      {problem && (
        <p className="error-text" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
