import { beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../fixtures/backends.ts';
import { runFixture, type FixtureRun } from '../fixtures/pipeline-run.ts';
import { attributedUser, trialStarted, useTempDir, type SourceFixture } from '../fixtures/source-db.ts';

const tempDir = useTempDir();

/*
 * Meta on 07-01: a1 under (s1,c1), a2 under (s2,c2), a5 under (s1,c3), a6 under (s1,c1)
 *   → M5: a1 → (s1,c1), a5 → (s1,c3); M6: s1 → c1 (2 rows against 1), s2 → c2.
 * Every user below starts a trial on 07-01. Their ids per level (M8):
 *   u1: ad a1 only       → adset s1 (a1's adset), campaign c1 (s1's campaign)
 *   u2: ad a1, adset s2  → own adset s2, campaign c2 (s2's campaign, not a1's c1)
 *   u3: campaign c1 only → counts for c1, for no adset and no ad
 *   u4: has_abi_attribution = 0 → counts nowhere
 *   u5: ad '', adset '', campaign c1 → '' is absent: counts for c1 only, no entity ''
 *   u6: ad a9 (in no Meta table, no user with a pair) → ad a9 only; no adset, so no campaign
 *   u7: adset s1 only    → adset s1, campaign c1
 *   u8: ad a5 only       → adset s1 (a5's adset), campaign c1: the campaign of that adset (M6),
 *                          not c3, the campaign of a5's own pair (M5)
 */
const FIXTURE: SourceFixture = {
  meta: [
    { adId: 'a1', adsetId: 's1', campaignId: 'c1', date: '2025-07-01' },
    { adId: 'a2', adsetId: 's2', campaignId: 'c2', date: '2025-07-01' },
    { adId: 'a5', adsetId: 's1', campaignId: 'c3', date: '2025-07-01' },
    { adId: 'a6', adsetId: 's1', campaignId: 'c1', date: '2025-07-01' },
  ],
  users: [
    attributedUser('u1', { ad: 'a1' }),
    attributedUser('u2', { ad: 'a1', adset: 's2' }),
    attributedUser('u3', { campaign: 'c1' }),
    attributedUser('u4', { ad: 'a1', adset: 's1', campaign: 'c1' }, { hasAbiAttribution: 0 }),
    attributedUser('u5', { ad: '', adset: '', campaign: 'c1' }),
    attributedUser('u6', { ad: 'a9' }),
    attributedUser('u7', { adset: 's1' }),
    attributedUser('u8', { ad: 'a5' }),
  ],
  events: ['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8'].map((user) => trialStarted(user, '2025-07-01T10:00:00Z', { productId: 'p1' })),
};

describe.each(BACKENDS)('attribution (M8) [%s]', (backend) => {
  let run: FixtureRun;
  beforeAll(async () => {
    run = await runFixture(tempDir(), FIXTURE, {}, { backend });
  });

  it('M8 each level counts its own ids, filled in from M5/M6 when missing; unattributed users and empty ids count nowhere', async () => {
    expect(
      await run.query(`SELECT level, entity_id, trials, trial_user_ids FROM ${run.dailyRows} WHERE date = '2025-07-01' ORDER BY level, entity_id`),
    ).toEqual([
      { level: 'ad', entity_id: 'a1', trials: 2, trial_user_ids: ['u1', 'u2'] },
      { level: 'ad', entity_id: 'a2', trials: 0, trial_user_ids: [] },
      { level: 'ad', entity_id: 'a5', trials: 1, trial_user_ids: ['u8'] },
      { level: 'ad', entity_id: 'a6', trials: 0, trial_user_ids: [] },
      { level: 'ad', entity_id: 'a9', trials: 1, trial_user_ids: ['u6'] },
      { level: 'adset', entity_id: 's1', trials: 3, trial_user_ids: ['u1', 'u7', 'u8'] },
      { level: 'adset', entity_id: 's2', trials: 1, trial_user_ids: ['u2'] },
      // A campaign's numbers are its own users, not the sum of its adsets (s1 has 3, c1 has 5).
      { level: 'campaign', entity_id: 'c1', trials: 5, trial_user_ids: ['u1', 'u3', 'u5', 'u7', 'u8'] },
      { level: 'campaign', entity_id: 'c2', trials: 1, trial_user_ids: ['u2'] },
      { level: 'campaign', entity_id: 'c3', trials: 0, trial_user_ids: [] },
    ]);
  });

  it('M8 no entity is made of an empty id, and the unattributed user appears on no day', async () => {
    expect(await run.query("SELECT count(*) AS n FROM daily_metrics WHERE entity_id = ''")).toEqual([{ n: 0 }]);
    expect(await run.query("SELECT count(*) AS n FROM id_name_mapping WHERE entity_id = ''")).toEqual([{ n: 0 }]);
    expect(await run.query(`SELECT count(*) AS n FROM daily_user_lists WHERE trial_user_ids LIKE '%"u4"%'`)).toEqual([{ n: 0 }]);
  });
});
