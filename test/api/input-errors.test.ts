/**
 * api.md "Errors": a missing or mistyped variable or argument is BAD_USER_INPUT; a subscription to a
 * run that does not exist ends with a BAD_USER_INPUT error, not silently. And the `graphql-sse`
 * client (distinct connections) follows a real run from the API to its end.
 */
import { createClient, type ExecutionResult } from 'graphql-sse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server.ts';
import { BACKENDS } from '../fixtures/backends.ts';
import { freshAppLocation, writeFixtureSource } from '../fixtures/pipeline-run.ts';
import { attributedUser, trialStarted, useTempDir } from '../fixtures/source-db.ts';
import { RANGE } from './data.ts';
import { startFixtureServer, type FixtureServer } from './client-data.ts';

const OVERVIEW = 'query ($range: DateRangeInput!) { overview(range: $range) { metrics { spend } } }';

const TOKEN = 'input-errors-token-0123456789';
const tempDir = useTempDir('input-errors-');

/** Follows one subscription with graphql-sse's client until it completes or fails. */
function follow(url: string, query: string, variables: Record<string, unknown>) {
  const client = createClient({ url });
  const results: ExecutionResult<Record<string, unknown>, unknown>[] = [];
  const ended = new Promise<void>((resolve, reject) => {
    client.subscribe({ query, variables }, { next: (result) => void results.push(result), error: reject, complete: resolve });
  });
  return ended.then(() => results).finally(() => client.dispose());
}

describe.each(BACKENDS)('[%s]', (backend) => {
  let server: FixtureServer;
  beforeAll(async () => {
    server = await startFixtureServer(backend);
  });
  afterAll(() => server.cleanup());

  const post = async (query: string, variables?: unknown) => {
    const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
    return (await response.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
  };

  it.each([
    ['a missing variable', OVERVIEW, {}, 'Variable "$range" of required type "DateRangeInput!" was not provided.'],
    ['a variable missing a field', OVERVIEW, { range: { start: '2024-03-01' } }, 'Field "end" of required type "Date!" was not provided.'],
    ['a variable of the wrong type', OVERVIEW, { range: 'last week' }, 'Variable "$range" got invalid value "last week"'],
    ['a variable with an impossible Date', OVERVIEW, { range: { start: '2024-02-30', end: '2024-03-01' } }, 'Invalid Date "2024-02-30"'],
    ['a missing argument', '{ overview { metrics { spend } } }', undefined, 'argument "range" of type "DateRangeInput!" is required'],
    ['an argument of the wrong type', '{ overview(range: 5) { metrics { spend } } }', undefined, 'Expected value of type "DateRangeInput!", found 5.'],
    ['an unknown argument', `{ overview(range: { start: "${RANGE.start}", end: "${RANGE.end}" }, period: 7) { metrics { spend } } }`, undefined, 'Unknown argument "period"'],
    [
      'a variable of the wrong type for its argument',
      `query ($days: String) { overview(range: { start: "${RANGE.start}", end: "${RANGE.end}" }) { sparkline(metric: SPEND, days: $days) { value } } }`,
      undefined,
      'Variable "$days" of type "String" used in position expecting type "Int".',
    ],
    ['an unknown enum value', `{ entity(level: SHOP, id: "c1", range: { start: "${RANGE.start}", end: "${RANGE.end}" }) { id } }`, undefined, 'Value "SHOP" does not exist in "EntityLevel" enum.'],
  ])('%s is BAD_USER_INPUT', async (_, query, variables, message) => {
    const result = await post(query, variables);
    expect(result.data ?? null).toBeNull();
    expect(result.errors!.length).toBeGreaterThan(0);
    for (const error of result.errors!) expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors![0]!.message).toContain(message);
  });

  it('other invalid documents keep their validation code', async () => {
    const result = await post('{ overview(range: { start: "2024-03-01", end: "2024-03-03" }) { metrics { profitMargin } } }');
    expect(result.errors![0]!.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('pipelineRunProgress of a run that does not exist ends with BAD_USER_INPUT (graphql-sse client)', async () => {
    const results = await follow(server.url, 'subscription ($id: ID!) { pipelineRunProgress(id: $id) { id status } }', { id: '99' });
    expect(results).toHaveLength(1);
    expect(results[0]!.data ?? null).toBeNull();
    expect(results[0]!.errors).toMatchObject([{ message: 'No pipeline run 99: pipelineRuns lists the known ones.', extensions: { code: 'BAD_USER_INPUT' } }]);
  });

  it("the graphql-sse client receives a run's progress to its end", { timeout: 120_000 }, async () => {
    const dir = tempDir();
    const ids = { ad: 'a1', adset: 's1', campaign: 'c1' };
    const source = await writeFixtureSource(
      dir,
      {
        meta: [{ adId: 'a1', adsetId: 's1', campaignId: 'c1', date: '2025-07-01', adName: 'Ad one', spend: 10 }],
        users: [attributedUser('u1', ids)],
        events: [trialStarted('u1', '2025-07-01T10:00:00Z', { productId: 'p1', store: 'APP_STORE', eventUuid: 'e1' })],
      },
      { backend },
    );
    let running: RunningServer | undefined;
    try {
      running = await startServer({ dbPath: await freshAppLocation(dir, { backend }), sources: [source], pipelineToken: TOKEN, port: 0, host: '127.0.0.1' });
      const started = await fetch(running.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
        body: JSON.stringify({ query: 'mutation { runPipeline(asOf: "2025-07-01") { id } }' }),
      });
      const { id } = ((await started.json()) as { data: { runPipeline: { id: string } } }).data.runPipeline;
      const results = await follow(running.url, 'subscription ($id: ID!) { pipelineRunProgress(id: $id) { id status step progress } }', { id });
      const runs = results.map((result) => result.data!.pipelineRunProgress as { status: string; progress: number });
      expect(results.every((result) => result.errors === undefined)).toBe(true);
      expect(runs.slice(0, -1).every((run) => run.status === 'running')).toBe(true);
      expect(runs.at(-1)).toEqual({ id, status: 'succeeded', step: 'done', progress: 1 });
      const progress = runs.map((run) => run.progress);
      expect(progress).toEqual([...progress].sort((a, b) => a - b));
    } finally {
      await running?.close();
    }
  });
});
