import { describe, expect, it } from 'vitest';
import { appReader, type AppRow } from '../fixtures/app-reader.ts';
import { BACKENDS } from '../fixtures/backends.ts';
import { freshAppLocation, runCli, runFixture, writeFixtureSource } from '../fixtures/pipeline-run.ts';
import {
  attributedUser,
  eventOf,
  initialPurchase,
  trialConverted,
  trialStarted,
  useTempDir,
  type SourceFixture,
} from '../fixtures/source-db.ts';

const tempDir = useTempDir();

const a1 = { adId: 'a1', adsetId: 's1', campaignId: 'c1' };
const inA1 = { ad: 'a1', adset: 's1', campaign: 'c1' };
const renewal = eventOf('RC Renewal');

describe.each(BACKENDS)('run parameters [%s]', (backend) => {
  describe('M1 default as-of day', () => {
    const asOfOf = async (fixture: SourceFixture, timezone?: string) => {
      const run = await runFixture(tempDir(), fixture, timezone ? { timezone } : {}, { backend });
      const [published] = await run.query('SELECT as_of, timezone FROM published_dataset');
      const [recorded] = await run.query('SELECT as_of FROM pipeline_runs WHERE id = ?', run.summary.runId);
      expect(published!.as_of).toBe(run.summary.asOf);
      expect(recorded!.as_of).toBe(run.summary.asOf);
      return run;
    };

    it('M1 the latest Meta date when it is later than every event; it sets the M11 cut-off (as_of − 7)', async () => {
      // Meta up to 07-20, events up to 07-15 → as-of 07-20, cut-off 07-13: u1 (07-13) is post-trial, u2 (07-14) is not.
      const run = await asOfOf({
        meta: [{ ...a1, date: '2025-07-01' }, { ...a1, date: '2025-07-20' }],
        users: [attributedUser('u1', inA1), attributedUser('u2', inA1)],
        events: [
          trialStarted('u1', '2025-07-13T10:00:00Z', { productId: 'p1' }),
          trialStarted('u2', '2025-07-14T10:00:00Z', { productId: 'p1' }),
          renewal('u1', '2025-07-15T10:00:00Z'),
        ],
      });
      expect(run.summary.asOf).toBe('2025-07-20');
      expect(await run.dailyOn('ad', 'a1', '2025-07-13')).toMatchObject({ trials: 1, post_trial_users: 1 });
      expect(await run.dailyOn('ad', 'a1', '2025-07-14')).toMatchObject({ trials: 1, post_trial_users: 0 });
    });

    it('M1 the day of the latest event of any name (a renewal of an unknown user) when it is later than Meta', async () => {
      const run = await asOfOf({
        meta: [{ ...a1, date: '2025-07-10' }],
        users: [attributedUser('u1', inA1)],
        events: [trialStarted('u1', '2025-07-09T10:00:00Z'), renewal('someone-else', '2025-07-22T10:00:00Z')],
      });
      expect(run.summary.asOf).toBe('2025-07-22');
    });

    it('M1 any Meta table counts, the breakdown tables included', async () => {
      const run = await asOfOf({
        meta: [{ ...a1, date: '2025-07-10' }],
        metaDevice: [{ ...a1, date: '2025-07-12', device: 'iphone' }],
        // A trial start too: events without any trial-start or purchase name fail the run (M3).
        events: [trialStarted('u1', '2025-07-01T10:00:00Z'), renewal('u1', '2025-07-11T10:00:00Z')],
      });
      expect(run.summary.asOf).toBe('2025-07-12');
    });

    it('M1/M2 the latest event counts by its day in the reporting time zone', async () => {
      // 2025-07-22T02:00Z is 2025-07-21 22:00 in New York (UTC−4 in summer).
      const fixture: SourceFixture = {
        meta: [{ ...a1, date: '2025-07-20' }],
        events: [trialStarted('u1', '2025-07-01T10:00:00Z'), renewal('u1', '2025-07-22T02:00:00Z')],
      };
      expect((await asOfOf(fixture, 'America/New_York')).summary.asOf).toBe('2025-07-21');
      expect((await asOfOf(fixture)).summary.asOf).toBe('2025-07-22');
    });
  });

  /*
   * M2: u1's trial at 2025-07-02T02:00Z and u2's purchase at '2025-07-02 03:59:59' (UTC) fall on 07-01
   * in New York (EDT, UTC−4); u3's trial at '2025-07-02T04:00:00+00:00' is 07-02 00:00 there.
   * u4's trial at 2025-01-15T04:30Z is 01-14 23:30 in New York (EST, UTC−5).
   * The Meta row dated 07-02 stays on 07-02 whatever the zone.
   */
  const ZONE_FIXTURE: SourceFixture = {
    meta: [{ ...a1, date: '2025-07-02', spend: 5 }],
    users: ['u1', 'u2', 'u3', 'u4'].map((user) => attributedUser(user, inA1)),
    events: [
      trialStarted('u1', '2025-07-02T02:00:00Z', { productId: 'p1' }),
      initialPurchase('u2', '2025-07-02 03:59:59', { productId: 'p2', revenueUsd: 10 }),
      trialStarted('u3', '2025-07-02T04:00:00+00:00', { productId: 'p1' }),
      trialStarted('u4', '2025-01-15T04:30:00Z', { productId: 'p1' }),
    ],
  };

  describe('M2 reporting time zone', () => {
    const dayView = (rows: Record<string, unknown>[]) =>
      rows.map((row) => ({
        date: row.date,
        spend: row.spend,
        trial_user_ids: row.trial_user_ids,
        purchase_user_ids: row.purchase_user_ids,
        actual_revenue: row.actual_revenue,
      }));

    it('M2 an event at 02:00 UTC lands on the previous day in America/New_York; Meta dates are used as they are', async () => {
      const run = await runFixture(tempDir(), ZONE_FIXTURE, { timezone: 'America/New_York', asOf: '2025-07-31' }, { backend });
      expect(run.summary.timezone).toBe('America/New_York');
      expect(await run.query('SELECT timezone FROM published_dataset')).toEqual([{ timezone: 'America/New_York' }]);
      expect(dayView(await run.daily('ad', 'a1'))).toEqual([
        { date: '2025-01-14', spend: 0, trial_user_ids: ['u4'], purchase_user_ids: [], actual_revenue: 0 },
        { date: '2025-07-01', spend: 0, trial_user_ids: ['u1'], purchase_user_ids: ['u2'], actual_revenue: 10 },
        { date: '2025-07-02', spend: 5, trial_user_ids: ['u3'], purchase_user_ids: [], actual_revenue: 0 },
      ]);
    });

    it('M2 the same data in UTC (the default): every timestamp form means UTC', async () => {
      const run = await runFixture(tempDir(), ZONE_FIXTURE, { asOf: '2025-07-31' }, { backend });
      expect(run.summary.timezone).toBe('UTC');
      expect(dayView(await run.daily('ad', 'a1'))).toEqual([
        { date: '2025-01-15', spend: 0, trial_user_ids: ['u4'], purchase_user_ids: [], actual_revenue: 0 },
        { date: '2025-07-02', spend: 5, trial_user_ids: ['u1', 'u3'], purchase_user_ids: ['u2'], actual_revenue: 10 },
      ]);
    });
  });

  /*
   * A zone whose clocks change at local midnight: in America/Santiago summer time ends at
   * 2025-04-06T03:00:00Z, when 00:00 (UTC−3) becomes 23:00 (UTC−4) of 04-05 again.
   *   u1 at 2025-04-01T10:00:17Z → 04-01; u2 at 2025-04-06T03:00:10Z, ten seconds after the change →
   *   23:00:10 on 04-05; u3 at 2025-04-06T02:59:59Z → 23:59:59 on 04-05 (still UTC−3).
   */
  describe('M2 a clock change at local midnight', () => {
    it('M2 an event seconds after a midnight clock change gets the new offset (America/Santiago)', async () => {
      const run = await runFixture(
        tempDir(),
        {
          meta: [{ ...a1, date: '2025-04-01' }],
          users: ['u1', 'u2', 'u3'].map((user) => attributedUser(user, inA1)),
          events: [
            trialStarted('u1', '2025-04-01T10:00:17Z', { productId: 'p1' }),
            trialStarted('u2', '2025-04-06T03:00:10Z', { productId: 'p1' }),
            trialStarted('u3', '2025-04-06T02:59:59Z', { productId: 'p1' }),
          ],
        },
        { timezone: 'America/Santiago', asOf: '2025-04-30' },
        { backend },
      );
      expect((await run.daily('ad', 'a1')).map((row) => ({ date: row.date, trial_user_ids: row.trial_user_ids }))).toEqual([
        { date: '2025-04-01', trial_user_ids: ['u1'] },
        { date: '2025-04-05', trial_user_ids: ['u2', 'u3'] },
      ]);
    });
  });

  describe('M3 event names', () => {
    /*
     * With custom names: u1 'trial_start' 07-01 → converts 'trial_convert' 07-03 (10) → 'refund' 07-04 (−10);
     * u2 'purchase' 07-01 (20). u3's events carry the default names, which now mean nothing.
     */
    const CUSTOM = { trialStarted: ['trial_start'], trialConverted: ['trial_convert'], initialPurchase: ['purchase'], refund: ['refund'] };
    const fixture: SourceFixture = {
      meta: [{ ...a1, date: '2025-07-01' }],
      users: ['u1', 'u2', 'u3'].map((user) => attributedUser(user, inA1)),
      events: [
        eventOf('trial_start')('u1', '2025-07-01T10:00:00Z', { productId: 'p1' }),
        eventOf('trial_convert')('u1', '2025-07-03T10:00:00Z', { productId: 'p1', revenueUsd: 10 }),
        eventOf('refund')('u1', '2025-07-04T10:00:00Z', { productId: 'p1', revenueUsd: -10 }),
        eventOf('purchase')('u2', '2025-07-01T10:00:00Z', { productId: 'p2', revenueUsd: 20 }),
        trialStarted('u3', '2025-07-01T10:00:00Z', { productId: 'p1' }),
        trialConverted('u3', '2025-07-02T10:00:00Z', { productId: 'p1', revenueUsd: 100 }),
        initialPurchase('u3', '2025-07-01T11:00:00Z', { productId: 'p1', revenueUsd: 100 }),
      ],
    };

    const EXPECTED_DAYS = [
      { date: '2025-07-01', trial_user_ids: ['u1'], purchase_user_ids: ['u2'], converted_user_ids: ['u1'], trial_refund_user_ids: ['u1'], actual_revenue: 20, actual_refunds: 0 },
      { date: '2025-07-03', trial_user_ids: [], purchase_user_ids: [], converted_user_ids: [], trial_refund_user_ids: [], actual_revenue: 10, actual_refunds: 0 },
      { date: '2025-07-04', trial_user_ids: [], purchase_user_ids: [], converted_user_ids: [], trial_refund_user_ids: [], actual_revenue: 0, actual_refunds: 10 },
    ];
    const days = (rows: AppRow[]) =>
      rows.map((row) => ({
          date: row.date,
          trial_user_ids: row.trial_user_ids,
          purchase_user_ids: row.purchase_user_ids,
          converted_user_ids: row.converted_user_ids,
          trial_refund_user_ids: row.trial_refund_user_ids,
          actual_revenue: row.actual_revenue,
          actual_refunds: row.actual_refunds,
        }));

    it('M3 the four event names are configurable; the default names then count for nothing', async () => {
      const run = await runFixture(tempDir(), fixture, { asOf: '2025-07-20', eventNames: CUSTOM }, { backend });
      expect(days(await run.daily('ad', 'a1'))).toEqual(EXPECTED_DAYS);
    });

    it('M3 the CLI takes the event names from the environment (api.md)', async () => {
      const dir = tempDir();
      const appDbPath = await freshAppLocation(dir, { backend });
      const source = await writeFixtureSource(dir, fixture, { backend });
      const result = await runCli(['--source', source, '--db', appDbPath, '--as-of', '2025-07-20'], {
        EVENT_TRIAL_STARTED: CUSTOM.trialStarted.join(','),
        EVENT_TRIAL_CONVERTED: CUSTOM.trialConverted.join(','),
        EVENT_INITIAL_PURCHASE: CUSTOM.initialPurchase.join(','),
        EVENT_REFUND: CUSTOM.refund.join(','),
      });
      expect(result.code, result.stderr).toBe(0);
      expect(days(await appReader(appDbPath).daily('ad', 'a1'))).toEqual(EXPECTED_DAYS);
    });
  });
});
