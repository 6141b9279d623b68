import { beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../fixtures/backends.ts';
import { runFixture, type FixtureRun } from '../fixtures/pipeline-run.ts';
import { attributedUser, trialStarted, useTempDir, type MetaRow, type SourceFixture } from '../fixtures/source-db.ts';

const tempDir = useTempDir();

const metaDays = (adId: string, adsetId: string | null, campaignId: string | null, dates: string[]): MetaRow[] =>
  dates.map((date) => ({ adId, adsetId, campaignId, date }));

/*
 * Meta (ad_performance_daily):
 *   m1 moved: (s1,c1) on 07-01..07-03, (s2,c1) on 07-04..07-05, adset NULL 07-06, adset '' 07-07.
 *      Complete pairs: 5 days → (s1,c1) with 3/5 = 0.6, first 07-01, last 07-03 (M5).
 *      Its country rows under (s2,c1) on 07-10..07-13 do not vote (M5 counts ad_performance_daily only).
 *   m2: (s1,c1) 07-01, (s3,c1) 07-02 → tie 1:1 → latest date → (s3,c1), 0.5, 07-02..07-02.
 *   m3: (s1,c2) 07-01..07-03, (s1,NULL) 07-04..07-08 → (s1,c2), 3/3 = 1.
 *   m4: (s4,c3) 07-01; m5: (s4,c4) 07-02; m6: (s5,'9') 07-05; m7: (s5,'10') 07-05; m8: (s6,NULL) 07-01.
 * Adset → campaign (M6), votes = ad_performance_daily rows with a non-NULL campaign:
 *   s1: c1 = m1×3 + m2×1 = 4, c2 = m3×3 = 3 (m3's 5 NULL rows do not vote) → c1.
 *   s2: c1. s3: c1. s4: c3 07-01 vs c4 07-02 → tie → latest → c4.
 *   s5: '9' and '10' both once on 07-05 → smallest in code-point order → '10'. s6: no vote → no row.
 * Mixpanel-only (M7), attributed users only:
 *   x1: u1, u2 (xs1,xc1), u3 (xs2,xc1); u4 has no adset (no vote); u5, u6 are unattributed (xs2,xc1)
 *       → (xs1,xc1) with 2/3, first/last NULL.
 *   x2: u7 (xs-b,xc1), u8 (xs-a,xc2), u9 (xs-a,xc1) → one each → smallest adset 'xs-a', then
 *       smallest campaign 'xc1' → 1/3.
 *   x3: u10 with no adset/campaign → the ad exists, with no hierarchy link.
 *   m1 is also named by u11 with (xs1,xc1): m1 is in Meta, so its Meta pair stands.
 *   x4: u12 (s1,c1) → a Mixpanel-only ad under a Meta adset: (s1,c1), 1/1; s1 keeps its Meta campaign.
 *   Adsets: xs1 ← u1, u2, u11 all xc1 → xc1, 3/3. xs2 ← u3 → xc1, 1/1. xs-b ← u7 → xc1, 1/1.
 *           xs-a ← u8 xc2, u9 xc1 → tie → smallest id xc1, 1/2.
 */
const FIXTURE: SourceFixture = {
  meta: [
    ...metaDays('m1', 's1', 'c1', ['2025-07-01', '2025-07-02', '2025-07-03']),
    ...metaDays('m1', 's2', 'c1', ['2025-07-04', '2025-07-05']),
    ...metaDays('m1', null, 'c1', ['2025-07-06']),
    ...metaDays('m1', '', 'c1', ['2025-07-07']),
    ...metaDays('m2', 's1', 'c1', ['2025-07-01']),
    ...metaDays('m2', 's3', 'c1', ['2025-07-02']),
    ...metaDays('m3', 's1', 'c2', ['2025-07-01', '2025-07-02', '2025-07-03']),
    ...metaDays('m3', 's1', null, ['2025-07-04', '2025-07-05', '2025-07-06', '2025-07-07', '2025-07-08']),
    ...metaDays('m4', 's4', 'c3', ['2025-07-01']),
    ...metaDays('m5', 's4', 'c4', ['2025-07-02']),
    ...metaDays('m6', 's5', '9', ['2025-07-05']),
    ...metaDays('m7', 's5', '10', ['2025-07-05']),
    ...metaDays('m8', 's6', null, ['2025-07-01']),
  ],
  metaCountry: metaDays('m1', 's2', 'c1', ['2025-07-10', '2025-07-11', '2025-07-12', '2025-07-13']).map((row) => ({
    ...row,
    country: 'US',
  })),
  users: [
    attributedUser('u1', { ad: 'x1', adset: 'xs1', campaign: 'xc1' }),
    attributedUser('u2', { ad: 'x1', adset: 'xs1', campaign: 'xc1' }),
    attributedUser('u3', { ad: 'x1', adset: 'xs2', campaign: 'xc1' }),
    attributedUser('u4', { ad: 'x1', adset: null, campaign: 'xc1' }),
    attributedUser('u5', { ad: 'x1', adset: 'xs2', campaign: 'xc1' }, { hasAbiAttribution: 0 }),
    attributedUser('u6', { ad: 'x1', adset: 'xs2', campaign: 'xc1' }, { hasAbiAttribution: 0 }),
    attributedUser('u7', { ad: 'x2', adset: 'xs-b', campaign: 'xc1' }),
    attributedUser('u8', { ad: 'x2', adset: 'xs-a', campaign: 'xc2' }),
    attributedUser('u9', { ad: 'x2', adset: 'xs-a', campaign: 'xc1' }),
    attributedUser('u10', { ad: 'x3' }),
    attributedUser('u11', { ad: 'm1', adset: 'xs1', campaign: 'xc1' }),
    attributedUser('u12', { ad: 'x4', adset: 's1', campaign: 'c1' }),
  ],
  // Trials make the Mixpanel-only ad x1 active on 07-01 (M27), so it shows in the default tree (M30).
  events: [trialStarted('u1', '2025-07-01T10:00:00Z'), trialStarted('u4', '2025-07-01T11:00:00Z')],
};

describe.each(BACKENDS)('hierarchy (M5–M7, M30) [%s]', (backend) => {
  let run: FixtureRun;
  beforeAll(async () => {
    run = await runFixture(tempDir(), FIXTURE, {}, { backend });
  });

  it('M5 ad → (adset, campaign): dominant pair by days, confidence < 1 for an ad that moved, first/last seen of that pair; M7 Mixpanel-only ads', async () => {
    expect(await run.query('SELECT * FROM id_hierarchy_mapping ORDER BY ad_id')).toEqual([
      { ad_id: 'm1', adset_id: 's1', campaign_id: 'c1', confidence: 0.6, first_seen: '2025-07-01', last_seen: '2025-07-03', source: 'meta' },
      { ad_id: 'm2', adset_id: 's3', campaign_id: 'c1', confidence: 0.5, first_seen: '2025-07-02', last_seen: '2025-07-02', source: 'meta' },
      { ad_id: 'm3', adset_id: 's1', campaign_id: 'c2', confidence: 1, first_seen: '2025-07-01', last_seen: '2025-07-03', source: 'meta' },
      { ad_id: 'm4', adset_id: 's4', campaign_id: 'c3', confidence: 1, first_seen: '2025-07-01', last_seen: '2025-07-01', source: 'meta' },
      { ad_id: 'm5', adset_id: 's4', campaign_id: 'c4', confidence: 1, first_seen: '2025-07-02', last_seen: '2025-07-02', source: 'meta' },
      { ad_id: 'm6', adset_id: 's5', campaign_id: '9', confidence: 1, first_seen: '2025-07-05', last_seen: '2025-07-05', source: 'meta' },
      { ad_id: 'm7', adset_id: 's5', campaign_id: '10', confidence: 1, first_seen: '2025-07-05', last_seen: '2025-07-05', source: 'meta' },
      // m8 has no complete pair; x3 has no user with both ids: neither has a link.
      { ad_id: 'x1', adset_id: 'xs1', campaign_id: 'xc1', confidence: 2 / 3, first_seen: null, last_seen: null, source: 'mixpanel' },
      { ad_id: 'x2', adset_id: 'xs-a', campaign_id: 'xc1', confidence: 1 / 3, first_seen: null, last_seen: null, source: 'mixpanel' },
      { ad_id: 'x4', adset_id: 's1', campaign_id: 'c1', confidence: 1, first_seen: null, last_seen: null, source: 'mixpanel' },
    ]);
  });

  it('M6 adset → campaign: most rows, NULL campaigns do not vote, ties by latest date then smallest id in code-point order; M7 Mixpanel-only adsets', async () => {
    expect(await run.query('SELECT adset_id, campaign_id, source FROM adset_campaign_mapping ORDER BY adset_id')).toEqual([
      { adset_id: 's1', campaign_id: 'c1', source: 'meta' },
      { adset_id: 's2', campaign_id: 'c1', source: 'meta' },
      { adset_id: 's3', campaign_id: 'c1', source: 'meta' },
      { adset_id: 's4', campaign_id: 'c4', source: 'meta' },
      { adset_id: 's5', campaign_id: '10', source: 'meta' },
      { adset_id: 'xs-a', campaign_id: 'xc1', source: 'mixpanel' },
      { adset_id: 'xs-b', campaign_id: 'xc1', source: 'mixpanel' },
      { adset_id: 'xs1', campaign_id: 'xc1', source: 'mixpanel' },
      { adset_id: 'xs2', campaign_id: 'xc1', source: 'mixpanel' },
    ]);
  });

  it('M7 a Mixpanel-only adset: confidence = share of its users, first/last seen NULL', async () => {
    expect(
      await run.query("SELECT adset_id, confidence, first_seen, last_seen FROM adset_campaign_mapping WHERE source = 'mixpanel' ORDER BY adset_id"),
    ).toEqual([
      { adset_id: 'xs-a', confidence: 0.5, first_seen: null, last_seen: null },
      { adset_id: 'xs-b', confidence: 1, first_seen: null, last_seen: null },
      { adset_id: 'xs1', confidence: 1, first_seen: null, last_seen: null },
      { adset_id: 'xs2', confidence: 1, first_seen: null, last_seen: null },
    ]);
  });

  it('M7 entities known only from attributed Mixpanel users exist at every level, with no name (M4)', async () => {
    const ids = (level: string) =>
      run.query<{ entity_id: string; name: string | null }>('SELECT entity_id, name FROM id_name_mapping WHERE level = ? ORDER BY entity_id', level);
    expect((await ids('ad')).map((row) => row.entity_id)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8', 'x1', 'x2', 'x3', 'x4']);
    expect((await ids('adset')).map((row) => row.entity_id)).toEqual(['s1', 's2', 's3', 's4', 's5', 's6', 'xs-a', 'xs-b', 'xs1', 'xs2']);
    expect((await ids('campaign')).map((row) => row.entity_id)).toEqual(['10', '9', 'c1', 'c2', 'c3', 'c4', 'xc1', 'xc2']);
    expect((await ids('ad')).filter((row) => row.entity_id.startsWith('x'))).toEqual([
      { entity_id: 'x1', name: null },
      { entity_id: 'x2', name: null },
      { entity_id: 'x3', name: null },
      { entity_id: 'x4', name: null },
    ]);
  });

  it('M30 children via the mapping tables: a moved ad sits only under its dominant adset; a Mixpanel-only ad can sit under a Meta adset', async () => {
    const adsetsOf = async (campaignId: string) =>
      (await run.query('SELECT adset_id FROM adset_campaign_mapping WHERE campaign_id = ? ORDER BY adset_id', campaignId)).map((r) => r.adset_id);
    const adsOf = async (adsetId: string) =>
      (await run.query('SELECT ad_id FROM id_hierarchy_mapping WHERE adset_id = ? ORDER BY ad_id', adsetId)).map((r) => r.ad_id);
    expect(await adsetsOf('c1')).toEqual(['s1', 's2', 's3']);
    expect(await adsOf('s1')).toEqual(['m1', 'm3', 'x4']);
    expect(await adsOf('s2')).toEqual([]);
    expect(await adsOf('s3')).toEqual(['m2']);
    expect(await adsetsOf('xc1')).toEqual(['xs-a', 'xs-b', 'xs1', 'xs2']);
    expect(await adsetsOf('xc2')).toEqual([]);
    expect(await adsOf('xs1')).toEqual(['x1']);
    expect(await adsOf('xs-a')).toEqual(['x2']);
  });

  it('M7/M8/M30 the Mixpanel-only ad is active in the tree: u4 (no adset) is filled in from the ad\'s Mixpanel parents', async () => {
    const trialsOn = async (level: 'campaign' | 'adset' | 'ad', id: string) => (await run.dailyOn(level, id, '2025-07-01'))?.trial_user_ids;
    expect(await trialsOn('ad', 'x1')).toEqual(['u1', 'u4']);
    expect(await trialsOn('adset', 'xs1')).toEqual(['u1', 'u4']);
    expect(await trialsOn('campaign', 'xc1')).toEqual(['u1', 'u4']);
  });
});
