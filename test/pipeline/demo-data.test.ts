import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../../pipeline/demo-data/generate.ts';
import { runPipeline, type PipelineSummary } from '../../pipeline/run.ts';
import { breakdownSumViolations, listViolations } from '../fixtures/invariants.ts';
import { PUBLISHED_TABLES, tableDigests } from '../fixtures/pipeline-run.ts';
import { queryApp, useTempDir } from '../fixtures/source-db.ts';

const tempDir = useTempDir();
const DATA_TABLES = PUBLISHED_TABLES.filter((table) => table !== 'published_dataset');

/** Whole-database rules on generated data ('small' scale: every kind of case, a fraction of a second). */
describe('pipeline on generated demo data', () => {
  const dir = tempDir();
  const sourcePath = join(dir, 'small-source.sqlite');
  const appDbPath = join(dir, 'app.sqlite');
  let summary: PipelineSummary;

  beforeAll(async () => {
    generateDemoData({ out: sourcePath, scale: 'small', seed: 11 });
    summary = await runPipeline({ sources: [sourcePath], appDbPath });
  });

  it('M28 for every entity, day and dimension the Mixpanel measures and lists of the values add up to the daily row', () => {
    // Amounts like 9.99 summed in another order may differ in the last bits.
    expect(breakdownSumViolations(appDbPath, 1e-6).slice(0, 10)).toEqual([]);
  });

  it('M15 every list is distinct, sorted, and its count equals its length', () => {
    expect(listViolations(appDbPath).slice(0, 10)).toEqual([]);
  });

  it('the generated unparseable event times are skipped and counted, not silently dropped', () => {
    expect(Object.keys(summary.skippedRows)).toContain('mixpanel_event');
    const [run] = queryApp(appDbPath, 'SELECT status, skipped_rows FROM pipeline_runs WHERE id = ?', summary.runId);
    expect(run).toEqual({ status: 'succeeded', skipped_rows: summary.skippedRows });
  });

  it('M7/M30 every ad known only from Mixpanel that has a hierarchy link hangs under an adset with a campaign', () => {
    const orphans = queryApp(
      appDbPath,
      `SELECT h.ad_id FROM id_hierarchy_mapping h LEFT JOIN adset_campaign_mapping a ON a.adset_id = h.adset_id
       WHERE h.source = 'mixpanel' AND a.adset_id IS NULL`,
    );
    expect(orphans).toEqual([]);
    expect(queryApp(appDbPath, "SELECT count(*) AS n FROM id_hierarchy_mapping WHERE source = 'mixpanel'")[0]!.n).toBeGreaterThan(0);
  });

  it('results depend only on the input: a run into a fresh database gives identical rows', async () => {
    const otherAppDb = join(tempDir(), 'app.sqlite');
    await runPipeline({ sources: [sourcePath], appDbPath: otherAppDb });
    expect(tableDigests(otherAppDb, DATA_TABLES)).toEqual(tableDigests(appDbPath, DATA_TABLES));
  });
});
