import { useState } from 'react';
import { isDay, lastDays, previousPeriod, type DateRange } from '../../../lib/dates.ts';

export const PRESET_DAYS = [7, 14, 30, 90] as const;
export type Preset = (typeof PRESET_DAYS)[number] | 'custom';

export interface DateRangeSelection {
  preset: Preset;
  /** The range shown: the preset's days ending at the last day with data, or the custom range. */
  range: DateRange;
  /** The previous period of equal length, when comparison is on. */
  compareTo: DateRange | null;
  compare: boolean;
  choosePreset(days: Exclude<Preset, 'custom'>): void;
  /** Sets a custom range; returns the problem with it, if any. */
  chooseCustom(range: DateRange): string | null;
  setCompare(compare: boolean): void;
}

/** The page's date range, anchored at `lastDay` (the last day with data, else today). */
export function useDateRange(lastDay: string): DateRangeSelection {
  const [preset, setPreset] = useState<Preset>(30);
  const [custom, setCustom] = useState<DateRange | null>(null);
  const [compare, setCompare] = useState(true);
  const range = preset === 'custom' && custom ? custom : lastDays(lastDay, preset === 'custom' ? 30 : preset);
  return {
    preset,
    range,
    compareTo: compare ? previousPeriod(range) : null,
    compare,
    choosePreset: (days) => setPreset(days),
    chooseCustom: (chosen) => {
      if (!isDay(chosen.start) || !isDay(chosen.end)) return 'Enter both days as YYYY-MM-DD.';
      if (chosen.end < chosen.start) return 'The end day is before the start day.';
      setCustom(chosen);
      setPreset('custom');
      return null;
    },
    setCompare,
  };
}
