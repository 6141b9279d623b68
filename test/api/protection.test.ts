/**
 * Batching (one statement per kind of data per tree level) and the query limits of api.md "Query
 * limits": the always-served class is served, literal or variable; hostile shapes are refused before
 * any SQL with QUERY_TOO_COMPLEX; the execution budget stops what the estimate lets through.
 */
import { getIntrospectionQuery, Kind, parse, print, type FragmentDefinitionNode } from 'graphql';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { DashboardDocument } from '../../src/generated/graphql.ts';
import { estimateCost } from '../../src/query-limits/cost-estimate.ts';
import { DEFAULT_QUERY_LIMITS } from '../../src/query-limits/plugins.ts';
import { schema } from '../../src/schema/index.ts';
import { APP_DATA, RANGE } from './data.ts';
import { BACKENDS } from '../fixtures/backends.ts';
import { createTestApi, type AppData, type DailyRow } from './fixture.ts';

/** `count` campaigns, each with `children` adsets of `children` ads, rows on every day of RANGE and a country breakdown. */
function campaigns(count: number, children = 2): AppData {
  const data: AppData = { published: { asOf: RANGE.end, timezone: 'UTC' }, names: [], adsetCampaigns: [], links: [], rows: [] };
  const days = ['2024-03-01', '2024-03-02', '2024-03-03'];
  const rows = (level: DailyRow['level'], id: string, spend: number) =>
    days.map((date): DailyRow => ({ level, id, date, measures: { spend, metaTrials: 1 }, lists: { trial: [`${id}-${date}`] } }));
  for (let c = 0; c < count; c += 1) {
    const campaign = `c${c}`;
    data.names.push(['campaign', campaign, `Campaign ${c}`, 1, RANGE.end]);
    data.rows.push(...rows('campaign', campaign, c + 1));
    for (const value of ['US', 'DE']) {
      data.rows.push({ level: 'campaign', id: campaign, date: days[0]!, breakdown: { dimension: 'country', value }, measures: { spend: 1 } });
    }
    for (let a = 0; a < children; a += 1) {
      const adset = `${campaign}-as${a}`;
      data.names.push(['adset', adset, `Adset ${a}`, 1, RANGE.end]);
      data.adsetCampaigns.push([adset, campaign]);
      data.rows.push(...rows('adset', adset, a + 1));
      for (let d = 0; d < children; d += 1) {
        const ad = `${adset}-ad${d}`;
        data.names.push(['ad', ad, `Ad ${d}`, 1, RANGE.end]);
        data.links.push([ad, adset, campaign, 1, days[0]!, days[2]!]);
        data.rows.push(...rows('ad', ad, d + 1));
      }
    }
  }
  return data;
}

const operationText = (file: string) => readFileSync(new URL(`../../src/operations/${file}`, import.meta.url), 'utf8');
const FRAGMENTS = new Map(
  parse(operationText('fragments.graphql'))
    .definitions.filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
    .map((fragment) => [fragment.name.value, print(fragment)]),
);
const ALL_METRICS = FRAGMENTS.get('AllMetrics')!;
/** The Dashboard operation with its fragments; `first` replaced by a literal when given. */
const dashboardText = (first?: number) =>
  [
    first === undefined
      ? operationText('dashboard.graphql')
      : operationText('dashboard.graphql').replace(', $first: Int = 100', '').replace('first: $first)', `first: ${first})`),
    FRAGMENTS.get('DashboardNode'),
    FRAGMENTS.get('DashboardMetrics'),
  ].join('\n');

/**
 * The largest always-served node (api.md): every field once — metrics, comparison, one 366-day
 * sparkline, one breakdown with its metrics, names — with `first`, `days` and the range as given.
 */
function alwaysServedTree(first: string, days: string, range: string, by = 'REGION') {
  const node = `__typename id level name nameHistory { name frequency firstSeen lastSeen }
    metrics { ...AllMetrics } comparison { ...AllMetrics }
    sparkline(metric: ROAS, days: ${days}) { date value }
    breakdown(by: ${by}) { dimension value metrics { ...AllMetrics } comparison { ...AllMetrics } }`;
  return `campaigns(range: ${range}, first: ${first}, includeInactive: true) {
    ${node} adsets(includeInactive: true) { ${node} campaign { id } ads(includeInactive: true) { ${node} adset { id } campaign { id } hierarchyConfidence } } }`;
}
const ALWAYS_SERVED_LITERAL = `{ ${alwaysServedTree('1000', '366', '{ start: "2024-03-01", end: "2024-03-03" }')} }\n${ALL_METRICS}`;
const ALWAYS_SERVED_VARIABLES = `query ($first: Int, $days: Int, $range: DateRangeInput!, $by: BreakdownDimension!) {
  ${alwaysServedTree('$first', '$days', '$range', '$by')} }\n${ALL_METRICS}`;

/** userIds at every level of the tree over 366 days (before the limits: 9 s, 64 MB and 545 MB of memory on the demo data). */
const USER_IDS_EVERYWHERE = {
  literal: `{ campaigns(range: { start: "2023-03-04", end: "2024-03-03" }) { metrics { userIds(list: TRIAL) }
    adsets { metrics { userIds(list: TRIAL) } ads { metrics { userIds(list: TRIAL) } } } } }`,
  variables: `query ($range: DateRangeInput!, $list: UserList!, $first: Int) { campaigns(range: $range, first: $first) { metrics { userIds(list: $list) }
    adsets { metrics { userIds(list: $list) } ads { metrics { userIds(list: $list) } } } } }`,
  values: { range: { start: '2023-03-04', end: '2024-03-03' }, list: 'TRIAL', first: 100 },
};

/** The cyclic fan-out of the hostile load (before the limits: 2.3 s and 613 MB on the demo data). */
const CYCLIC_FAN_OUT = {
  literal: `{ campaigns(range: { start: "2024-03-01", end: "2024-03-03" }) { adsets { campaign { adsets { ads { adset { ads {
    id sparkline(metric: ROAS, days: 366) { date value } } } } } } } } }`,
  variables: `query ($range: DateRangeInput!, $days: Int!, $first: Int) { campaigns(range: $range, first: $first) { adsets { campaign { adsets { ads { adset { ads {
    id sparkline(metric: ROAS, days: $days) { date value } } } } } } } } }`,
  values: { range: RANGE, days: 366, first: 100 },
};

const estimate = (query: string, variables?: Record<string, unknown>) =>
  estimateCost({ schema, document: parse(query), variables, maxRangeDays: 366 });

describe.each(BACKENDS)('DataLoader batching [%s]', (backend) => {
  it('the dashboard query runs the same number of statements over 2 and over 20 campaigns', async () => {
    const counts: number[] = [];
    for (const count of [2, 20]) {
      const api = await createTestApi(campaigns(count), {}, backend);
      try {
        const result = await api.run(DashboardDocument, { range: RANGE });
        expect(result.errors).toBeUndefined();
        const nodes = result.data!.campaigns.flatMap((campaign) => [campaign, ...campaign.adsets, ...campaign.adsets.flatMap((adset) => adset.ads)]);
        expect(nodes).toHaveLength(count * 7);
        expect(result.data!.campaigns[0]!.breakdown.map((row) => row.value)).toEqual(['DE', 'US']);
        counts.push(api.statements.length);
      } finally {
        await api.cleanup();
      }
    }
    expect(counts[1]).toBe(counts[0]);
    // published run; per level: members with totals and names, then sparkline days; one breakdown
    expect(counts[0]).toBe(8);
  });
});

describe('the cost estimate measures work, not spelling', () => {
  it('counts one value per selected field and multiplies by each list: `first`, the assumed 50 adsets, `days`', () => {
    // campaigns 1 + 3 × (id 1 + adsets 1 + 50 × id 1)
    expect(estimate('{ campaigns(range: { start: "2024-03-01", end: "2024-03-03" }, first: 3) { id adsets { id } } }')).toBe(157);
    // entity 1 + sparkline 1 + 30 × (date + value)
    expect(estimate('{ entity(level: AD, id: "a", range: { start: "2024-03-01", end: "2024-03-03" }) { sparkline(metric: ROAS, days: 30) { date value } } }')).toBe(62);
    // the default first (100) and days (14) count when the argument is left out
    expect(estimate('{ campaigns(range: { start: "2024-03-01", end: "2024-03-03" }) { sparkline(metric: ROAS) { value } } }')).toBe(1 + 100 * (1 + 14));
    // userIds: 1,000 ids per day of the range (3 days)
    expect(estimate('{ overview(range: { start: "2024-03-01", end: "2024-03-03" }) { metrics { userIds(list: TRIAL) } } }')).toBe(1 + 1 + 1 + 3000);
  });

  it('gives the same estimate for literals, variables and defaults', () => {
    const literal = estimate(ALWAYS_SERVED_LITERAL);
    expect(estimate(ALWAYS_SERVED_VARIABLES, { first: 1000, days: 366, range: RANGE, by: 'REGION' })).toBe(literal);
    expect(estimate(USER_IDS_EVERYWHERE.variables, USER_IDS_EVERYWHERE.values)).toBe(estimate(USER_IDS_EVERYWHERE.literal));
    expect(estimate(CYCLIC_FAN_OUT.variables, CYCLIC_FAN_OUT.values)).toBe(estimate(CYCLIC_FAN_OUT.literal));
    expect(estimate(dashboardText(5), { range: RANGE })).toBe(estimate(dashboardText(), { range: RANGE, first: 5 }));
    expect(estimate(dashboardText(100), { range: RANGE })).toBe(estimate(dashboardText(), { range: RANGE }));
  });

  it('keeps the largest always-served query well under the limit, and the hostile shapes well over it', () => {
    const alwaysServed = estimate(ALWAYS_SERVED_LITERAL)!;
    expect(alwaysServed).toBeLessThan(DEFAULT_QUERY_LIMITS.maxCost / 1.5);
    for (const hostile of [USER_IDS_EVERYWHERE.literal, CYCLIC_FAN_OUT.literal]) {
      expect(estimate(hostile)).toBeGreaterThan(DEFAULT_QUERY_LIMITS.maxCost * 3);
    }
  });
});

describe('always served, literal or variable', async () => {
  // 1,000 campaigns, each with one adset of one ad: 3,000 nodes
  const api = await createTestApi(campaigns(1000, 1));
  afterAll(() => api.cleanup());

  it('the Dashboard operation over 1,000 campaigns, with `first` literal (5 and 1000), as a variable and left out', async () => {
    for (const [first, text, variables] of [
      [5, dashboardText(5), { range: RANGE }],
      [1000, dashboardText(1000), { range: RANGE }],
      [1000, dashboardText(), { range: RANGE, first: 1000 }],
      [100, dashboardText(), { range: RANGE }],
    ] as const) {
      const result = await api.runText(text, variables);
      expect(result.errors).toBeUndefined();
      const data = result.data as { campaigns: { adsets: { ads: unknown[] }[] }[] };
      expect(data.campaigns).toHaveLength(first);
      expect(data.campaigns.flatMap((campaign) => campaign.adsets.flatMap((adset) => adset.ads))).toHaveLength(first);
    }
  });

  // 3,000 nodes with 366 sparkline points each: about 2.3 million values, some seconds each.
  it.each([
    ['as literals', ALWAYS_SERVED_LITERAL.replace('breakdown(by: REGION)', 'breakdown(by: COUNTRY)'), undefined],
    ['as variables', ALWAYS_SERVED_VARIABLES, { first: 1000, days: 366, range: RANGE, by: 'COUNTRY' }],
  ])('the whole tree of 1,000 campaigns with every metric, a 366-day sparkline and a breakdown per node, %s', { timeout: 180_000 }, async (_, query, variables) => {
    const result = await api.runText(query, variables);
    expect(result.errors).toBeUndefined();
    const data = result.data as { campaigns: { sparkline: unknown[]; breakdown: unknown[]; adsets: { ads: { sparkline: unknown[] }[] }[] }[] };
    expect(data.campaigns).toHaveLength(1000);
    expect(data.campaigns[999]!.sparkline).toHaveLength(366);
    expect(data.campaigns[0]!.breakdown).toHaveLength(2);
    expect(data.campaigns[0]!.adsets[0]!.ads[0]!.sparkline).toHaveLength(366);
  });
});

describe('refused before any SQL, with QUERY_TOO_COMPLEX naming the limit and the measured value', async () => {
  const api = await createTestApi(APP_DATA);
  afterAll(() => api.cleanup());

  async function refused(query: string, variables?: Record<string, unknown>) {
    api.resetStatements();
    const result = await api.runText(query, variables);
    expect(result.data).toBeUndefined();
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX' });
    expect(api.statements).toEqual([]);
    const { message } = result.errors![0]!;
    expect(message).not.toContain('Syntax Error');
    return message;
  }

  it('userIds at every level of the tree over 366 days, as literals and as variables', async () => {
    const literal = estimate(USER_IDS_EVERYWHERE.literal)!;
    const limit = DEFAULT_QUERY_LIMITS.maxCost.toLocaleString('en-US');
    expect(await refused(USER_IDS_EVERYWHERE.literal)).toContain(`estimated cost is ${literal.toLocaleString('en-US')}, over the limit of ${limit}`);
    expect(await refused(USER_IDS_EVERYWHERE.variables, USER_IDS_EVERYWHERE.values)).toContain(`estimated cost is ${literal.toLocaleString('en-US')}`);
    expect(await refused(USER_IDS_EVERYWHERE.variables, { ...USER_IDS_EVERYWHERE.values, first: undefined })).toContain(`over the limit of ${limit}`);
  });

  it('the cyclic fan-out campaigns → adsets → campaign → adsets → ads → adset → ads with 366-day sparklines, literal and variable', async () => {
    const expected = `estimated cost is ${estimate(CYCLIC_FAN_OUT.literal)!.toLocaleString('en-US')}`;
    expect(await refused(CYCLIC_FAN_OUT.literal)).toContain(expected);
    expect(await refused(CYCLIC_FAN_OUT.variables, CYCLIC_FAN_OUT.values)).toContain(expected);
    expect(await refused(CYCLIC_FAN_OUT.variables, { ...CYCLIC_FAN_OUT.values, first: undefined })).toContain(expected);
  });

  it('the always-served tree asked four times under aliases', async () => {
    const tree = alwaysServedTree('1000', '366', '{ start: "2024-03-01", end: "2024-03-03" }');
    const fourTimes = `{ ${['a', 'b', 'c', 'd'].map((alias) => `${alias}: ${tree}`).join(' ')} }\n${ALL_METRICS}`;
    expect(await refused(fourTimes)).toMatch(/^Query too complex: its estimated cost is [\d,]+, over the limit of /);
  });

  it("GraphiQL's introspection query is not refused", async () => {
    const result = await api.runText(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true, specifiedByUrl: true }));
    expect(result.errors).toBeUndefined();
    expect((result.data as { __schema: { types: unknown[] } }).__schema.types.length).toBeGreaterThan(20);
  });

  it('deep nesting', async () => {
    const nested = 'adset { ads { '.repeat(5) + 'id' + ' } }'.repeat(5);
    const message = await refused(`{ entity(level: AD, id: "ad1", range: { start: "2024-03-01", end: "2024-03-03" }) { ... on Ad { ${nested} } } }`);
    expect(message).toBe(`Query too complex: Query depth limit of ${DEFAULT_QUERY_LIMITS.maxDepth} exceeded, found 12.`);
  });

  it('hundreds of aliases', async () => {
    const aliases = Array.from({ length: 300 }, (_, index) => `a${index}: dataStatus { ads }`).join(' ');
    expect(await refused(`{ ${aliases} }`)).toBe(`Query too complex: Aliases limit of ${DEFAULT_QUERY_LIMITS.maxAliases} exceeded, found 300.`);
  });

  it('a document over the token limit', async () => {
    // 132 KB: over the default size limit too, so that limit is raised here
    const query = `{ ${'__typename '.repeat(12_000)}}`;
    const roomy = await createTestApi(APP_DATA, { queryLimits: { maxDocumentBytes: 1_000_000 } });
    try {
      const result = await roomy.runText(query);
      expect(result.errors?.[0]).toMatchObject({
        message: 'Query too complex: the document has 12,002 tokens, over the limit of 10,000.',
        extensions: { code: 'QUERY_TOO_COMPLEX' },
      });
      expect(roomy.statements).toEqual([]);
    } finally {
      await roomy.cleanup();
    }
  });

  it('a document over the size limit, before it is parsed', async () => {
    const query = `{ ${'__typename '.repeat(20_000)}}`;
    expect(await refused(query)).toBe(`Query too complex: the document is ${(query.length).toLocaleString('en-US')} bytes, over the limit of 100,000 bytes.`);
  });
});

describe('the execution budget stops what the estimate lets through', () => {
  it('a query within the estimate that resolves more values than the budget gets QUERY_TOO_COMPLEX and no data', async () => {
    // Lists resolved: 20 campaigns × 3 values (id, sparkline, adsets) + 40 adsets × 3 + 80 ads × 2 (id, sparkline)
    // + 140 sparklines × 14 points × 2 (date, value) = 60 + 120 + 160 + 3,920 = 4,260 values.
    const api = await createTestApi(campaigns(20), { queryLimits: { maxResolvedValues: 4_259 } });
    try {
      const query = `{ campaigns(range: { start: "2024-03-01", end: "2024-03-03" }) { id sparkline(metric: SPEND) { date value }
        adsets { id sparkline(metric: SPEND) { date value } ads { id sparkline(metric: SPEND) { date value } } } } }`;
      expect(estimate(query)).toBeLessThan(DEFAULT_QUERY_LIMITS.maxCost);
      // twice: the repeat runs compiled (src/compiled-execution.ts) and must be stopped the same way
      for (const result of [await api.runText(query), await api.runText(query)]) {
        expect(result.data).toBeNull();
        expect(result.errors).toHaveLength(1);
        expect(result.errors![0]!.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX' });
        expect(result.errors![0]!.message).toMatch(/^Query too complex: it resolved [\d,]+ values, over the execution budget of 4,259 values per request\./);
      }
      // the same query within the budget is served
      const generous = await createTestApi(campaigns(20), { queryLimits: { maxResolvedValues: 4_260 } });
      try {
        expect((await generous.runText(query)).errors).toBeUndefined();
      } finally {
        await generous.cleanup();
      }
    } finally {
      await api.cleanup();
    }
  });
});
