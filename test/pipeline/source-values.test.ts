/**
 * metrics.md M31 (every value of its contract type) and M32 (unusable rows are skipped and counted
 * per table, column and reason; the run fails past MAX_SKIPPED_SHARE, or when a table the published
 * run had rows of has no usable row now), on both backends.
 */
import { describe, expect, it } from 'vitest';
import { runPipeline, type PipelineOptions } from '../../pipeline/run.ts';
import { skippedRowsEntries } from '../../pipeline/source/skipped-rows.ts';
import { appReader, queryApp, tableDigests } from '../fixtures/app-reader.ts';
import { BACKENDS, type Backend } from '../fixtures/backends.ts';
import { freshAppLocation, PUBLISHED_TABLES, runCli, writeFixtureSource } from '../fixtures/pipeline-run.ts';
import {
  attributedUser,
  execOnSource,
  initialPurchase,
  trialStarted,
  useTempDir,
  type MetaRow,
  type SourceFixture,
} from '../fixtures/source-db.ts';

const tempDir = useTempDir('source-values-');
const a1 = { adId: 'a1', adsetId: 's1', campaignId: 'c1' };
const inA1 = { ad: 'a1', adset: 's1', campaign: 'c1' };
const day = (date: string, fields: Partial<MetaRow> = {}): MetaRow => ({
  ...a1,
  date,
  spend: 10,
  impressions: 100,
  clicks: 5,
  metaTrials: 1,
  metaPurchases: 0,
  ...fields,
});

/** Four usable Meta days, two attributed users, a trial and a purchase, one user product. */
const CLEAN: SourceFixture = {
  meta: ['2025-07-01', '2025-07-02', '2025-07-03', '2025-07-04'].map((date) => day(date)),
  users: [attributedUser('u1', inA1), attributedUser('u2', inA1)],
  events: [
    trialStarted('u1', '2025-07-01T10:00:00Z', { productId: 'p1' }),
    initialPurchase('u2', '2025-07-02T10:00:00Z', { productId: 'p2', revenueUsd: 20 }),
  ],
  userProducts: [{ distinctId: 'u1', productId: 'p1', currentValue: 30, trialConversionRate: 0.5 }],
};
const AS_OF = { asOf: '2025-07-04' };
/** Every published table but published_dataset, which names the run. */
const DATA_TABLES = PUBLISHED_TABLES.filter((table) => table !== 'published_dataset');

const runs = (appDbPath: string) =>
  queryApp<{ id: number; status: string; error: string | null }>(appDbPath, 'SELECT id, status, error FROM pipeline_runs ORDER BY id');

describe.each(BACKENDS)('source values (M31, M32) [%s]', (backend: Backend) => {
  let sourceCount = 0;
  const source = (dir: string, fixture: SourceFixture) => writeFixtureSource(dir, fixture, { backend }, `source-${++sourceCount}.sqlite`);
  const run = async (dir: string, appDbPath: string, fixture: SourceFixture, options: Partial<PipelineOptions> = {}) =>
    runPipeline({ sources: [await source(dir, fixture)], appDbPath, ...AS_OF, ...options });

  /** A published run over CLEAN, then the digests of its published tables. */
  async function publishedClean(dir: string) {
    const appDbPath = await freshAppLocation(dir, { backend });
    await run(dir, appDbPath, CLEAN);
    return { appDbPath, before: await tableDigests(appDbPath, PUBLISHED_TABLES) };
  }

  it('M31/M32 each unusable value is skipped and counted under its table, column and reason; the usable rows publish as without them', async () => {
    const dir = tempDir();
    const fixture: SourceFixture = {
      ...CLEAN,
      meta: [
        ...CLEAN.meta!,
        day('2025-02-30'),
        day('2025-07-05', { impressions: -5 }),
        day('2025-07-06', { spend: -3 }),
        day('2025-07-07', { spend: Infinity }),
        day('2025-07-08'),
      ],
      events: [
        ...CLEAN.events!,
        trialStarted('u2', '31/12/2025 10:00', { productId: 'p2' }),
        initialPurchase('u1', '2025-07-03T10:00:00Z', { productId: 'p1', revenueUsd: Infinity }),
      ],
      userProducts: [...CLEAN.userProducts!, { distinctId: 'u2', productId: 'p2', currentValue: 5, trialConversionRate: 1.5 }],
    };
    const sourceLocation = await source(dir, fixture);
    // Text in a REAL column (SQLite) and PostgreSQL's NaN: neither is a number.
    await execOnSource(sourceLocation, "UPDATE ad_performance_daily SET spend = 'NaN' WHERE date = '2025-07-08'");
    const appDbPath = await freshAppLocation(dir, { backend });
    const summary = await runPipeline({ sources: [sourceLocation], appDbPath, ...AS_OF, maxSkippedShare: 1 });
    expect(summary.skippedRows).toEqual({
      ad_performance_daily: {
        date: { 'not a calendar day': 1 },
        impressions: { negative: 1 },
        spend: { negative: 1, 'not finite': 1, 'not a number': 1 },
      },
      mixpanel_event: { event_time: { 'not a timestamp': 1 }, revenue_usd: { 'not finite': 1 } },
      user_product_metrics: { trial_conversion_rate: { 'outside 0..1': 1 } },
    });
    const [recorded] = await queryApp(appDbPath, 'SELECT skipped_rows FROM pipeline_runs WHERE id = ?', summary.runId);
    expect(recorded!.skipped_rows).toEqual(summary.skippedRows);

    const cleanApp = await freshAppLocation(dir, { backend });
    await run(dir, cleanApp, CLEAN);
    expect(await tableDigests(appDbPath, DATA_TABLES)).toEqual(await tableDigests(cleanApp, DATA_TABLES));
  });

  it('M32 a table whose skipped rows exceed MAX_SKIPPED_SHARE fails the run, naming table and column; the published data stays', async () => {
    const dir = tempDir();
    const { appDbPath, before } = await publishedClean(dir);
    // 1 of 5 rows: 20 %.
    const fixture: SourceFixture = { ...CLEAN, meta: [...CLEAN.meta!, day('2025-07-05', { impressions: -5 })] };
    const message =
      'source table ad_performance_daily: 1 of 5 rows (20 %) have unusable values (impressions negative 1), over MAX_SKIPPED_SHARE';
    await expect(run(dir, appDbPath, fixture)).rejects.toThrow(`${message} 0.1 %`);
    await expect(run(dir, appDbPath, fixture, { maxSkippedShare: 0.19 })).rejects.toThrow(`${message} 19 %`);
    expect(await tableDigests(appDbPath, PUBLISHED_TABLES)).toEqual(before);
    expect((await runs(appDbPath)).map(({ status, error }) => ({ status, error: error?.slice(0, message.length) }))).toEqual([
      { status: 'succeeded', error: undefined },
      { status: 'failed', error: message },
      { status: 'failed', error: message },
    ]);
    // Exactly the share is not past it.
    const summary = await run(dir, appDbPath, fixture, { maxSkippedShare: 0.2 });
    expect(summary.skippedRows).toEqual({ ad_performance_daily: { impressions: { negative: 1 } } });
  });

  it('M32 the CLI takes MAX_SKIPPED_SHARE and --max-skipped-share, and exits non-zero for a failed run', async () => {
    const dir = tempDir();
    const appDbPath = await freshAppLocation(dir, { backend });
    const sourceLocation = await source(dir, { ...CLEAN, meta: [...CLEAN.meta!, day('2025-07-05', { clicks: -1 })] });
    const args = ['--source', sourceLocation, '--db', appDbPath, '--as-of', AS_OF.asOf];
    const failed = await runCli(args);
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toContain('source table ad_performance_daily: 1 of 5 rows (20 %) have unusable values (clicks negative 1)');
    const allowed = await runCli(args, { MAX_SKIPPED_SHARE: '0.2' });
    expect(allowed.code, allowed.stderr).toBe(0);
    // The flag overrides the variable.
    const flag = await runCli([...args, '--max-skipped-share', '0.2'], { MAX_SKIPPED_SHARE: '0' });
    expect(flag.code, flag.stderr).toBe(0);
    expect(flag.stdout).toContain('skipped ad_performance_daily: 1 rows (clicks negative)');
    const bad = await runCli(args, { MAX_SKIPPED_SHARE: 'lots' });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('invalid MAX_SKIPPED_SHARE "lots": expected a share from 0 to 1');
  }, 180_000);

  it('M32 a required table the published run had rows of and that is empty now fails the run; over an empty app database it is fine', async () => {
    const dir = tempDir();
    const { appDbPath, before } = await publishedClean(dir);
    await expect(run(dir, appDbPath, { ...CLEAN, events: [] })).rejects.toThrow(
      "source table mixpanel_event has no usable rows (it is empty), but the published run's sources had 2: is a source missing or its format changed?",
    );
    expect(await tableDigests(appDbPath, PUBLISHED_TABLES)).toEqual(before);

    const fresh = await freshAppLocation(tempDir(), { backend });
    const summary = await run(dir, fresh, { ...CLEAN, events: [] });
    expect(summary.skippedRows).toEqual({});
    expect((await runs(fresh)).map(({ status }) => status)).toEqual(['succeeded']);
  });

  it('M32 events whose timestamps no longer parse (another format) fail the run, naming event_time', async () => {
    const dir = tempDir();
    const { appDbPath, before } = await publishedClean(dir);
    const events = [trialStarted('u1', '01/07/2025 10:00', { productId: 'p1' }), initialPurchase('u2', '02/07/2025 10:00', { productId: 'p2', revenueUsd: 20 })];
    await expect(run(dir, appDbPath, { ...CLEAN, events })).rejects.toThrow(
      'source table mixpanel_event: 2 of 2 rows (100 %) have unusable values (event_time not a timestamp 2), over MAX_SKIPPED_SHARE 0.1 %',
    );
    expect(await tableDigests(appDbPath, PUBLISHED_TABLES)).toEqual(before);
  });
});

describe('source values SQLite can hold and PostgreSQL\'s typed columns cannot (M31)', () => {
  it('text, fractions and counts past 2^53 − 1 are skipped; the published counts stay whole and safe', async () => {
    const dir = tempDir();
    const appDbPath = await freshAppLocation(dir);
    const fixture: SourceFixture = {
      ...CLEAN,
      meta: [
        ...CLEAN.meta!,
        day('2025-07-05', { clicks: 1e300 }),
        day('2025-07-06', { metaTrials: 2.5 }),
        day('2025-07-07', { impressions: 2 ** 53 }),
        day('2025-07-08', { spend: 'twelve' as unknown as number }),
      ],
    };
    const summary = await runPipeline({ sources: [await writeFixtureSource(dir, fixture)], appDbPath, ...AS_OF, maxSkippedShare: 1 });
    expect(summary.skippedRows).toEqual({
      ad_performance_daily: {
        clicks: { 'over 2^53-1': 1 },
        meta_trials: { 'not a whole number': 1 },
        impressions: { 'over 2^53-1': 1 },
        spend: { 'not a number': 1 },
      },
    });
    const totals = await appReader(appDbPath).query<{ clicks: number; impressions: number; spend: number }>(
      "SELECT sum(clicks) AS clicks, sum(impressions) AS impressions, sum(spend) AS spend FROM daily_metrics WHERE level = 'ad'",
    );
    expect(totals).toEqual([{ clicks: 20, impressions: 400, spend: 40 }]);
  });

  it('[postgres] text in a numeric column of an SQLite source file fails the copy into PostgreSQL with one line naming the table', async () => {
    const dir = tempDir();
    const appDbPath = await freshAppLocation(dir, { backend: 'postgres' });
    const fixture: SourceFixture = { ...CLEAN, meta: [...CLEAN.meta!, day('2025-07-05', { spend: 'twelve' as unknown as number })] };
    const source = await writeFixtureSource(dir, fixture, { backend: 'postgres', postgresSources: 'file' });
    await expect(runPipeline({ sources: [source], appDbPath, ...AS_OF })).rejects.toThrow(
      'source table ad_performance_daily cannot be copied: invalid input syntax for type double precision: "twelve"',
    );
    expect((await runs(appDbPath)).map(({ status }) => status)).toEqual(['failed']);
  });

  it('PipelineRun.skippedRows lists table, column and reason; runs recorded before columns were named read as their column', () => {
    expect(skippedRowsEntries({ mixpanel_event: { event_time: { 'not a timestamp': 2 }, revenue_usd: { 'not finite': 1 } } })).toEqual([
      { table: 'mixpanel_event', column: 'event_time', reason: 'not a timestamp', rows: 2 },
      { table: 'mixpanel_event', column: 'revenue_usd', reason: 'not finite', rows: 1 },
    ]);
    expect(skippedRowsEntries({ ad_performance_daily: { 'unparseable date': 3 } })).toEqual([
      { table: 'ad_performance_daily', column: 'date', reason: 'unparseable date', rows: 3 },
    ]);
  });
});
