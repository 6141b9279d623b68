import { beforeAll, describe, expect, it } from 'vitest';
import { USER_LISTS, listColumn, type UserListName } from '../../src/db/tables/metric-columns.ts';
import type { AppRow } from '../fixtures/app-reader.ts';
import { listViolations } from '../fixtures/invariants.ts';
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

const USERS = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8', 'u9', 'u10', 'u11', 'u12', 'u13', 'u14', 'u15', 'u16', 'u17', 'u18'];

/*
 * All users are attributed to ad a1 / adset s1 / campaign c1. Run as of 2025-07-20, so post-trial
 * means a trial day <= 07-13 (M11).
 *   u1:  trials 07-03 (p0) and 07-10 (p1) → counts on 07-10 only, trial product p1 (M9);
 *        converts p1 07-11 → converted; refund of p2 07-12 → not a trial refund (other product).
 *   u15: trials 07-02 (p2) and 07-09 (p1); converts p2 07-10 → not converted (trial product is p1).
 *   u2:  trial 07-13 23:59:59 (= as_of − 7) → post-trial; converts 07-16, refund 07-18 → trial refund.
 *   u3:  trial 07-14 00:00:00 (= as_of − 6) → not post-trial; its conversion does not count.
 *   u4:  trial p1 07-05, conversion of p2 → not converted.
 *   u5:  trial p1 07-05 12:00, conversion p1 07-05 11:00 (before the trial) → not converted.
 *   u6:  trial NULL product 07-05, conversion NULL 07-12 (NULL matches NULL) → converted;
 *        refund NULL 07-13 → trial refund.
 *   u7:  trial p1 07-05, conversion of NULL product → not converted (NULL matches only NULL).
 *   u8:  trial p1 07-06 09:00, conversion at the same instant → converted (at or after);
 *        refund 07-06 08:00 (before the conversion) → no; cancellations with revenue 0 (07-07) and
 *        NULL (07-17) are not refunds (M3).
 *   u17: trial '2025-07-06T09:00:00+00:00', conversion '2025-07-06 09:00:00': the same instant → converted.
 *   u18: trial '2025-07-06 09:30:00', conversion '2025-07-06T09:00:00Z' (earlier, though it sorts later
 *        as text) → not converted. Timestamps compare as instants, whatever their form.
 *   u9:  trial p1 07-08 12:00; conversions 07-08 10:00 (before the trial: not counted) and 07-09 10:00;
 *        refund 07-08 11:00 is before the earliest counted conversion → not a trial refund (M13).
 *   u10: purchases p3 07-02 and 07-09 10:00 → counts on 07-09 (M10); refund 07-09 08:00 is before
 *        that purchase → not a purchase refund (M14).
 *   u11: purchase p3 07-04, refund p3 07-05 → purchase refund.     u12: refund of p4 → no.
 *   u13: purchase NULL product 07-04, refund NULL 07-06 → yes.      u14: cancellation with 0 → no.
 *   u16: purchase p3 07-04 10:00, refund p3 at the same instant → yes (at or after).
 */
const FIXTURE: SourceFixture = {
  meta: [{ adId: 'a1', adsetId: 's1', campaignId: 'c1', date: '2025-07-01' }],
  users: USERS.map((user) => attributedUser(user, { ad: 'a1', adset: 's1', campaign: 'c1' })),
  events: [
    // Listed out of id order so that sorted lists (M15) are not an accident of insertion order.
    initialPurchase('u16', '2025-07-04T10:00:00Z', { productId: 'p3', revenueUsd: 10 }),
    cancellation('u16', '2025-07-04T10:00:00Z', { productId: 'p3', revenueUsd: -10 }),
    trialStarted('u1', '2025-07-03T10:00:00Z', { productId: 'p0' }),
    trialStarted('u1', '2025-07-10T10:00:00Z', { productId: 'p1' }),
    trialConverted('u1', '2025-07-11T10:00:00Z', { productId: 'p1', revenueUsd: 10 }),
    cancellation('u1', '2025-07-12T10:00:00Z', { productId: 'p2', revenueUsd: -3 }),
    trialStarted('u15', '2025-07-02T10:00:00Z', { productId: 'p2' }),
    trialStarted('u15', '2025-07-09T10:00:00Z', { productId: 'p1' }),
    trialConverted('u15', '2025-07-10T10:00:00Z', { productId: 'p2', revenueUsd: 10 }),
    trialStarted('u2', '2025-07-13T23:59:59Z', { productId: 'p1' }),
    trialConverted('u2', '2025-07-16T10:00:00Z', { productId: 'p1', revenueUsd: 10 }),
    cancellation('u2', '2025-07-18T10:00:00Z', { productId: 'p1', revenueUsd: -9.5 }),
    trialStarted('u3', '2025-07-14T00:00:00Z', { productId: 'p1' }),
    trialConverted('u3', '2025-07-15T10:00:00Z', { productId: 'p1', revenueUsd: 10 }),
    trialStarted('u4', '2025-07-05T10:00:00Z', { productId: 'p1' }),
    trialConverted('u4', '2025-07-06T10:00:00Z', { productId: 'p2', revenueUsd: 10 }),
    trialStarted('u5', '2025-07-05T12:00:00Z', { productId: 'p1' }),
    trialConverted('u5', '2025-07-05T11:00:00Z', { productId: 'p1', revenueUsd: 10 }),
    trialStarted('u6', '2025-07-05T10:00:00Z', { productId: null }),
    trialConverted('u6', '2025-07-12T10:00:00Z', { productId: null, revenueUsd: 10 }),
    cancellation('u6', '2025-07-13T10:00:00Z', { productId: null, revenueUsd: -5 }),
    trialStarted('u7', '2025-07-05T10:00:00Z', { productId: 'p1' }),
    trialConverted('u7', '2025-07-06T10:00:00Z', { productId: null, revenueUsd: 10 }),
    trialStarted('u8', '2025-07-06T09:00:00Z', { productId: 'p1' }),
    trialConverted('u8', '2025-07-06T09:00:00Z', { productId: 'p1', revenueUsd: 10 }),
    cancellation('u8', '2025-07-06T08:00:00Z', { productId: 'p1', revenueUsd: -4 }),
    cancellation('u8', '2025-07-07T10:00:00Z', { productId: 'p1', revenueUsd: 0 }),
    cancellation('u8', '2025-07-17T10:00:00Z', { productId: 'p1', revenueUsd: null }),
    trialStarted('u17', '2025-07-06T09:00:00+00:00', { productId: 'p1' }),
    trialConverted('u17', '2025-07-06 09:00:00', { productId: 'p1', revenueUsd: 10 }),
    trialStarted('u18', '2025-07-06 09:30:00', { productId: 'p1' }),
    trialConverted('u18', '2025-07-06T09:00:00Z', { productId: 'p1', revenueUsd: 10 }),
    trialStarted('u9', '2025-07-08T12:00:00Z', { productId: 'p1' }),
    trialConverted('u9', '2025-07-08T10:00:00Z', { productId: 'p1', revenueUsd: 10 }),
    trialConverted('u9', '2025-07-09T10:00:00Z', { productId: 'p1', revenueUsd: 10 }),
    cancellation('u9', '2025-07-08T11:00:00Z', { productId: 'p1', revenueUsd: -2 }),
    initialPurchase('u10', '2025-07-02T10:00:00Z', { productId: 'p3', revenueUsd: 10 }),
    initialPurchase('u10', '2025-07-09T10:00:00Z', { productId: 'p3', revenueUsd: 10 }),
    cancellation('u10', '2025-07-09T08:00:00Z', { productId: 'p3', revenueUsd: -7 }),
    initialPurchase('u11', '2025-07-04T10:00:00Z', { productId: 'p3', revenueUsd: 10 }),
    cancellation('u11', '2025-07-05T10:00:00Z', { productId: 'p3', revenueUsd: -20 }),
    initialPurchase('u12', '2025-07-04T10:00:00Z', { productId: 'p3', revenueUsd: 10 }),
    cancellation('u12', '2025-07-05T10:00:00Z', { productId: 'p4', revenueUsd: -1 }),
    initialPurchase('u13', '2025-07-04T10:00:00Z', { productId: null, revenueUsd: 10 }),
    cancellation('u13', '2025-07-06T10:00:00Z', { productId: null, revenueUsd: -6 }),
    initialPurchase('u14', '2025-07-04T10:00:00Z', { productId: 'p3', revenueUsd: 10 }),
    cancellation('u14', '2025-07-05T10:00:00Z', { productId: 'p3', revenueUsd: 0 }),
  ],
};

type Lists = Record<UserListName, string[]>;
const lists = (given: Partial<Lists>): Lists =>
  Object.fromEntries(USER_LISTS.map((list) => [list, given[list] ?? []])) as Lists;
const listsOf = (row: AppRow | undefined): Lists | undefined =>
  row && (Object.fromEntries(USER_LISTS.map((list) => [list, row[listColumn(list)]])) as Lists);

/** The six lists of a1 per day, as worked out above. */
const EXPECTED_LISTS: Record<string, Lists> = {
  '2025-07-04': lists({ purchase: ['u11', 'u12', 'u13', 'u14', 'u16'], purchaseRefund: ['u11', 'u13', 'u16'] }),
  '2025-07-05': lists({ trial: ['u4', 'u5', 'u6', 'u7'], postTrial: ['u4', 'u5', 'u6', 'u7'], converted: ['u6'], trialRefund: ['u6'] }),
  '2025-07-06': lists({ trial: ['u17', 'u18', 'u8'], postTrial: ['u17', 'u18', 'u8'], converted: ['u17', 'u8'] }),
  '2025-07-08': lists({ trial: ['u9'], postTrial: ['u9'], converted: ['u9'] }),
  '2025-07-09': lists({ trial: ['u15'], postTrial: ['u15'], purchase: ['u10'] }),
  '2025-07-10': lists({ trial: ['u1'], postTrial: ['u1'], converted: ['u1'] }),
  '2025-07-13': lists({ trial: ['u2'], postTrial: ['u2'], converted: ['u2'], trialRefund: ['u2'] }),
  '2025-07-14': lists({ trial: ['u3'] }),
};

describe.each(BACKENDS)('user lists (M9–M15, M27) [%s]', (backend) => {
  let run: FixtureRun;
  beforeAll(async () => {
    run = await runFixture(tempDir(), FIXTURE, { asOf: '2025-07-20' }, { backend });
  });

  const levels = [
    ['ad', 'a1'],
    ['adset', 's1'],
    ['campaign', 'c1'],
  ] as const;

  it.each(Object.entries(EXPECTED_LISTS))('M9–M14 lists of %s at every level', async (date, expected) => {
    for (const [level, id] of levels) expect(listsOf(await run.dailyOn(level, id, date)), `${level} ${id}`).toEqual(expected);
  });

  it('M9 a user with two trial days counts once, on the later day; M10 the same for purchases', async () => {
    expect(listsOf(await run.dailyOn('ad', 'a1', '2025-07-03'))).toBeUndefined(); // u1's earlier trial makes no row
    expect(listsOf(await run.dailyOn('ad', 'a1', '2025-07-02'))).toEqual(lists({})); // u10's earlier purchase: an event row, no list
  });

  it('M11 post-trial boundary: a trial on as_of − 7 is post-trial, on as_of − 6 it is not', async () => {
    expect(await run.dailyOn('ad', 'a1', '2025-07-13')).toMatchObject({ trials: 1, post_trial_users: 1 });
    expect(await run.dailyOn('ad', 'a1', '2025-07-14')).toMatchObject({ trials: 1, post_trial_users: 0, converted_users: 0 });
  });

  it('M15 every list is distinct and sorted ascending, and its count equals its length (all rows)', async () => {
    expect(await listViolations(run)).toEqual([]);
  });

  it('M27 rows exist for Meta days, non-empty lists and conversion/purchase/refund events, not for a superseded trial or a zero-revenue cancellation', async () => {
    // 07-01 Meta; 07-02 u10's first purchase; 07-11, 07-12, 07-15, 07-16, 07-18 conversions/refunds only.
    // No row: 07-03 (u1's superseded trial), 07-07 and 07-17 (cancellations with revenue 0 / NULL).
    expect((await run.daily('ad', 'a1')).map((row) => row.date)).toEqual([
      '2025-07-01', '2025-07-02', '2025-07-04', '2025-07-05', '2025-07-06', '2025-07-08', '2025-07-09',
      '2025-07-10', '2025-07-11', '2025-07-12', '2025-07-13', '2025-07-14', '2025-07-15', '2025-07-16',
      '2025-07-18',
    ]);
  });

  it('M1 an explicit as-of changes only the post-trial cut-off (M11)', async () => {
    const later = await runFixture(tempDir(), FIXTURE, { asOf: '2025-07-21' }, { backend });
    expect(later.summary.asOf).toBe('2025-07-21');
    // With as_of 07-21 the cut-off is 07-14: u3 becomes post-trial and, converting 07-15, converted.
    const withoutDay = (rows: AppRow[]) => rows.filter((row) => row.date !== '2025-07-14');
    for (const [level, id] of levels) {
      expect(withoutDay(await later.daily(level, id))).toEqual(withoutDay(await run.daily(level, id)));
      expect(listsOf(await later.dailyOn(level, id, '2025-07-14'))).toEqual(lists({ trial: ['u3'], postTrial: ['u3'], converted: ['u3'] }));
    }
  });

  it('M1 the as-of filters nothing: data after it still counts', async () => {
    const early = await runFixture(tempDir(), FIXTURE, { asOf: '2025-07-10' }, { backend });
    // Cut-off 07-03: no trial day qualifies, so no post-trial, converted or trial refund users at all.
    for (const [date, expected] of Object.entries(EXPECTED_LISTS)) {
      expect(listsOf(await early.dailyOn('ad', 'a1', date)), date).toEqual({ ...expected, postTrial: [], converted: [], trialRefund: [] });
    }
    expect((await early.daily('ad', 'a1')).map((row) => row.date)).toEqual((await run.daily('ad', 'a1')).map((row) => row.date));
  });
});
