/**
 * api.md "Period arguments (clients with a normalized cache)" on the server side: a field's own period
 * is checked like the root's range, tree membership still follows the root's range (M30), and the
 * cost estimate and the DataLoaders treat an explicit period exactly like the inherited one.
 * Values from test/api/data.ts (RANGE = 2024-03-01..03): c1 spends 10, 30, 20 in the range and 7 on
 * 02-27; c2 spends 5 on 03-01; c3 spends 100 on 02-20 only.
 */
import { Kind, parse, print, type FragmentDefinitionNode } from 'graphql';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DashboardDocument } from '../../src/generated/graphql.ts';
import { estimateCost } from '../../src/query-limits/cost-estimate.ts';
import { DEFAULT_QUERY_LIMITS } from '../../src/query-limits/plugins.ts';
import { schema } from '../../src/schema/index.ts';
import { BACKENDS } from '../fixtures/backends.ts';
import { APP_DATA, RANGE } from './data.ts';
import { createTestApi, type TestApi } from './fixture.ts';

const operationText = (file: string) => readFileSync(new URL(`../../src/operations/${file}`, import.meta.url), 'utf8');
const dashboardFragments = parse(operationText('fragments.graphql')).definitions.filter(
  (definition): definition is FragmentDefinitionNode =>
    definition.kind === Kind.FRAGMENT_DEFINITION && ['DashboardNode', 'DashboardMetrics'].includes(definition.name.value),
);
const DASHBOARD = [operationText('dashboard.graphql'), ...dashboardFragments.map((fragment) => print(fragment))].join('\n');

/** The same text with every field-level period argument removed: the inherited form. */
const inherited = (text: string) =>
  text
    .replaceAll('(range: $range)', '')
    .replaceAll('(range: $compareTo)', '')
    .replaceAll(', range: $range, compareTo: $compareTo', '')
    .replaceAll(', end: $end', '')
    .replaceAll(', $end: Date', '');

const BEFORE = { start: '2024-02-01', end: '2024-02-29' };

const estimate = (query: string, variables: Record<string, unknown>) =>
  estimateCost({ schema, document: parse(query), variables, maxRangeDays: 366 });

describe('the cost estimate treats an explicit period like the inherited one', () => {
  it('the Dashboard operation: explicit periods as variables, as literals, and inherited give one estimate', () => {
    const variables = { range: RANGE, compareTo: BEFORE, end: RANGE.end, first: 1000 };
    const explicit = estimate(DASHBOARD, variables);
    const literal = DASHBOARD.replace(/\$range\b(?!:)/g, '{ start: "2024-03-01", end: "2024-03-03" }')
      .replace(/\$compareTo\b(?!:)/g, '{ start: "2024-02-01", end: "2024-02-29" }')
      .replace(/\$end\b(?!:)/g, '"2024-03-03"');
    expect(DASHBOARD).not.toBe(inherited(DASHBOARD));
    expect(estimate(inherited(DASHBOARD), variables)).toBe(explicit);
    expect(estimate(literal, variables)).toBe(explicit);
    expect(explicit).toBeLessThan(DEFAULT_QUERY_LIMITS.maxCost);
  });

  it('a field period sizes what it lists: `daily(range:)` counts its own days', () => {
    const query = (days: string) => `{ entity(level: AD, id: "a", range: { start: "2024-03-01", end: "2024-03-03" }) { daily${days} { date } } }`;
    // entity 1 + daily 1 + days × date 1
    expect(estimate(query(''), {})).toBe(2 + 3);
    expect(estimate(query('(range: { start: "2024-03-01", end: "2024-03-03" })'), {})).toBe(2 + 3);
    expect(estimate(query('(range: { start: "2024-02-01", end: "2024-02-29" })'), {})).toBe(2 + 29);
  });
});

describe.each(BACKENDS)('field periods over the API [%s]', (backend) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(APP_DATA, {}, backend);
  });
  afterAll(() => api.cleanup());

  it('M30: the tree lists the root range\'s members in its order, each field reports its own period', async () => {
    const result = await api.runText(
      `query ($range: DateRangeInput!, $other: DateRangeInput!) { campaigns(range: $range) {
        id metrics(range: $other) { spend } inRange: metrics { spend } comparison(range: $range) { spend }
        daily(range: $other) { date metrics { spend } } sparkline(metric: SPEND, days: 2, end: "2024-02-27") { date value }
        breakdown(by: COUNTRY, range: $other, compareTo: $range) { value metrics { spend } comparison { spend } } } }`,
      { range: RANGE, other: { start: '2024-02-20', end: '2024-02-27' } },
    );
    expect(result.errors).toBeUndefined();
    const c1Daily = ['02-20', '02-21', '02-22', '02-23', '02-24', '02-25', '02-26', '02-27'].map((day) => ({
      date: `2024-${day}`,
      metrics: { spend: day === '02-27' ? 7 : 0 },
    }));
    // c3 spends 100 in the other period but has no row in the root's range, so it is not listed.
    expect(result.data).toEqual({
      campaigns: [
        {
          id: 'c1',
          metrics: { spend: 7 },
          inRange: { spend: 60 },
          comparison: { spend: 60 },
          daily: c1Daily,
          sparkline: [
            { date: '2024-02-26', value: 0 },
            { date: '2024-02-27', value: 7 },
          ],
          breakdown: [{ value: 'GB', metrics: { spend: 7 }, comparison: { spend: 0 } }],
        },
        {
          id: 'c2',
          metrics: { spend: 0 },
          inRange: { spend: 5 },
          comparison: { spend: 5 },
          daily: c1Daily.map(({ date }) => ({ date, metrics: { spend: 0 } })),
          sparkline: [
            { date: '2024-02-26', value: 0 },
            { date: '2024-02-27', value: 0 },
          ],
          breakdown: [],
        },
      ],
    });
  });

  it('the Dashboard operation runs the same statements with explicit periods as with inherited ones', async () => {
    const variables = { range: RANGE, compareTo: BEFORE, end: RANGE.end };
    api.resetStatements();
    const explicit = await api.run(DashboardDocument, variables);
    const explicitStatements = api.statements.length;
    api.resetStatements();
    const implicit = await api.runText(inherited(DASHBOARD), variables);
    expect(explicit.errors).toBeUndefined();
    expect(implicit.data).toEqual(explicit.data);
    expect(explicitStatements).toBe(api.statements.length);
  });

  it('entities asking for one explicit period other than the root\'s are read by one statement per level', async () => {
    const query = (level: string) => `query ($range: DateRangeInput!, $other: DateRangeInput!) { campaigns(range: $range, includeInactive: true) {
      id ${level === 'campaign' ? 'metrics(range: $other) { spend }' : 'adsets(includeInactive: true) { id metrics(range: $other) { spend } }'} } }`;
    const variables = { range: RANGE, other: { start: '2024-02-20', end: '2024-02-27' } };
    api.resetStatements();
    const withOther = await api.runText(query('campaign'), variables);
    const campaignStatements = api.statements.length;
    api.resetStatements();
    await api.runText(query('campaign'), { ...variables, other: RANGE });
    // the three campaigns' totals over the other period: one statement (the root's are primed by the listing)
    expect(campaignStatements).toBe(api.statements.length + 1);
    expect(withOther.data).toEqual({
      campaigns: [
        { id: 'c1', metrics: { spend: 7 } },
        { id: 'c2', metrics: { spend: 0 } },
        { id: 'c3', metrics: { spend: 100 } },
      ],
    });
  });

  it.each([
    ['metrics(range: { start: "2024-03-03", end: "2024-03-01" }) { spend }', 'Invalid range: end 2024-03-01 is before start 2024-03-03.'],
    ['daily(range: { start: "2023-03-03", end: "2024-03-03" }) { date }', 'Invalid range: 367 days is longer than the maximum of 366 days.'],
    [
      'breakdown(by: COUNTRY, compareTo: { start: "2024-03-03", end: "2024-03-02" }) { value }',
      'Invalid compareTo: end 2024-03-02 is before start 2024-03-03.',
    ],
    ['comparison(range: { start: "2024-02-30", end: "2024-03-01" }) { spend }', 'Invalid Date "2024-02-30": expected a calendar day written YYYY-MM-DD.'],
    ['sparkline(metric: SPEND, end: "03/03/2024") { value }', 'Invalid Date "03/03/2024": expected a calendar day written YYYY-MM-DD.'],
  ])('a field period is checked like the root range: %s', async (selection, message) => {
    const result = await api.runText(`{ entity(level: CAMPAIGN, id: "c1", range: { start: "2024-03-01", end: "2024-03-03" }) { ${selection} } }`);
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]).toMatchObject({ message: expect.stringContaining(message), extensions: { code: 'BAD_USER_INPUT' } });
  });
});
