import { beforeAll, describe, expect, it } from 'vitest';
import { BASE_MEASURES } from '../../src/metrics/formulas.ts';
import { LIST_COUNT_MEASURE, USER_LISTS, listColumn, metricColumn, type UserListName } from '../../src/db/tables/metric-columns.ts';
import type { AppRow } from '../fixtures/app-reader.ts';
import { breakdownSumViolations } from '../fixtures/invariants.ts';
import { BACKENDS } from '../fixtures/backends.ts';
import { runFixture, type FixtureRun } from '../fixtures/pipeline-run.ts';
import {
  attributedUser,
  cancellation,
  initialPurchase,
  trialConverted,
  trialStarted,
  useTempDir,
  type SourceFixture,
} from '../fixtures/source-db.ts';

const tempDir = useTempDir();

const a1 = { adId: 'a1', adsetId: 's1', campaignId: 'c1', date: '2025-07-01' };
const inA1 = { ad: 'a1', adset: 's1', campaign: 'c1' };
const DAY = '2025-07-01';

/** One breakdown value as expected: only what is non-zero; list counts follow the lists. */
interface ExpectedValue {
  value: string;
  spend?: number;
  metaTrials?: number;
  lists?: Partial<Record<UserListName, string[]>>;
  actualRevenue?: number;
  actualRefunds?: number;
  estimatedRevenue?: number;
  /** [sum, count] of the three estimated rates (M19). */
  trialConversionRate?: [number, number];
  trialRefundRate?: [number, number];
  purchaseRefundRate?: [number, number];
}

const expectedRows = (values: ExpectedValue[]) => values.map(expectedRow);

function expectedRow(expected: ExpectedValue): AppRow {
  const row: AppRow = { value: expected.value };
  for (const name of BASE_MEASURES) row[metricColumn(name)] = 0;
  for (const list of USER_LISTS) {
    const ids = expected.lists?.[list] ?? [];
    row[listColumn(list)] = ids;
    row[metricColumn(LIST_COUNT_MEASURE[list])] = ids.length;
  }
  const set = (values: Record<string, number | undefined>) => {
    for (const [column, value] of Object.entries(values)) if (value !== undefined) row[column] = value;
  };
  set({
    spend: expected.spend,
    meta_trials: expected.metaTrials,
    actual_revenue: expected.actualRevenue,
    actual_refunds: expected.actualRefunds,
    estimated_revenue: expected.estimatedRevenue,
    trial_conversion_rate_sum: expected.trialConversionRate?.[0],
    trial_conversion_rate_count: expected.trialConversionRate?.[1],
    trial_refund_rate_sum: expected.trialRefundRate?.[0],
    trial_refund_rate_count: expected.trialRefundRate?.[1],
    purchase_refund_rate_sum: expected.purchaseRefundRate?.[0],
    purchase_refund_rate_count: expected.purchaseRefundRate?.[1],
  });
  return row;
}

const STORED_COLUMNS = ['value', ...BASE_MEASURES.map(metricColumn), ...USER_LISTS.map(listColumn)];
const stored = (rows: AppRow[]) => rows.map((row) => Object.fromEntries(STORED_COLUMNS.map((column) => [column, row[column]])));

/*
 * Ad a1 (s1, c1), as of 07-20 (every 07-01 trial is post-trial). No mapping table: defaults apply.
 * Meta breakdown rows on 07-01 (spend / meta trials):
 *   country 'US' 6/3 + 'us ' 2/0 → US 8/3; 'DE' 2.5/1; '' 1/0 → UNKNOWN.
 *   region 'California' 5 + ' California ' 1 → California 6; 'Texas' 4.5 with NULL meta trials.
 *   device iphone 3 + ipad 2 → APP_STORE 5; android_smartphone 4 → PLAY_STORE; desktop 1 → STRIPE;
 *          smart_tv 0.5 → UNKNOWN (unmapped).
 * Users (country, region) and their 07-01 events (store):
 *   u1 ('us', 'California'): trial p1 (APP_STORE); converts 07-02 (STRIPE, 10); refund 07-03 (NULL store, −10).
 *   u2 ('DE', NULL): trial p1 (' play_store ' → PLAY_STORE); purchase p2 (STRIPE, 20).
 *   u3 (NULL, ''): trial p1 (NULL store).
 *   u4 ('US', 'Texas'): trial p3 (APP_STORE) and purchase p3 (PLAY_STORE, 5) — one pair (u4,p3);
 *      refund of p3 on 07-05 through APP_STORE (−5) → purchase refund user, listed under the purchase store.
 *   u5 ('fr', NULL): trial p1 ('' store).
 * user_product_metrics: (u1,p1) 10, tcr .5, tcrr .25; (u2,p1) 20, tcr .25; (u2,p2) 40, iprr .5;
 *   (u3,p1) 5; (u4,p3) 8, tcr .75, iprr .25; (u5,p1) none.
 * Daily 07-01: trials u1–u5, purchases u2, u4, converted/trial refund u1, purchase refund u4; revenue 20 + 5 = 25;
 *   estimated 10 + 20 + 40 + 5 + 8 = 83; tcr 1.5/3, tcrr .25/1, iprr .75/2.
 */
const FIXTURE: SourceFixture = {
  meta: [{ ...a1, spend: 20, metaTrials: 4 }],
  metaCountry: [
    { ...a1, country: 'US', spend: 6, metaTrials: 3 },
    { ...a1, country: 'us ', spend: 2, metaTrials: 0 },
    { ...a1, country: 'DE', spend: 2.5, metaTrials: 1 },
    { ...a1, country: '', spend: 1, metaTrials: 0 },
  ],
  metaRegion: [
    { ...a1, region: 'California', spend: 5 },
    { ...a1, region: ' California ', spend: 1 },
    { ...a1, region: 'Texas', spend: 4.5, metaTrials: null },
  ],
  metaDevice: [
    { ...a1, device: 'iphone', spend: 3 },
    { ...a1, device: 'ipad', spend: 2 },
    { ...a1, device: 'android_smartphone', spend: 4 },
    { ...a1, device: 'desktop', spend: 1 },
    { ...a1, device: 'smart_tv', spend: 0.5 },
  ],
  users: [
    attributedUser('u1', inA1, { country: 'us', region: 'California' }),
    attributedUser('u2', inA1, { country: 'DE', region: null }),
    attributedUser('u3', inA1, { country: null, region: '' }),
    attributedUser('u4', inA1, { country: 'US', region: 'Texas' }),
    attributedUser('u5', inA1, { country: 'fr', region: null }),
  ],
  events: [
    trialStarted('u1', '2025-07-01T10:00:00Z', { productId: 'p1', store: 'APP_STORE' }),
    trialConverted('u1', '2025-07-02T10:00:00Z', { productId: 'p1', store: 'STRIPE', revenueUsd: 10 }),
    cancellation('u1', '2025-07-03T10:00:00Z', { productId: 'p1', store: null, revenueUsd: -10 }),
    trialStarted('u2', '2025-07-01T10:00:00Z', { productId: 'p1', store: ' play_store ' }),
    initialPurchase('u2', '2025-07-01T11:00:00Z', { productId: 'p2', store: 'STRIPE', revenueUsd: 20 }),
    trialStarted('u3', '2025-07-01T10:00:00Z', { productId: 'p1', store: null }),
    trialStarted('u4', '2025-07-01T10:00:00Z', { productId: 'p3', store: 'APP_STORE' }),
    initialPurchase('u4', '2025-07-01T11:00:00Z', { productId: 'p3', store: 'PLAY_STORE', revenueUsd: 5 }),
    cancellation('u4', '2025-07-05T10:00:00Z', { productId: 'p3', store: 'APP_STORE', revenueUsd: -5 }),
    trialStarted('u5', '2025-07-01T10:00:00Z', { productId: 'p1', store: '' }),
  ],
  userProducts: [
    { distinctId: 'u1', productId: 'p1', currentValue: 10, trialConversionRate: 0.5, trialConvertedToRefundRate: 0.25 },
    { distinctId: 'u2', productId: 'p1', currentValue: 20, trialConversionRate: 0.25 },
    { distinctId: 'u2', productId: 'p2', currentValue: 40, initialPurchaseToRefundRate: 0.5 },
    { distinctId: 'u3', productId: 'p1', currentValue: 5 },
    { distinctId: 'u4', productId: 'p3', currentValue: 8, trialConversionRate: 0.75, initialPurchaseToRefundRate: 0.25 },
  ],
};

describe.each(BACKENDS)('breakdowns (M28) [%s]', (backend) => {
  let run: FixtureRun;
  beforeAll(async () => {
    run = await runFixture(tempDir(), FIXTURE, { asOf: '2025-07-20' }, { backend });
  });

  it('M28 country: Meta values upper-cased and trimmed, users by profile country, NULL/empty → UNKNOWN', async () => {
    expect(stored(await run.breakdownOn('ad', 'a1', 'country', DAY))).toEqual(
      expectedRows([
        {
          value: 'DE', spend: 2.5, metaTrials: 1, actualRevenue: 20, estimatedRevenue: 60,
          lists: { trial: ['u2'], purchase: ['u2'], postTrial: ['u2'] },
          trialConversionRate: [0.25, 1], purchaseRefundRate: [0.5, 1],
        },
        { value: 'FR', lists: { trial: ['u5'], postTrial: ['u5'] } },
        { value: 'UNKNOWN', spend: 1, estimatedRevenue: 5, lists: { trial: ['u3'], postTrial: ['u3'] } },
        {
          value: 'US', spend: 8, metaTrials: 3, actualRevenue: 5, estimatedRevenue: 18,
          lists: { trial: ['u1', 'u4'], purchase: ['u4'], postTrial: ['u1', 'u4'], converted: ['u1'], trialRefund: ['u1'], purchaseRefund: ['u4'] },
          trialConversionRate: [1.25, 2], trialRefundRate: [0.25, 1], purchaseRefundRate: [0.25, 1],
        },
      ]),
    );
  });

  it('M28 region: trimmed text as is, NULL/empty → UNKNOWN; NULL Meta trials count 0', async () => {
    expect(stored(await run.breakdownOn('ad', 'a1', 'region', DAY))).toEqual(
      expectedRows([
        {
          value: 'California', spend: 6, estimatedRevenue: 10,
          lists: { trial: ['u1'], postTrial: ['u1'], converted: ['u1'], trialRefund: ['u1'] },
          trialConversionRate: [0.5, 1], trialRefundRate: [0.25, 1],
        },
        {
          value: 'Texas', spend: 4.5, actualRevenue: 5, estimatedRevenue: 8,
          lists: { trial: ['u4'], purchase: ['u4'], postTrial: ['u4'], purchaseRefund: ['u4'] },
          trialConversionRate: [0.75, 1], purchaseRefundRate: [0.25, 1],
        },
        {
          value: 'UNKNOWN', actualRevenue: 20, estimatedRevenue: 65, // (u2,p1) 20 + (u2,p2) 40 + (u3,p1) 5
          lists: { trial: ['u2', 'u3', 'u5'], purchase: ['u2'], postTrial: ['u2', 'u3', 'u5'] },
          trialConversionRate: [0.25, 1], purchaseRefundRate: [0.5, 1],
        },
      ]),
    );
  });

  it('M28 device: Meta impression_device → store, trial lists by trial store, purchase lists by purchase store, a shared pair once in the trial store', async () => {
    expect(stored(await run.breakdownOn('ad', 'a1', 'device', DAY))).toEqual(
      expectedRows([
        {
          // (u4,p3) is both u4's trial and purchase pair: its 8 counts once, under the trial store.
          value: 'APP_STORE', spend: 5, estimatedRevenue: 18,
          lists: { trial: ['u1', 'u4'], postTrial: ['u1', 'u4'], converted: ['u1'], trialRefund: ['u1'] },
          trialConversionRate: [1.25, 2], trialRefundRate: [0.25, 1],
        },
        {
          // u2's trial store ' play_store ' is trimmed and upper-cased; u4's purchase and its revenue.
          value: 'PLAY_STORE', spend: 4, actualRevenue: 5, estimatedRevenue: 20,
          lists: { trial: ['u2'], purchase: ['u4'], postTrial: ['u2'], purchaseRefund: ['u4'] },
          trialConversionRate: [0.25, 1], purchaseRefundRate: [0.25, 1],
        },
        {
          value: 'STRIPE', spend: 1, actualRevenue: 20, estimatedRevenue: 40,
          lists: { purchase: ['u2'] },
          purchaseRefundRate: [0.5, 1],
        },
        // smart_tv (unmapped), u3's NULL store and u5's empty store.
        { value: 'UNKNOWN', spend: 0.5, estimatedRevenue: 5, lists: { trial: ['u3', 'u5'], postTrial: ['u3', 'u5'] } },
      ]),
    );
  });

  it("M28 revenue and refund events go by the user's country/region and the event's own store; values exist only where something contributes (M27 event-only days)", async () => {
    const values = async (dimension: 'country' | 'region' | 'device', date: string) =>
      (await run.breakdownOn('ad', 'a1', dimension, date)).map((row) => ({ value: row.value, actual_revenue: row.actual_revenue, actual_refunds: row.actual_refunds }));
    // u1's conversion on 07-02 was sold through STRIPE although its trial store is APP_STORE.
    expect(await values('country', '2025-07-02')).toEqual([{ value: 'US', actual_revenue: 10, actual_refunds: 0 }]);
    expect(await values('region', '2025-07-02')).toEqual([{ value: 'California', actual_revenue: 10, actual_refunds: 0 }]);
    expect(await values('device', '2025-07-02')).toEqual([{ value: 'STRIPE', actual_revenue: 10, actual_refunds: 0 }]);
    // u1's refund on 07-03 has a NULL store.
    expect(await values('country', '2025-07-03')).toEqual([{ value: 'US', actual_revenue: 0, actual_refunds: 10 }]);
    expect(await values('device', '2025-07-03')).toEqual([{ value: 'UNKNOWN', actual_revenue: 0, actual_refunds: 10 }]);
    // u4's refund on 07-05 goes by its own store (APP_STORE), while u4 is listed under the purchase store.
    expect(await values('device', '2025-07-05')).toEqual([{ value: 'APP_STORE', actual_revenue: 0, actual_refunds: 5 }]);
    expect(await values('region', '2025-07-05')).toEqual([{ value: 'Texas', actual_revenue: 0, actual_refunds: 5 }]);
    expect(await run.dailyOn('ad', 'a1', '2025-07-03')).toMatchObject({ actual_revenue: 0, actual_refunds: 10, trials: 0 });
  });

  it('M28 the daily row of 07-01 is the whole of its breakdown values', async () => {
    expect(await run.dailyOn('ad', 'a1', DAY)).toMatchObject({
      trials: 5, purchases: 2, post_trial_users: 5, converted_users: 1, trial_refund_users: 1, purchase_refund_users: 1,
      actual_revenue: 25, estimated_revenue: 83,
      trial_conversion_rate_sum: 1.5, trial_conversion_rate_count: 3,
      trial_refund_rate_sum: 0.25, trial_refund_rate_count: 1,
      purchase_refund_rate_sum: 0.75, purchase_refund_rate_count: 2,
    });
  });

  it('M28 derived metrics per value come from the same formulas (M22, M23), computed in SQL from the formulas module', async () => {
    const derived = async (value: string) => {
      const row = (await run.breakdownOn('ad', 'a1', 'country', DAY)).find((candidate) => candidate.value === value);
      return row && { trial: row.trial_accuracy_ratio, adjusted: row.adjusted_estimated_revenue };
    };
    // US: 2 Mixpanel trials ÷ 3 Meta trials; purchases 1 ≤ trials 2 → 18 ÷ (2/3), in floating point as SQL does it.
    expect(await derived('US')).toEqual({ trial: 2 / 3, adjusted: 18 / (2 / 3) });
    // FR: no Meta row, one trial → 1.0 (M22); 0 ÷ 1 = 0.
    expect(await derived('FR')).toEqual({ trial: 1, adjusted: 0 });
    // UNKNOWN: Meta trials 0 and a trial → 1.0; 5 ÷ 1.
    expect(await derived('UNKNOWN')).toEqual({ trial: 1, adjusted: 5 });
  });

  it('M28 sum invariant: for every entity, day and dimension the Mixpanel measures and lists of the values add up to the daily row', async () => {
    expect(await breakdownSumViolations(run)).toEqual([]);
    // The adset and campaign hold only a1's Meta rows and users, so their breakdowns equal the ad's.
    for (const [level, id] of [['adset', 's1'], ['campaign', 'c1']] as const) {
      for (const dimension of ['country', 'region', 'device'] as const) {
        expect(stored(await run.breakdownOn(level, id, dimension, DAY)), `${level} ${dimension}`).toEqual(
          stored(await run.breakdownOn('ad', 'a1', dimension, DAY)),
        );
      }
    }
  });
});

/*
 * With a breakdown_value_mapping table (compared case-insensitively after trimming, per source):
 *   country/meta 'uk' → GB; country/mixpanel 'United Kingdom' → GB; device/meta 'Smart_TV' → TV;
 *   device/mixpanel 'amazon' → PLAY_STORE; region/mixpanel 'CA' → California.
 *   Meta country ' UK ' (3) → GB, 'GB' (1) → GB by default: GB 4. Meta device smart_tv (2) → TV,
 *   iphone (1) → APP_STORE (no mapping row: default). Meta region 'California' (7).
 *   v1 ('united kingdom ', 'ca', store ' Amazon ') → GB, California, PLAY_STORE.
 *   v2 ('uk', 'CA ', store APP_STORE) → 'UK' (the 'uk' row is for Meta only), California, APP_STORE.
 * Case and order, the same whatever the database's collation: upper- and lower-casing change ASCII
 * letters only, and of two mapping rows whose keys collide after trimming and lower-casing the one
 * whose source_value comes first in code-point order wins.
 *   country/mixpanel 'Deutschland' → DE and 'deutschland' → XX collide; 'D' (0x44) < 'd' (0x64):
 *   DE wins (an en-US collation sorts 'deutschland' first). region/mixpanel 'ÎLE-DE-FRANCE' → Île-de-France.
 *   w1 ('deutschland', 'île-de-france', store 'app_störe') → DE; 'île-de-france' is not the key
 *      'Île-de-france' ('Î' is no ASCII letter), so the region stays as it is; APP_STöRE.
 *   w2 ('ü', ' ÎLE-DE-FRANCE', store ' Huawei ') → 'ü' (unchanged by upper-casing), Île-de-France, HUAWEI.
 */
const MAPPED_FIXTURE: SourceFixture = {
  meta: [{ ...a1, spend: 10 }],
  metaCountry: [
    { ...a1, country: ' UK ', spend: 3 },
    { ...a1, country: 'GB', spend: 1 },
  ],
  metaRegion: [{ ...a1, region: 'California', spend: 7 }],
  metaDevice: [
    { ...a1, device: 'smart_tv', spend: 2 },
    { ...a1, device: 'iphone', spend: 1 },
  ],
  users: [
    attributedUser('v1', inA1, { country: 'united kingdom ', region: 'ca' }),
    attributedUser('v2', inA1, { country: 'uk', region: 'CA ' }),
    attributedUser('w1', inA1, { country: 'deutschland', region: 'île-de-france' }),
    attributedUser('w2', inA1, { country: 'ü', region: ' ÎLE-DE-FRANCE' }),
  ],
  events: [
    trialStarted('v1', '2025-07-01T10:00:00Z', { productId: 'p1', store: ' Amazon ' }),
    trialStarted('v2', '2025-07-01T10:00:00Z', { productId: 'p1', store: 'APP_STORE' }),
    trialStarted('w1', '2025-07-01T10:00:00Z', { productId: 'p1', store: 'app_störe' }),
    trialStarted('w2', '2025-07-01T10:00:00Z', { productId: 'p1', store: ' Huawei ' }),
  ],
  mapping: [
    { dimension: 'country', source: 'meta', sourceValue: 'uk', value: 'GB' },
    { dimension: 'country', source: 'mixpanel', sourceValue: 'United Kingdom', value: 'GB' },
    { dimension: 'device', source: 'meta', sourceValue: 'Smart_TV', value: 'TV' },
    { dimension: 'device', source: 'mixpanel', sourceValue: 'amazon', value: 'PLAY_STORE' },
    { dimension: 'region', source: 'mixpanel', sourceValue: 'CA', value: 'California' },
    { dimension: 'country', source: 'mixpanel', sourceValue: 'deutschland', value: 'XX' },
    { dimension: 'country', source: 'mixpanel', sourceValue: 'Deutschland', value: 'DE' },
    { dimension: 'region', source: 'mixpanel', sourceValue: 'ÎLE-DE-FRANCE', value: 'Île-de-France' },
  ],
};

describe.each(BACKENDS)('breakdown value mapping (M28, source-data.md) [%s]', (backend) => {
  let run: FixtureRun;
  beforeAll(async () => {
    run = await runFixture(tempDir(), MAPPED_FIXTURE, { asOf: '2025-07-20' }, { backend });
  });

  const valuesOn = async (dimension: 'country' | 'region' | 'device') =>
    (await run.breakdownOn('ad', 'a1', dimension, DAY)).map((row) => ({ value: row.value, spend: row.spend, trial_user_ids: row.trial_user_ids }));

  it('M28 mapping rows apply per dimension and source, case-insensitively (ASCII letters) after trimming, the first of colliding rows in code-point order; unmatched values fall back to the defaults', async () => {
    expect(await valuesOn('country')).toEqual([
      { value: 'DE', spend: 0, trial_user_ids: ['w1'] },
      { value: 'GB', spend: 4, trial_user_ids: ['v1'] },
      { value: 'UK', spend: 0, trial_user_ids: ['v2'] },
      { value: 'ü', spend: 0, trial_user_ids: ['w2'] },
    ]);
    expect(await valuesOn('region')).toEqual([
      { value: 'California', spend: 7, trial_user_ids: ['v1', 'v2'] },
      { value: 'Île-de-France', spend: 0, trial_user_ids: ['w2'] },
      { value: 'île-de-france', spend: 0, trial_user_ids: ['w1'] },
    ]);
    expect(await valuesOn('device')).toEqual([
      { value: 'APP_STORE', spend: 1, trial_user_ids: ['v2'] },
      { value: 'APP_STöRE', spend: 0, trial_user_ids: ['w1'] },
      { value: 'HUAWEI', spend: 0, trial_user_ids: ['w2'] },
      { value: 'PLAY_STORE', spend: 0, trial_user_ids: ['v1'] },
      { value: 'TV', spend: 2, trial_user_ids: [] },
    ]);
    expect(await breakdownSumViolations(run)).toEqual([]);
  });
});
