/** The strict `Date` scalar, the root date range and day arithmetic on 'YYYY-MM-DD' strings. */
import { Kind, print } from 'graphql';
import type { ApiContext } from '../context.ts';
import type { DayRange } from '../db/tables/daily-metrics-reads.ts';
import { builder } from './builder.ts';
import { badUserInput } from './errors.ts';

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
const dayOf = (number: number) => new Date(number * DAY_MS).toISOString().slice(0, 10);

export const addDays = (day: string, days: number) => dayOf(dayNumber(day) + days);

/** Number of days in an inclusive range. */
export const rangeLength = ({ start, end }: DayRange) => dayNumber(end) - dayNumber(start) + 1;

const daysCache = new Map<string, readonly string[]>();
const DAYS_CACHE_SIZE = 1000;

/** Every day of an inclusive range, in order (remembered: every node of a tree asks for the same range). */
export function daysOf(range: DayRange): readonly string[] {
  const key = `${range.start}|${range.end}`;
  let days = daysCache.get(key);
  if (!days) {
    if (daysCache.size >= DAYS_CACHE_SIZE) daysCache.clear();
    days = Array.from({ length: rangeLength(range) }, (_, index) => addDays(range.start, index));
    daysCache.set(key, days);
  }
  return days;
}

/** A real calendar day written 'YYYY-MM-DD', else BAD_USER_INPUT. */
export function parseDay(value: unknown): string {
  const day = String(value);
  const isDay = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(dayNumber(day));
  // Date.parse rolls impossible days over (2023-02-29 → 03-01), so the day must survive a round trip.
  if (!isDay || dayOf(dayNumber(day)) !== day) {
    throw badUserInput(`Invalid Date ${JSON.stringify(value)}: expected a calendar day written YYYY-MM-DD.`);
  }
  return day;
}

builder.scalarType('Date', {
  description: "A calendar day written 'YYYY-MM-DD' (the reporting time zone's days).",
  serialize: (value) => value,
  parseValue: parseDay,
  parseLiteral: (node) => parseDay(node.kind === Kind.STRING ? node.value : print(node)),
});

export const DateRangeInput = builder.inputType('DateRangeInput', {
  description: 'An inclusive range of days; end >= start, at most the configured number of days.',
  fields: (t) => ({
    start: t.field({ type: 'Date', required: true }),
    end: t.field({ type: 'Date', required: true }),
  }),
});

export const COMPARE_TO_DESCRIPTION =
  'A second period (same limits as `range`, typically the days of equal length just before it): `comparison` ' +
  'fields then hold the metrics over it. Which entities and breakdown values are listed follows `range` only (M30).';

/** The range of a root field and the optional period it is compared with (api.md "Period comparison"). */
export interface Periods {
  range: DayRange;
  /** Null when the query did not ask for a comparison. */
  compareTo: DayRange | null;
}

/** `range` and `compareTo` of a root field, each checked like a range. */
export const checkedPeriods = (args: { range: DayRange; compareTo?: DayRange | null }, ctx: ApiContext): Periods => ({
  range: checkedRange(args.range, ctx),
  compareTo: args.compareTo ? checkedRange(args.compareTo, ctx, 'compareTo') : null,
});

/**
 * Why an id-bearing type's period-dependent fields take their period as their own argument (api.md
 * "Period arguments"): normalized caches key a field by its own arguments only.
 */
export const PERIOD_ARGUMENT_WHY =
  'Pass it: clients with a normalized cache (Apollo Client, urql graphcache, Relay) store this field once per entity ' +
  'and its own arguments, so a period inherited from the root field would show one period\'s numbers under another\'s query.';

/** The description of a field's own period argument that falls back to the root field's `inherited` argument. */
export const periodArgumentDescription = (inherited: string) =>
  `The period of this field (same limits as the root field's \`range\`); absent, the root field's \`${inherited}\`. ${PERIOD_ARGUMENT_WHY}`;

/** A field's own period when given (checked like the root's range), else the period it inherits. */
export const ownPeriod = <Inherited extends DayRange | null>(
  given: DayRange | null | undefined,
  inherited: Inherited,
  ctx: ApiContext,
  argument: string,
): DayRange | Inherited => (given ? checkedRange(given, ctx, argument) : inherited);

/** The range when it is ordered and within the configured maximum, else BAD_USER_INPUT. */
export function checkedRange(range: DayRange, ctx: ApiContext, argument = 'range'): DayRange {
  if (range.end < range.start) throw badUserInput(`Invalid ${argument}: end ${range.end} is before start ${range.start}.`);
  const length = rangeLength(range);
  if (length > ctx.limits.maxRangeDays) {
    throw badUserInput(`Invalid ${argument}: ${length} days is longer than the maximum of ${ctx.limits.maxRangeDays} days.`);
  }
  return { start: range.start, end: range.end };
}
