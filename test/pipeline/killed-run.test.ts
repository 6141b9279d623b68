import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../../pipeline/demo-data/generate.ts';
import { runPipeline } from '../../pipeline/run.ts';
import { createApi, type Api } from '../../src/server.ts';
import { queryApp, tableDigests } from '../fixtures/app-reader.ts';
import { PUBLISHED_TABLES, runsOf, startCli, waitUntilMidRun } from '../fixtures/pipeline-run.ts';
import { useTempDir } from '../fixtures/source-db.ts';

const tempDir = useTempDir();

// SQLite only: these runs are told apart by process ids and leave scratch directories behind; the
// same guarantees on PostgreSQL (advisory lock, run schemas, replicas) are test/api/replicas.test.ts.

/*
 * The published baseline and the run after the kill use 'small' data (fast); the killed run reads
 * 'demo' data, which takes seconds, so it can be caught mid-run.
 */
describe('a killed run', () => {
  const dir = tempDir();
  const smallSource = join(dir, 'small-source.sqlite');
  const demoSource = join(dir, 'demo-source.sqlite');
  const appDbPath = join(dir, 'app.sqlite');
  const scratchParent = tempDir();
  const scratchSpaces = () => readdirSync(scratchParent).filter((name) => name.startsWith('ads-metrics-pipeline-'));
  let published: Awaited<ReturnType<typeof tableDigests>>;
  let firstRunId: number;

  beforeAll(async () => {
    generateDemoData({ out: smallSource, scale: 'small', seed: 3 });
    generateDemoData({ out: demoSource, scale: 'demo', seed: 3 });
    firstRunId = (await runPipeline({ sources: [smallSource], appDbPath })).runId;
    published = await tableDigests(appDbPath, PUBLISHED_TABLES);
  });

  it('SIGKILL mid-run leaves the previously published rows exactly intact; the next run succeeds, marks it interrupted and removes its scratch space', async () => {
    const { child, done } = startCli(['--source', demoSource, '--db', appDbPath], { TMPDIR: scratchParent });
    const seen = await waitUntilMidRun(appDbPath, done);
    if (!('progress' in seen)) expect.fail(`the run ended before it could be killed: exit ${seen.code}, ${seen.stderr.trim()}`);
    const killedRunId = seen.id;
    // The CLI yields the CPU to servers (nice 10; field 19 of Linux's /proc/<pid>/stat).
    if (existsSync(`/proc/${child.pid}/stat`)) {
      expect.soft(readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]).toBe('10');
    }
    // While it runs, a second run is refused (PIPELINE_BUSY in api.md) and changes nothing.
    await expect.soft(runPipeline({ sources: [smallSource], appDbPath })).rejects.toThrow(`run ${killedRunId}`);
    child.kill('SIGKILL');
    expect((await done).signal).toBe('SIGKILL');

    expect(await tableDigests(appDbPath, PUBLISHED_TABLES)).toEqual(published);
    expect(await queryApp(appDbPath, 'SELECT run_id FROM published_dataset')).toEqual([{ run_id: firstRunId }]);

    expect(scratchSpaces()).toEqual([expect.stringMatching(`^ads-metrics-pipeline-${child.pid}-`)]);

    // Another time zone, so the new run's rows differ from the baseline's.
    const previousTmpDir = process.env.TMPDIR;
    process.env.TMPDIR = scratchParent;
    const next = await runPipeline({ sources: [smallSource], appDbPath, timezone: 'America/New_York' }).finally(() => {
      // Assigning undefined would set the text 'undefined'.
      if (previousTmpDir === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previousTmpDir;
    });
    expect(scratchSpaces()).toEqual([]);
    expect(await queryApp(appDbPath, 'SELECT run_id, timezone FROM published_dataset')).toEqual([
      { run_id: next.runId, timezone: 'America/New_York' },
    ]);
    expect((await runsOf(appDbPath)).find((run) => run.id === killedRunId)?.status).toBe('interrupted');
    expect((await tableDigests(appDbPath, PUBLISHED_TABLES)).daily_metrics).not.toEqual(published.daily_metrics);
  });
});

/*
 * A CLI run killed while an API server reads the same app database. Nothing but the
 * reads notices the death: the server did not start the run and the CLI cannot record it.
 */
describe('a CLI run killed while the API serves', () => {
  const dir = tempDir();
  const smallSource = join(dir, 'small-source.sqlite');
  const demoSource = join(dir, 'demo-source.sqlite');
  const appDbPath = join(dir, 'app.sqlite');
  let firstRunId: number;

  beforeAll(async () => {
    generateDemoData({ out: smallSource, scale: 'small', seed: 5 });
    generateDemoData({ out: demoSource, scale: 'demo', seed: 5 });
    firstRunId = (await runPipeline({ sources: [smallSource], appDbPath })).runId;
  });

  const post = async (api: Api, query: string, variables: Record<string, unknown> = {}) => {
    const response = await api.yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return ((await response.json()) as { data: any }).data;
  };

  it('pipelineRun, pipelineRuns and the progress subscription show it interrupted within a few seconds; dataStatus keeps the published run', async () => {
    const api = await createApi({ dbPath: appDbPath, sources: [smallSource] });
    try {
      const { child, done } = startCli(['--source', demoSource, '--db', appDbPath]);
      const seen = await waitUntilMidRun(appDbPath, done);
      if (!('progress' in seen)) expect.fail(`the run ended before it could be killed: exit ${seen.code}, ${seen.stderr.trim()}`);
      const id = String(seen.id);
      const RUN = 'query Run($id: ID!) { pipelineRun(id: $id) { id status error } pipelineRuns(last: 2) { id status } }';
      expect((await post(api, RUN, { id })).pipelineRun.status).toBe('running');

      const subscription = Promise.resolve(
        api.yoga.fetch('http://localhost/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
          body: JSON.stringify({ query: `subscription { pipelineRunProgress(id: ${id}) { id status } }` }),
        }),
      ).then((response) => response.text());

      child.kill('SIGKILL');
      expect((await done).signal).toBe('SIGKILL');
      const killedAt = performance.now();

      const events = (await subscription)
        .split('\n')
        .filter((line: string) => line.startsWith('data: ') && line.includes('pipelineRunProgress'))
        .map((line: string) => JSON.parse(line.slice('data: '.length)).data.pipelineRunProgress);
      expect(events.at(-1)).toEqual({ id, status: 'interrupted' });
      expect(performance.now() - killedAt).toBeLessThan(5000);

      const after = await post(api, RUN, { id });
      expect(after.pipelineRun).toEqual({ id, status: 'interrupted', error: 'the process running it stopped before it finished' });
      expect(after.pipelineRuns).toEqual([
        { id, status: 'interrupted' },
        { id: String(firstRunId), status: 'succeeded' },
      ]);
      expect((await post(api, '{ dataStatus { asOf } }')).dataStatus.asOf).not.toBeNull();
      expect(await queryApp(appDbPath, 'SELECT run_id FROM published_dataset')).toEqual([{ run_id: firstRunId }]);
    } finally {
      await api.close();
    }
  });
});
