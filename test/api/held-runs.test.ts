/**
 * The API side of metrics.md M32/M33 (api.md round-three additions): PipelineRun.held shows the
 * measures that moved, PipelineRun.skippedRows names table, column and reason, and
 * runPipeline(publishHeld:) publishes a held run (runPipeline(acceptChanges:) skips the guard), on both backends.
 */
import { describe, expect, it } from 'vitest';
import { runPipeline } from '../../pipeline/run.ts';
import { createApi, type Api } from '../../src/server.ts';
import { account } from '../fixtures/account.ts';
import { queryApp } from '../fixtures/app-reader.ts';
import { BACKENDS, type Backend } from '../fixtures/backends.ts';
import { freshAppLocation, writeFixtureSource } from '../fixtures/pipeline-run.ts';
import { trialStarted, useTempDir } from '../fixtures/source-db.ts';

const tempDir = useTempDir('held-runs-');
const TOKEN = 'test-token-0123456789';

async function post(api: Api, query: string, variables: Record<string, unknown> = {}) {
  const response = await api.yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: any; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
}

const RUN = `query Run($id: ID!) { pipelineRun(id: $id) {
  status error
  held { from to days maxRestatementShare measures { measure publishedTotal runTotal share reason } }
  skippedRows { table column reason rows } } }`;

describe.each(BACKENDS)('held runs in the API [%s]', (backend: Backend) => {
  it('shows a held run with what moved and its skipped rows, publishes it with runPipeline(publishHeld:), refuses one not held', async () => {
    const dir = tempDir();
    const appDbPath = await freshAppLocation(dir, { backend });
    const published = await writeFixtureSource(dir, account(), { backend }, 'published.sqlite');
    await runPipeline({ sources: [published], appDbPath, asOf: '2025-07-10' });
    // No trials any more, and one event whose time does not parse (allowed here: maxSkippedShare 1).
    const changed = account({ trials: false });
    changed.events!.push(trialStarted('t1', 'yesterday'));
    const heldSource = await writeFixtureSource(dir, changed, { backend }, 'held.sqlite');
    await expect(runPipeline({ sources: [heldSource], appDbPath, asOf: '2025-07-10', maxSkippedShare: 1 })).rejects.toThrow('held by the publish guard');
    const { id } = (await queryApp<{ id: number }>(appDbPath, 'SELECT max(id) AS id FROM pipeline_runs'))[0]!;

    const api = await createApi({ dbPath: appDbPath, sources: [heldSource], pipelineToken: TOKEN, responseCache: false });
    try {
      const held = await post(api, RUN, { id: String(id) });
      expect(held.data.pipelineRun).toEqual({
        status: 'held',
        error: expect.stringContaining(`run ${id} held by the publish guard (M33)`),
        held: {
          from: '2025-07-01',
          to: '2025-07-10',
          days: 10,
          maxRestatementShare: 0.5,
          measures: [{ measure: 'trials', publishedTotal: 10, runTotal: 0, share: 1, reason: 'vanished' }],
        },
        skippedRows: [{ table: 'mixpanel_event', column: 'event_time', reason: 'not a timestamp', rows: 1 }],
      });

      const publish = await post(api, 'mutation Publish($id: ID!) { runPipeline(publishHeld: $id) { id status } }', { id: String(id) });
      expect(publish).toEqual({ data: { runPipeline: { id: String(id), status: 'succeeded' } } });
      expect((await post(api, RUN, { id: String(id) })).data.pipelineRun.held.measures[0].measure).toBe('trials');
      expect(await queryApp(appDbPath, 'SELECT run_id FROM published_dataset')).toEqual([{ run_id: id }]);

      const again = await post(api, 'mutation Publish($id: ID!) { runPipeline(publishHeld: $id) { id } }', { id: String(id) });
      expect(again.errors?.[0]).toMatchObject({
        message: `pipeline run ${id} is succeeded, not held: only a held run can be published`,
        extensions: { code: 'BAD_USER_INPUT' },
      });
    } finally {
      await api.close();
    }
  });
});
