/**
 * API replicas on one PostgreSQL app database (api.md, Storage backends, Replicas): two servers
 * with their own pools, watchers and pipeline control. A run started on one is PIPELINE_BUSY on the
 * other and visible there; both answer from the new run within 2 s of its publication; a CLI run
 * while a replica's run is in progress is refused; kill -9 of a pipeline process mid-run leaves both
 * serving the previous run and the run reported interrupted.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoDataToPostgres } from '../../pipeline/demo-data/to-postgres.ts';
import { PipelineBusyError } from '../../pipeline/errors.ts';
import { runPipeline } from '../../pipeline/run.ts';
import { createApi, type Api } from '../../src/server.ts';
import { freshPostgresUrl } from '../fixtures/backends.ts';
import { waitUntil } from '../fixtures/wait.ts';

const TOKEN = 'replica-token-0123456789';
const CLI = fileURLToPath(new URL('../../pipeline/cli.ts', import.meta.url));
const OVERVIEW = '{ overview(range: { start: "2025-06-01", end: "2025-06-30" }) { metrics { spend trials } } }';
const RUN = 'query Run($id: ID!) { pipelineRun(id: $id) { id status error } }';

let source: string;
let app: string;
let replicas: Api[] = [];

async function post(api: Api, query: string, variables: Record<string, unknown> = {}, authorized = false) {
  const response = await api.yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorized ? { authorization: `Bearer ${TOKEN}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { etag: response.headers.get('etag'), ...((await response.json()) as { data?: any; errors?: Array<{ message: string; extensions?: any }> }) };
}

/** The published run a replica answers from: its response cache keys answers by it (`"<run>:…"`). */
const servedRun = async (api: Api) => Number((await post(api, OVERVIEW)).etag!.slice(1).split(':')[0]);

beforeAll(async () => {
  source = await freshPostgresUrl('replica_source');
  await generateDemoDataToPostgres({ out: source, scale: 'small', seed: 5 });
  app = await freshPostgresUrl('replica_app');
  await runPipeline({ sources: [source], appDbPath: app });
  replicas = await Promise.all([0, 1].map(() => createApi({ dbPath: app, sources: [source], pipelineToken: TOKEN })));
}, 300_000);

afterAll(async () => {
  for (const replica of replicas) await replica.close();
});

describe('two API replicas on one PostgreSQL database [postgres]', { timeout: 240_000 }, () => {
  it('a run started on one is busy and visible on the other, a CLI run is refused, and both serve the new run within 2 s', async () => {
    const [a, b] = replicas as [Api, Api];
    expect(await servedRun(a)).toBe(1);
    expect(await servedRun(b)).toBe(1);
    const started = await post(a, 'mutation { runPipeline(asOf: "2025-06-20") { id status } }', {}, true);
    expect(started.errors).toBeUndefined();
    const id = Number(started.data.runPipeline.id);
    const busy = await post(b, 'mutation { runPipeline { id } }', {}, true);
    expect(busy.errors?.[0]?.extensions?.code).toBe('PIPELINE_BUSY');
    expect(busy.errors?.[0]?.message).toContain(`run ${id}`);
    expect((await post(b, RUN, { id: String(id) })).data.pipelineRun.status).toBe('running');
    await expect(runPipeline({ sources: [source], appDbPath: app })).rejects.toBeInstanceOf(PipelineBusyError);

    const finished = await waitUntil(`run ${id} to end`, async () => (await post(b, RUN, { id: String(id) })).data.pipelineRun, (run) => run.status !== 'running', {
      timeoutMs: 200_000,
    });
    expect(finished).toMatchObject({ status: 'succeeded', error: null });
    const publishedAt = Date.now();
    for (const replica of [a, b]) expect(await waitUntil(`a replica to serve run ${id}`, () => servedRun(replica), (run) => run === id, { timeoutMs: 2000 })).toBe(id);
    expect(Date.now() - publishedAt).toBeLessThan(2000);
  });

  it('kill -9 of the pipeline process mid-run leaves both serving the previous run, and the run is interrupted', async () => {
    const [a, b] = replicas as [Api, Api];
    const before = await servedRun(a);
    const cli = spawn(process.execPath, ['--import', 'tsx', CLI, '--source', source, '--db', app], { stdio: 'ignore' });
    // Mid-run: once it has recorded a step.
    const running = await waitUntil(
      'the CLI run to record a step',
      () => a.database.db.get<{ id: number; step: string }>("SELECT id, step FROM pipeline_runs WHERE status = 'running'"),
      (run) => run !== undefined && run.step !== 'starting',
      { timeoutMs: 120_000 },
    );
    expect(running).toBeDefined();
    cli.kill('SIGKILL');
    const run = await waitUntil(
      `killed run ${running!.id} to be seen ended`,
      async () => (await post(b, RUN, { id: String(running!.id) })).data.pipelineRun,
      (r) => r.status !== 'running',
      { timeoutMs: 30_000 },
    );
    expect(run).toMatchObject({ status: 'interrupted', error: 'the process running it stopped before it finished' });
    expect((await post(a, RUN, { id: String(running!.id) })).data.pipelineRun.status).toBe('interrupted');
    expect(await servedRun(a)).toBe(before);
    expect(await servedRun(b)).toBe(before);
    // The lock is free again: the next run may start.
    const next = await post(b, 'mutation { runPipeline { id } }', {}, true);
    expect(next.errors).toBeUndefined();
    const nextId = next.data.runPipeline.id;
    await waitUntil(`run ${nextId} to end`, async () => (await post(a, RUN, { id: nextId })).data.pipelineRun, (r) => r.status !== 'running', { timeoutMs: 200_000 });
  });
});
