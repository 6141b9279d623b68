/** The campaign → adset → ad tree (M30), ordering and search, entities, names (M4) and links (M5–M7). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CampaignListDocument,
  CanonicalNamesDocument,
  DataStatusDocument,
  EntityDocument,
  HierarchyDocument,
  TreeDocument,
  type CampaignListQueryVariables,
} from '../../src/generated/graphql.ts';
import { APP_DATA, RANGE } from './data.ts';
import { BACKENDS } from '../fixtures/backends.ts';
import { createTestApi, type TestApi } from './fixture.ts';

describe.each(BACKENDS)('[%s]', (backend) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(APP_DATA, {}, backend);
  });
  afterAll(() => api.cleanup());

  async function campaignIds(variables: Omit<CampaignListQueryVariables, 'range'>) {
    const result = await api.run(CampaignListDocument, { range: RANGE, ...variables });
    expect(result.errors).toBeUndefined();
    return result.data!.campaigns.map((campaign) => campaign.id);
  }

  describe('tree membership (M30)', () => {
    it('M30 by default each node lists only children with a daily row in the range', async () => {
      const result = await api.run(TreeDocument, { range: RANGE });
      expect(result.errors).toBeUndefined();
      expect(result.data!.campaigns).toEqual([
        {
          id: 'c1', level: 'CAMPAIGN', name: 'Spring Sale',
          adsets: [
            {
              id: 'as1', level: 'ADSET', name: 'Adset One', campaign: { id: 'c1' },
              // ordered by spend: ad2 30, ad1 4, ad5 0 (a row without spend still makes it active)
              ads: [
                { id: 'ad2', level: 'AD', name: 'Ad Two', adset: { id: 'as1' }, campaign: { id: 'c1' }, hierarchyConfidence: 0.75 },
                { id: 'ad1', level: 'AD', name: 'Ad One', adset: { id: 'as1' }, campaign: { id: 'c1' }, hierarchyConfidence: 1 },
                { id: 'ad5', level: 'AD', name: 'Unknown ad (ad5)', adset: { id: 'as1' }, campaign: { id: 'c1' }, hierarchyConfidence: 0.5 },
              ],
            },
          ],
        },
        {
          id: 'c2', level: 'CAMPAIGN', name: 'Brand',
          adsets: [
            {
              id: 'as3', level: 'ADSET', name: 'Brand Adset', campaign: { id: 'c2' },
              ads: [{ id: 'ad3', level: 'AD', name: 'Brand Ad', adset: { id: 'as3' }, campaign: { id: 'c2' }, hierarchyConfidence: 1 }],
            },
          ],
        },
      ]);
    });

    it('M30 includeInactive lists every child (and every known campaign)', async () => {
      const result = await api.run(TreeDocument, { range: RANGE, includeInactive: true });
      const tree = result.data!.campaigns.map((campaign) => [
        campaign.id,
        campaign.name,
        campaign.adsets.map((adset) => [adset.id, adset.ads.map((ad) => ad.id)]),
      ]);
      expect(tree).toEqual([
        ['c1', 'Spring Sale', [['as1', ['ad2', 'ad1', 'ad5']], ['as2', ['ad4']]]],
        ['c2', 'Brand', [['as3', ['ad3']]]],
        ['c3', 'Unknown campaign (c3)', []],
      ]);
    });

    it('M30 the range decides activity: before March only c1 and c3 had rows', async () => {
      const result = await api.run(TreeDocument, { range: { start: '2024-02-01', end: '2024-02-29' } });
      expect(result.data!.campaigns.map((campaign) => [campaign.id, campaign.adsets.map((adset) => adset.id)])).toEqual([
        ['c3', []],
        ['c1', ['as2']],
      ]);
    });
  });

  describe('Query.campaigns ordering, search and first', () => {
    it('orders by the metric over the range, NULLs last in both directions', async () => {
      // ROAS: c2 15/5 = 3, c1 80/60, c3 NULL (no spend in the range)
      expect(await campaignIds({ orderBy: 'ROAS', includeInactive: true })).toEqual(['c2', 'c1', 'c3']);
      expect(await campaignIds({ orderBy: 'ROAS', descending: false, includeInactive: true })).toEqual(['c1', 'c2', 'c3']);
    });

    it('breaks ties by id whatever the direction', async () => {
      // purchase refund users: c1 1, c2 0, c3 0
      expect(await campaignIds({ orderBy: 'PURCHASE_REFUND_USERS', includeInactive: true })).toEqual(['c1', 'c2', 'c3']);
      expect(await campaignIds({ orderBy: 'PURCHASE_REFUND_USERS', descending: false, includeInactive: true })).toEqual(['c2', 'c3', 'c1']);
    });

    it('M4 ties go to the smaller id in code-point order (not UTF-16 order)', async () => {
      // U+FF5E sorts before U+10000 by code point, after it by UTF-16 code unit (0xD800 0xDC00)
      const [bmp, astral] = ['x\uFF5E', 'x\u{10000}'];
      const tied = await createTestApi({
        published: { asOf: RANGE.end, timezone: 'UTC' },
        names: [['campaign', astral, null, null, null], ['campaign', bmp, null, null, null]],
        adsetCampaigns: [],
        links: [],
        rows: [astral, bmp].map((id) => ({ level: 'campaign' as const, id, date: RANGE.start, measures: { spend: 1 } })),
      }, {}, backend);
      try {
        const result = await tied.run(CampaignListDocument, { range: RANGE });
        expect(result.data!.campaigns.map((campaign) => campaign.id)).toEqual([bmp, astral]);
      } finally {
        await tied.cleanup();
      }
    });

    it('defaults to spend descending, active campaigns only', async () => {
      const result = await api.run(CampaignListDocument, { range: RANGE });
      expect(result.data!.campaigns).toEqual([
        { id: 'c1', name: 'Spring Sale', metrics: { spend: 60, roas: 80 / 60 } },
        { id: 'c2', name: 'Brand', metrics: { spend: 5, roas: 3 } },
      ]);
    });

    it('cuts to `first` after ordering', async () => {
      expect(await campaignIds({ orderBy: 'ROAS', first: 1 })).toEqual(['c2']);
      expect(await campaignIds({ first: 0 })).toEqual([]);
    });

    it('search matches the display name or the id, ignoring case', async () => {
      expect(await campaignIds({ search: 'SPRING' })).toEqual(['c1']);
      expect(await campaignIds({ search: 'C2' })).toEqual(['c2']);
      expect(await campaignIds({ search: 'unknown', includeInactive: true })).toEqual(['c3']);
      expect(await campaignIds({ search: 'nothing like it' })).toEqual([]);
    });
  });

  describe('entities, names and links', () => {
    it('entity() resolves any level to its type and returns null for an unknown id', async () => {
      const ad = await api.run(EntityDocument, { level: 'AD', id: 'ad5', range: RANGE });
      expect(ad.data!.entity).toMatchObject({ __typename: 'Ad', id: 'ad5', level: 'AD', name: 'Unknown ad (ad5)' });
      expect(ad.data!.entity!.metrics.trials).toBe(1);
      const adset = await api.run(EntityDocument, { level: 'ADSET', id: 'as1', range: RANGE });
      expect(adset.data!.entity).toMatchObject({ __typename: 'Adset', name: 'Adset One', metrics: { spend: 36 } });
      const unknown = await api.run(EntityDocument, { level: 'CAMPAIGN', id: 'as1', range: RANGE });
      expect(unknown.errors).toBeUndefined();
      expect(unknown.data!.entity).toBeNull();
    });

    it('M4 nameHistory lists every observed name, most frequent first, ties by latest seen', async () => {
      const result = await api.run(EntityDocument, { level: 'CAMPAIGN', id: 'c1', range: RANGE });
      expect(result.data!.entity!.nameHistory).toEqual([
        { name: 'Spring Sale', frequency: 5, firstSeen: '2024-02-27', lastSeen: '2024-03-03' },
        { name: 'Spring  Sale!', frequency: 2, firstSeen: '2024-02-11', lastSeen: '2024-02-12' },
        { name: 'Spring Promo', frequency: 2, firstSeen: '2024-02-01', lastSeen: '2024-02-10' },
      ]);
    });

    it('M4 canonicalNames answers each requested id in order, null for ids without a name', async () => {
      const result = await api.run(CanonicalNamesDocument, { level: 'CAMPAIGN', ids: ['c3', 'c1', 'nope'] });
      expect(result.data!.canonicalNames).toEqual([
        { level: 'CAMPAIGN', id: 'c3', name: null, frequency: null, lastSeen: null },
        { level: 'CAMPAIGN', id: 'c1', name: 'Spring Sale', frequency: 5, lastSeen: '2024-03-03' },
        { level: 'CAMPAIGN', id: 'nope', name: null, frequency: null, lastSeen: null },
      ]);
    });

    it('M5–M7 hierarchy returns every link when adIds is omitted, else the asked ones, by ad id', async () => {
      const all = await api.run(HierarchyDocument, {});
      expect(all.data!.hierarchy.map((link) => link.adId)).toEqual(['ad1', 'ad2', 'ad3', 'ad4', 'ad5']);
      const some = await api.run(HierarchyDocument, { adIds: ['ad5', 'ad2', 'missing'] });
      expect(some.data!.hierarchy).toEqual([
        { adId: 'ad2', adsetId: 'as1', campaignId: 'c1', confidence: 0.75, firstSeen: '2024-03-02', lastSeen: '2024-03-02' },
        { adId: 'ad5', adsetId: 'as1', campaignId: 'c1', confidence: 0.5, firstSeen: null, lastSeen: null },
      ]);
    });

    it('dataStatus reports the published run, the day span and the entity counts', async () => {
      const result = await api.run(DataStatusDocument);
      expect(result.data!.dataStatus).toEqual({
        asOf: '2024-03-03',
        timezone: 'UTC',
        lastRunAt: '2024-03-04T00:00:05.000Z',
        firstDay: '2024-02-20',
        lastDay: '2024-03-03',
        campaigns: 3,
        adsets: 3,
        ads: 5,
        publishedAt: '2024-03-04T00:00:06.000Z',
        completeThrough: '2024-02-25',
        nextScheduledRun: null,
        // Run 1 of the fixture recorded no source freshness: no newest data, so STALE.
        freshness: [
          { source: 'meta', newest: null, ageSeconds: null, status: 'STALE' },
          { source: 'mixpanel', newest: null, ageSeconds: null, status: 'STALE' },
        ],
      });
    });
  });
});
