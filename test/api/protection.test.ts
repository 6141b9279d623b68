/** Batching (one statement per kind of data per tree level) and the static query limits. */
import { afterAll, describe, expect, it } from 'vitest';
import { DashboardDocument } from '../../src/generated/graphql.ts';
import { QUERY_LIMITS } from '../../src/server.ts';
import { APP_DATA, RANGE } from './data.ts';
import { BACKENDS } from '../fixtures/backends.ts';
import { createTestApi, type AppData, type DailyRow } from './fixture.ts';

/** `count` campaigns, each with two adsets of two ads, rows on every day of RANGE and a country breakdown. */
function campaigns(count: number): AppData {
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
    for (const a of [0, 1]) {
      const adset = `${campaign}-as${a}`;
      data.names.push(['adset', adset, `Adset ${a}`, 1, RANGE.end]);
      data.adsetCampaigns.push([adset, campaign]);
      data.rows.push(...rows('adset', adset, a + 1));
      for (const d of [0, 1]) {
        const ad = `${adset}-ad${d}`;
        data.names.push(['ad', ad, `Ad ${d}`, 1, RANGE.end]);
        data.links.push([ad, adset, campaign, 1, days[0]!, days[2]!]);
        data.rows.push(...rows('ad', ad, d + 1));
      }
    }
  }
  return data;
}

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

describe('query limits, checked before any SQL', async () => {
  const api = await createTestApi(APP_DATA);
  afterAll(() => api.cleanup());

  async function refused(query: string) {
    api.resetStatements();
    const result = await api.runText(query);
    expect(result.data).toBeUndefined();
    expect(result.errors).toHaveLength(1);
    expect(api.statements).toEqual([]);
    return result.errors![0]!.message;
  }

  it('the full dashboard query passes', async () => {
    const result = await api.run(DashboardDocument, { range: RANGE });
    expect(result.errors).toBeUndefined();
    expect(result.data!.campaigns.map((campaign) => campaign.id)).toEqual(['c1', 'c2']);
  });

  it('deep nesting is refused', async () => {
    const nested = 'adset { ads { '.repeat(5) + 'id' + ' } }'.repeat(5);
    const message = await refused(`{ entity(level: AD, id: "ad1", range: { start: "2024-03-01", end: "2024-03-03" }) { ... on Ad { ${nested} } } }`);
    expect(message).toContain(`Query depth limit of ${QUERY_LIMITS.maxDepth} exceeded`);
  });

  it('hundreds of aliases are refused', async () => {
    const aliases = Array.from({ length: 300 }, (_, index) => `a${index}: dataStatus { ads }`).join(' ');
    expect(await refused(`{ ${aliases} }`)).toContain(`Aliases limit of ${QUERY_LIMITS.maxAliases} exceeded`);
  });

  it('an expensive query is refused by cost', async () => {
    const node = 'id name metrics { spend roas trials } sparkline(metric: ROAS) { date value }';
    const query = `{ campaigns(range: { start: "2024-03-01", end: "2024-03-03" }, first: 1000) {
      ${node} adsets(includeInactive: true) { ${node} ads(includeInactive: true) { ${node} } } } }`;
    expect(await refused(query)).toContain(`Query Cost limit of ${QUERY_LIMITS.maxCost} exceeded`);
  });
});
