import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../../pipeline/demo-data/generate.ts';
import { generateDemoDataToPostgres } from '../../pipeline/demo-data/to-postgres.ts';
import { runPipeline, type PipelineSummary } from '../../pipeline/run.ts';
import { appReader, type AppReader } from '../fixtures/app-reader.ts';
import { BACKENDS, freshPostgresUrl } from '../fixtures/backends.ts';
import { breakdownSumViolations, listViolations } from '../fixtures/invariants.ts';
import { freshAppLocation, PUBLISHED_TABLES } from '../fixtures/pipeline-run.ts';
import { useTempDir } from '../fixtures/source-db.ts';

const tempDir = useTempDir();
const DATA_TABLES = PUBLISHED_TABLES.filter((table) => table !== 'published_dataset');
const DEMO = { scale: 'small', seed: 11 } as const;

/**
 * Whole-database rules on generated data ('small' scale: every kind of case, a fraction of a
 * second); on PostgreSQL the sources are read in place from a schema.
 */
describe.each(BACKENDS)('pipeline on generated demo data [%s]', (backend) => {
  let source: string;
  let app: AppReader;
  let summary: PipelineSummary;

  beforeAll(async () => {
    const dir = tempDir();
    const appDbPath = await freshAppLocation(dir, { backend });
    if (backend === 'postgres') {
      source = await freshPostgresUrl('demo_source');
      await generateDemoDataToPostgres({ out: source, ...DEMO });
    } else {
      source = join(dir, 'small-source.sqlite');
      generateDemoData({ out: source, ...DEMO });
    }
    summary = await runPipeline({ sources: [source], appDbPath });
    app = appReader(appDbPath);
  });

  it('M28 for every entity, day and dimension the Mixpanel measures and lists of the values add up to the daily row', async () => {
    // Amounts like 9.99 summed in another order may differ in the last bits.
    expect((await breakdownSumViolations(app, 1e-6)).slice(0, 10)).toEqual([]);
  });

  it('M15 every list is distinct, sorted, and its count equals its length', async () => {
    expect((await listViolations(app)).slice(0, 10)).toEqual([]);
  });

  it('the generated unparseable event times are skipped and counted, not silently dropped', async () => {
    expect(Object.keys(summary.skippedRows)).toContain('mixpanel_event');
    const [run] = await app.query('SELECT status, skipped_rows FROM pipeline_runs WHERE id = ?', summary.runId);
    expect(run).toEqual({ status: 'succeeded', skipped_rows: summary.skippedRows });
  });

  it('M7/M30 every ad known only from Mixpanel that has a hierarchy link hangs under an adset with a campaign', async () => {
    const orphans = await app.query(
      `SELECT h.ad_id FROM id_hierarchy_mapping h LEFT JOIN adset_campaign_mapping a ON a.adset_id = h.adset_id
       WHERE h.source = 'mixpanel' AND a.adset_id IS NULL`,
    );
    expect(orphans).toEqual([]);
    expect((await app.query("SELECT count(*) AS n FROM id_hierarchy_mapping WHERE source = 'mixpanel'"))[0]!.n).toBeGreaterThan(0);
  });

  it('results depend only on the input: a run into a fresh database gives identical rows', async () => {
    const otherAppDb = await freshAppLocation(tempDir(), { backend });
    await runPipeline({ sources: [source], appDbPath: otherAppDb });
    expect(await appReader(otherAppDb).digests(DATA_TABLES)).toEqual(await app.digests(DATA_TABLES));
  });
});

describe('an SQLite app database over sources in a PostgreSQL schema (api.md: any mix) [postgres]', () => {
  it('gives the rows the same data gives from an SQLite source file', async () => {
    const dir = tempDir();
    const file = join(dir, 'source.sqlite');
    generateDemoData({ out: file, ...DEMO });
    const schema = await freshPostgresUrl('demo_source');
    await generateDemoDataToPostgres({ out: schema, ...DEMO });
    const fromFile = appReader(join(dir, 'from-file.sqlite'));
    const fromSchema = appReader(join(dir, 'from-schema.sqlite'));
    await runPipeline({ sources: [file], appDbPath: fromFile.appDbPath });
    await runPipeline({ sources: [schema], appDbPath: fromSchema.appDbPath });
    expect(await fromSchema.digests(DATA_TABLES)).toEqual(await fromFile.digests(DATA_TABLES));
  });
});
