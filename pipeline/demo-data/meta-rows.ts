/**
 * Meta Insights rows of one ad-day: the daily row and its country, region and device breakdowns,
 * which split the daily spend, impressions, clicks (and, except for regions, trials and purchases)
 * exactly, as Meta's breakdowns of one ad-day do.
 */
import type { Random } from './random.ts';
import { COUNTRIES, type Platform } from './world.ts';

/** [spend in cents, impressions, clicks, meta trials, meta purchases] */
export type MetaMeasures = [number, number, number, number, number];

export interface BreakdownRow {
  value: string;
  measures: MetaMeasures;
}

/** Splits an integer total by shares (largest remainder), so the parts add up to the total exactly. */
export function splitInteger(total: number, shares: readonly number[]): number[] {
  const shareSum = shares.reduce((sum, share) => sum + share, 0);
  const exact = shares.map((share) => (total * share) / shareSum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((sum, part) => sum + part, 0);
  const byRemainder = exact.map((value, index) => ({ index, remainder: value - Math.floor(value) }));
  byRemainder.sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of byRemainder) {
    if (left-- <= 0) break;
    parts[index]!++;
  }
  return parts;
}

const byValue = (a: BreakdownRow, b: BreakdownRow) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);

/** Breakdown rows for values with the given shares, sorted by value (primary-key order), empty rows left out. */
function splitMeasures(measures: MetaMeasures, values: string[], shares: number[]): BreakdownRow[] {
  const columns = measures.map((total) => splitInteger(total, shares));
  return values
    .map((value, row) => ({ value, measures: columns.map((column) => column[row]!) as MetaMeasures }))
    .filter((row) => row.measures.some((measure) => measure > 0))
    .sort(byValue);
}

export interface AdDayBreakdowns {
  country: BreakdownRow[];
  region: BreakdownRow[];
  device: BreakdownRow[];
}

/** A few countries, their regions and a few devices per ad-day, drawn from the campaign's audience. */
export function breakdownAdDay(random: Random, measures: MetaMeasures, countryWeights: readonly number[], platform: Platform): AdDayBreakdowns {
  const countries = random.weightedSample(countryWeights, random.int(1, 4)).map((index) => COUNTRIES[index]!);
  const countryShares = countries.map((country) => country.weight * random.lognormal(0.3));
  const country = splitMeasures(measures, countries.map((c) => c.code), countryShares);

  const region: BreakdownRow[] = [];
  for (const countryRow of country) {
    const regions = COUNTRIES.find((c) => c.code === countryRow.value)!.regions;
    const picked = random.weightedSample(regions.map((r) => r.weight), random.int(1, 3)).map((index) => regions[index]!);
    region.push(...splitMeasures(countryRow.measures, picked.map((r) => r.meta), picked.map((r) => r.weight * random.lognormal(0.3))));
  }
  region.sort(byValue);

  const devices = random.weightedSample(platform.devices.map((d) => d.weight), random.int(1, 3)).map((index) => platform.devices[index]!);
  const device = splitMeasures(measures, devices.map((d) => d.name), devices.map((d) => d.weight * random.lognormal(0.3)));
  return { country, region, device };
}
