import type { DateRangeInput } from '../generated/graphql.ts';

/** Calendar days as 'YYYY-MM-DD' strings (the API's Date scalar), computed in UTC. */
export type DateRange = DateRangeInput;

const DAY_MS = 86_400_000;
const toTime = (day: string) => Date.parse(`${day}T00:00:00Z`);
const toDay = (time: number) => new Date(time).toISOString().slice(0, 10);

export const addDays = (day: string, days: number) => toDay(toTime(day) + days * DAY_MS);
export const isDay = (text: string) => /^\d{4}-\d{2}-\d{2}$/.test(text) && toDay(toTime(text)) === text;

/** Days in an inclusive range. */
export const rangeDays = (range: DateRange) => Math.round((toTime(range.end) - toTime(range.start)) / DAY_MS) + 1;

/** The last `days` days ending at `end`. */
export const lastDays = (end: string, days: number): DateRange => ({ start: addDays(end, 1 - days), end });

/** The period of equal length just before `range` (api.md, Period comparison). */
export function previousPeriod(range: DateRange): DateRange {
  const days = rangeDays(range);
  return { start: addDays(range.start, -days), end: addDays(range.start, -1) };
}

/** Seconds since the epoch at the start of a day (uPlot's time axis). */
export const daySeconds = (day: string) => toTime(day) / 1000;

const longDay = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
export const formatDay = (day: string) => longDay.format(toTime(day));
export const formatRange = (range: DateRange) => `${formatDay(range.start)} – ${formatDay(range.end)}`;
