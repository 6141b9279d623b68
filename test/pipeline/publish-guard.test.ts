/**
 * metrics.md M33 publish guard, on both backends: a run whose account totals (M29) per day move
 * past MAX_RESTATEMENT_SHARE, or whose measure vanishes on every day after being above 0 on at
 * least 7, is held (status 'held', `held` JSON), not published; `--publish-held N` /
 * publishHeldPipelineRun publishes its kept tables exactly; `--accept-changes` skips the guard once.
 */
import { describe, expect, it } from 'vitest';
import { PipelineHeldError } from '../../pipeline/errors.ts';
import { publishHeldPipelineRun, runPipeline, type PipelineOptions } from '../../pipeline/run.ts';
import { queryApp, tableDigests } from '../fixtures/app-reader.ts';
import { BACKENDS, type Backend } from '../fixtures/backends.ts';
import { freshAppLocation, PUBLISHED_TABLES, runCli, writeFixtureSource } from '../fixtures/pipeline-run.ts';
import { account } from '../fixtures/account.ts';
import { useTempDir, type SourceFixture } from '../fixtures/source-db.ts';

const tempDir = useTempDir('publish-guard-');
const DATA_TABLES = PUBLISHED_TABLES.filter((table) => table !== 'published_dataset');

describe.each(BACKENDS)('M33 publish guard [%s]', (backend: Backend) => {
  let sources = 0;
  const source = (dir: string, fixture: SourceFixture) => writeFixtureSource(dir, fixture, { backend }, `source-${++sources}.sqlite`);
  const run = async (dir: string, appDbPath: string, fixture: SourceFixture, options: Partial<PipelineOptions> = {}) =>
    runPipeline({ sources: [await source(dir, fixture)], appDbPath, asOf: '2025-07-10', ...options });
  const lastRun = async (appDbPath: string) =>
    (await queryApp<{ id: number; status: string; error: string | null; held: string | null }>(
      appDbPath,
      'SELECT id, status, error, held FROM pipeline_runs ORDER BY id DESC LIMIT 1',
    ))[0]!;
  /** A fresh app database with `account()` published. */
  async function published(dir: string) {
    const appDbPath = await freshAppLocation(dir, { backend });
    await run(dir, appDbPath, account());
    return { appDbPath, before: await tableDigests(appDbPath, PUBLISHED_TABLES) };
  }
  /** The data tables a run over `fixture` publishes into a fresh app database (no guard there). */
  async function publishedAlone(fixture: SourceFixture) {
    const dir = tempDir();
    const appDbPath = await freshAppLocation(dir, { backend });
    await run(dir, appDbPath, fixture);
    return tableDigests(appDbPath, DATA_TABLES);
  }

  it('trials that were above 0 on 10 days and are 0 on all of them hold the run; publishing it later publishes exactly what it computed', async () => {
    const dir = tempDir();
    const { appDbPath, before } = await published(dir);
    const error = await run(dir, appDbPath, account({ trials: false })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PipelineHeldError);
    const held = await lastRun(appDbPath);
    expect((error as PipelineHeldError).runId).toBe(held.id);
    const message =
      `run ${held.id} held by the publish guard (M33): over 2025-07-01..2025-07-10 (10 days) trials 10 → 0 (0 on every day); ` +
      `publish it with --publish-held ${held.id} or fix the sources`;
    expect((error as Error).message).toBe(message);
    expect(held).toMatchObject({ status: 'held', error: message });
    expect(JSON.parse(held.held!)).toEqual({
      from: '2025-07-01',
      to: '2025-07-10',
      days: 10,
      maxRestatementShare: 0.5,
      measures: [{ measure: 'trials', publishedTotal: 10, runTotal: 0, share: 1, reason: 'vanished' }],
    });
    expect(await tableDigests(appDbPath, PUBLISHED_TABLES)).toEqual(before);

    await publishHeldPipelineRun(appDbPath, held.id);
    expect(await lastRun(appDbPath)).toMatchObject({ id: held.id, status: 'succeeded', error: null });
    expect((await queryApp(appDbPath, 'SELECT run_id, as_of FROM published_dataset'))).toEqual([{ run_id: held.id, as_of: '2025-07-10' }]);
    expect(await tableDigests(appDbPath, DATA_TABLES)).toEqual(await publishedAlone(account({ trials: false })));
    // Published once: a second publish is refused with one line.
    await expect(publishHeldPipelineRun(appDbPath, held.id)).rejects.toThrow(`pipeline run ${held.id} is succeeded, not held: only a held run can be published`);
  });

  it('spend moving by more than MAX_RESTATEMENT_SHARE of its total holds the run; within it, or with acceptChanges, the run publishes', async () => {
    const dir = tempDir();
    const { appDbPath, before } = await published(dir);
    // 100 → 160 over the 10 days: 60 %.
    await expect(run(dir, appDbPath, account({ spend: 16 }))).rejects.toThrow('spend 100 → 160 (60 %)');
    const held = await lastRun(appDbPath);
    expect(JSON.parse(held.held!).measures).toEqual([{ measure: 'spend', publishedTotal: 100, runTotal: 160, share: 0.6, reason: 'moved' }]);
    expect(await tableDigests(appDbPath, PUBLISHED_TABLES)).toEqual(before);

    // 100 → 150: exactly half is not more than half.
    await run(dir, appDbPath, account({ spend: 15 }));
    expect(await lastRun(appDbPath)).toMatchObject({ status: 'succeeded', held: null });
    await run(dir, appDbPath, account({ spend: 40 }), { maxRestatementShare: 3 });
    expect((await lastRun(appDbPath)).status).toBe('succeeded');
    await run(dir, appDbPath, account({ trials: false }), { acceptChanges: true });
    expect((await lastRun(appDbPath)).status).toBe('succeeded');
    expect(await tableDigests(appDbPath, DATA_TABLES)).toEqual(await publishedAlone(account({ trials: false })));
    // The held run's tables went with the later publish.
    await expect(publishHeldPipelineRun(appDbPath, held.id)).rejects.toThrow(`the tables of held run ${held.id} are no longer kept`);
  });

  it('the CLI exits non-zero for a held run and publishes it with --publish-held; --accept-changes skips the guard', async () => {
    const dir = tempDir();
    const { appDbPath } = await published(dir);
    const changed = ['--source', await source(dir, account({ spend: 30 })), '--db', appDbPath, '--as-of', '2025-07-10'];
    const held = await runCli(changed);
    expect(held.code).not.toBe(0);
    const { id } = await lastRun(appDbPath);
    expect(held.stderr).toContain(`run ${id} held by the publish guard (M33): over 2025-07-01..2025-07-10 (10 days) spend 100 → 300 (200 %)`);
    const publish = await runCli(['--db', appDbPath, '--publish-held', String(id)]);
    expect(publish.code, publish.stderr).toBe(0);
    expect(await queryApp(appDbPath, 'SELECT run_id FROM published_dataset')).toEqual([{ run_id: id }]);
    const accepted = await runCli(['--source', await source(dir, account()), '--db', appDbPath, '--as-of', '2025-07-10', '--accept-changes']);
    expect(accepted.code, accepted.stderr).toBe(0);
  }, 180_000);
});
