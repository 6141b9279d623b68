/** Argument limits of api.md beyond the date range (which `checkedRange` enforces). */
import { badUserInput } from './errors.ts';

export const MAX_IDS = 1000;
export const MAX_SPARKLINE_DAYS = 366;
export const MAX_FIRST = 1000;

export function checkedIds(ids: readonly string[], argument: string): string[] {
  if (ids.length > MAX_IDS) throw badUserInput(`Too many ids in ${argument}: ${ids.length} (at most ${MAX_IDS}).`);
  return [...ids];
}

export function checkedCount(value: number, argument: string, min: number, max: number): number {
  if (value < min || value > max) throw badUserInput(`Invalid ${argument}: ${value} is outside ${min}..${max}.`);
  return value;
}
