import { beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../fixtures/backends.ts';
import { runFixture, type FixtureRun } from '../fixtures/pipeline-run.ts';
import { useTempDir, type SourceFixture } from '../fixtures/source-db.ts';

const tempDir = useTempDir();

const a1 = { adId: 'a1', adsetId: 's1', campaignId: 'c1' };
const a2 = { adId: 'a2', adsetId: 's1', campaignId: 'c1' };
const a3 = { adId: 'a3', adsetId: 's9', campaignId: 'c1' };

/*
 * Names by id, counted over the rows of all four Meta tables (M4):
 *   ad a1:     'Old name' daily 07-01 + country US, DE 07-01 + region 07-01 = 4 rows, seen 07-01 only;
 *              'New name' daily 07-02, 07-03 + device 07-03              = 3 rows, seen 07-02..07-03.
 *              ad_performance_daily alone would favour 'New name' (2 : 1); all four tables give 'Old name'.
 *   ad a2:     'apple' daily 07-05, 'Banana' country 07-05: one row each, both last seen 07-05 → code-point
 *              order: 'B' (66) < 'a' (97) → 'Banana'.
 *   ad a3:     NULL and '' only → no name.
 *   ad a5:     '😀' (U+1F600) daily 07-07, 'ｚ' (U+FF5A) country 07-07: tie → code-point order → 'ｚ'
 *              (UTF-16 order would put '😀', a surrogate pair starting 0xD83D, first).
 *   ad a4:     seen only in the region table, as 'Region only' on 07-04 → still a known entity with that name.
 *   adset s1:  'Set A' 07-01 (1 row), 'Set B' 07-02 (1 row) → tie → latest date → 'Set B'.
 *   adset s9:  no name.
 *   campaign c1: '  Camp  ' 07-01, 'Camp' 07-02, '\tCamp' region 07-01 → 'Camp' ×3 (07-01..07-02);
 *              '   ' 07-03 and '' / NULL rows are skipped.
 */
const FIXTURE: SourceFixture = {
  meta: [
    { ...a1, date: '2025-07-01', adName: 'Old name', adsetName: 'Set A', campaignName: '  Camp  ' },
    { ...a1, date: '2025-07-02', adName: 'New name', adsetName: 'Set B', campaignName: 'Camp' },
    { ...a1, date: '2025-07-03', adName: ' New name', adsetName: null, campaignName: '   ' },
    { ...a2, date: '2025-07-05', adName: 'apple' },
    { ...a3, date: '2025-07-06', adName: null, adsetName: '', campaignName: null },
    { adId: 'a5', adsetId: 's1', campaignId: 'c1', date: '2025-07-07', adName: '😀' },
  ],
  metaCountry: [
    { ...a1, date: '2025-07-01', country: 'US', adName: 'Old name', campaignName: '' },
    { ...a1, date: '2025-07-01', country: 'DE', adName: 'Old name ', campaignName: null },
    { ...a2, date: '2025-07-05', country: 'US', adName: 'Banana' },
    { ...a3, date: '2025-07-06', country: 'US', adName: '' },
    { adId: 'a5', adsetId: 's1', campaignId: 'c1', date: '2025-07-07', country: 'US', adName: 'ｚ' },
  ],
  metaRegion: [
    { ...a1, date: '2025-07-01', region: 'California', adName: 'Old name', campaignName: '\tCamp' },
    { adId: 'a4', adsetId: 's1', campaignId: 'c1', date: '2025-07-04', region: 'Texas', adName: 'Region only' },
  ],
  metaDevice: [{ ...a1, date: '2025-07-03', device: 'iphone', adName: 'New name' }],
};

describe.each(BACKENDS)('names (M4) [%s]', (backend) => {
  let run: FixtureRun;
  beforeAll(async () => {
    run = await runFixture(tempDir(), FIXTURE, {}, { backend });
  });

  it('M4 canonical names: highest count over the four Meta tables, ties by latest date then code-point order, NULL when no name', async () => {
    expect(await run.query('SELECT level, entity_id, name, frequency, last_seen FROM id_name_mapping ORDER BY level, entity_id')).toEqual([
      { level: 'ad', entity_id: 'a1', name: 'Old name', frequency: 4, last_seen: '2025-07-01' },
      { level: 'ad', entity_id: 'a2', name: 'Banana', frequency: 1, last_seen: '2025-07-05' },
      // An id with no name anywhere is still a known entity, with no canonical name.
      { level: 'ad', entity_id: 'a3', name: null, frequency: null, last_seen: null },
      { level: 'ad', entity_id: 'a4', name: 'Region only', frequency: 1, last_seen: '2025-07-04' },
      { level: 'ad', entity_id: 'a5', name: 'ｚ', frequency: 1, last_seen: '2025-07-07' },
      { level: 'adset', entity_id: 's1', name: 'Set B', frequency: 1, last_seen: '2025-07-02' },
      { level: 'adset', entity_id: 's9', name: null, frequency: null, last_seen: null },
      { level: 'campaign', entity_id: 'c1', name: 'Camp', frequency: 3, last_seen: '2025-07-02' },
    ]);
  });

  it('M4 history keeps every trimmed non-empty name with its count, first and last seen', async () => {
    expect(
      await run.query('SELECT level, entity_id, name, frequency, first_seen, last_seen FROM id_name_history ORDER BY level, entity_id, name'),
    ).toEqual([
      { level: 'ad', entity_id: 'a1', name: 'New name', frequency: 3, first_seen: '2025-07-02', last_seen: '2025-07-03' },
      { level: 'ad', entity_id: 'a1', name: 'Old name', frequency: 4, first_seen: '2025-07-01', last_seen: '2025-07-01' },
      { level: 'ad', entity_id: 'a2', name: 'Banana', frequency: 1, first_seen: '2025-07-05', last_seen: '2025-07-05' },
      { level: 'ad', entity_id: 'a2', name: 'apple', frequency: 1, first_seen: '2025-07-05', last_seen: '2025-07-05' },
      { level: 'ad', entity_id: 'a4', name: 'Region only', frequency: 1, first_seen: '2025-07-04', last_seen: '2025-07-04' },
      { level: 'ad', entity_id: 'a5', name: 'ｚ', frequency: 1, first_seen: '2025-07-07', last_seen: '2025-07-07' },
      { level: 'ad', entity_id: 'a5', name: '😀', frequency: 1, first_seen: '2025-07-07', last_seen: '2025-07-07' },
      { level: 'adset', entity_id: 's1', name: 'Set A', frequency: 1, first_seen: '2025-07-01', last_seen: '2025-07-01' },
      { level: 'adset', entity_id: 's1', name: 'Set B', frequency: 1, first_seen: '2025-07-02', last_seen: '2025-07-02' },
      { level: 'campaign', entity_id: 'c1', name: 'Camp', frequency: 3, first_seen: '2025-07-01', last_seen: '2025-07-02' },
    ]);
  });
});
