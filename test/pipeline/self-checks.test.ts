/**
 * The self-checks that guard publication. Stage rows are written by hand so that each
 * check meets exactly one violation; a consistent set passes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SelfCheckError } from '../../pipeline/errors.ts';
import { openRunSpace, type RunSpace } from '../../pipeline/run-space.ts';
import { runSelfChecks } from '../../pipeline/steps/checks.ts';
import { openAppDatabase, type AppDatabase } from '../../src/db/app-database.ts';
import { BACKENDS, freshPostgresUrl, type Backend } from '../fixtures/backends.ts';
import { useTempDir } from '../fixtures/source-db.ts';

const tempDir = useTempDir('self-checks-');
let open: { app: AppDatabase; run: RunSpace } | undefined;
afterEach(async () => {
  await open?.run.close();
  await open?.app.close();
  open = undefined;
});

/** Stage tables holding ad a1 on 2025-07-01: 2 trials (u1, u2), 10 USD revenue, in every dimension. */
async function consistentStage(backend: Backend): Promise<RunSpace> {
  const app = await openAppDatabase(backend === 'postgres' ? await freshPostgresUrl('self_checks') : `${tempDir()}/app.sqlite`);
  const run = await openRunSpace(app, { runId: 1, sources: [], locations: new Map() });
  open = { app, run };
  await run.createStageTables();
  await run.db.exec(`INSERT INTO ${run.stageTable('daily_metrics')} (level, entity_id, date, trials, actual_revenue) VALUES ('ad', 'a1', '2025-07-01', 2, 10);
               INSERT INTO ${run.stageTable('daily_user_lists')} (level, entity_id, date, trial_user_ids) VALUES ('ad', 'a1', '2025-07-01', '["u1","u2"]')`);
  for (const dimension of ['country', 'region', 'device']) {
    for (const [value, user, revenue] of [['X', 'u1', 4], ['UNKNOWN', 'u2', 6]] as const) {
      await run.db.run(
        `INSERT INTO ${run.stageTable('daily_metrics_breakdown')}
           (level, entity_id, dimension, date, value, trials, actual_revenue) VALUES ('ad', 'a1', ?, '2025-07-01', ?, 1, ?)`,
        [dimension, value, revenue],
      );
      await run.db.run(
        `INSERT INTO ${run.stageTable('breakdown_user_lists')}
           (level, entity_id, dimension, date, value, trial_user_ids) VALUES ('ad', 'a1', ?, '2025-07-01', ?, ?)`,
        [dimension, value, JSON.stringify([user])],
      );
    }
  }
  return run;
}

const failure = async (run: RunSpace) => {
  try {
    await runSelfChecks(run);
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(SelfCheckError);
    return (error as Error).message;
  }
};

describe.each(BACKENDS)('self-checks before publishing [%s]', (backend) => {
  it('pass when every list count equals its length and breakdowns sum to the daily row', async () => {
    expect(await failure(await consistentStage(backend))).toBeNull();
  });

  it('M15 a list count that differs from its list length fails the run', async () => {
    const run = await consistentStage(backend);
    await run.db.exec(`UPDATE ${run.stageTable('daily_metrics')} SET trials = 3`);
    expect(await failure(run)).toMatch(/M15.*daily_metrics for ad a1 on 2025-07-01/);
  });

  it('M15 a count above zero whose row has no lists (none in the list table) fails the run', async () => {
    const run = await consistentStage(backend);
    await run.db.exec(`DELETE FROM ${run.stageTable('breakdown_user_lists')} WHERE dimension = 'device' AND value = 'X'`);
    expect(await failure(run)).toMatch(/M15.*daily_metrics_breakdown for ad a1 on 2025-07-01/);
  });

  it('M28 a breakdown value that changes a Mixpanel sum fails the run, naming the dimension', async () => {
    const run = await consistentStage(backend);
    await run.db.exec(`UPDATE ${run.stageTable('daily_metrics_breakdown')} SET actual_revenue = 7 WHERE dimension = 'region' AND value = 'X'`);
    expect(await failure(run)).toMatch(/M28.*region breakdown of ad a1 on 2025-07-01/);
  });

  it('M28 a daily row with Mixpanel numbers but no breakdown row in a dimension fails the run', async () => {
    const run = await consistentStage(backend);
    await run.db.exec(`DELETE FROM ${run.stageTable('daily_metrics_breakdown')} WHERE dimension = 'device'`);
    expect(await failure(run)).toMatch(/M28.*device breakdown of ad a1/);
  });

  it('M28 a breakdown row without a daily row fails the run', async () => {
    const run = await consistentStage(backend);
    await run.db.exec(`INSERT INTO ${run.stageTable('daily_metrics_breakdown')} (level, entity_id, dimension, date, value, actual_revenue)
             VALUES ('ad', 'a1', 'country', '2025-07-02', 'X', 5)`);
    expect(await failure(run)).toMatch(/M28.*country breakdown of ad a1 on 2025-07-02/);
  });

  it('M28 tolerates float sums that differ only in the last bits', async () => {
    const run = await consistentStage(backend);
    await run.db.exec(`UPDATE ${run.stageTable('daily_metrics_breakdown')} SET actual_revenue = 4 + 1e-12 WHERE value = 'X'`);
    expect(await failure(run)).toBeNull();
  });
});
