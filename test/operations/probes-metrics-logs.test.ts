/**
 * api.md "Operations": the probes (`/livez`, `/readyz`), `/metrics` in the Prometheus text format
 * (checked by `promtool check metrics` when Debian's prometheus package is installed) behind
 * METRICS_TOKEN, and one JSON log line per request that never carries the credential. Both backends.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AppDatabase } from '../../src/db/app-database.ts';
import { createLogger } from '../../src/observability/logger.ts';
import { ApiMetrics } from '../../src/observability/metrics.ts';
import { DEFAULT_FRESHNESS_THRESHOLDS } from '../../src/freshness/freshness.ts';
import { operationsEndpoints } from '../../src/operations-http/probes.ts';
import { BACKENDS } from '../fixtures/backends.ts';
import { APP_DATA } from '../api/data.ts';
import { createTestApi, type TestApi } from '../api/fixture.ts';

const METRICS_TOKEN = 'metrics-token-123456';
const SECRET = 'secret-credential-value-987';

const promtool = spawnSync('promtool', ['--version']).status === 0;

function captureLines() {
  const lines: Record<string, unknown>[] = [];
  let raw = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      raw += chunk.toString();
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, raw: () => raw, logger: createLogger('info', stream) };
}

const get = (api: TestApi, path: string, headers: Record<string, string> = {}) => api.yoga.fetch(`http://localhost${path}`, { headers });

/** The value of one sample line `name{labels} value` in a scrape. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe.each(BACKENDS)('operations endpoints and request logs [%s]', (backend) => {
  const log = captureLines();
  let api: TestApi;
  let empty: TestApi;

  beforeAll(async () => {
    api = await createTestApi(APP_DATA, { logger: log.logger, metricsToken: METRICS_TOKEN, responseCache: true }, backend);
    const { published: _, ...unpublished } = APP_DATA;
    empty = await createTestApi(unpublished, {}, backend);
  }, 60_000);
  afterAll(async () => {
    await api?.cleanup();
    await empty?.cleanup();
  });

  it('/livez answers 200; /readyz 200 with a published run and 503 with a one-line reason without one', async () => {
    expect((await get(api, '/livez')).status).toBe(200);
    expect((await get(empty, '/livez')).status).toBe(200);
    const ready = await get(api, '/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.text()).toBe('serving published run 1\n');
    const notReady = await get(empty, '/readyz');
    expect(notReady.status).toBe(503);
    expect(await notReady.text()).toBe('no published pipeline run yet: run the pipeline\n');
  });

  it('/metrics needs METRICS_TOKEN when set; the probes never need a credential', async () => {
    expect((await get(api, '/metrics')).status).toBe(401);
    expect((await get(api, '/metrics', { authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await get(api, '/metrics', { authorization: `bearer ${METRICS_TOKEN}` })).status).toBe(200);
    expect((await get(empty, '/metrics')).status).toBe(200);
  });

  it('counts requests by allow-listed operation, errors by code, refusals by limit, cache hits and misses, and the run history', async () => {
    const overview = 'query Overview { overview(range: { start: "2024-03-01", end: "2024-03-03" }) { metrics { spend } } }';
    const first = await api.runText(overview);
    expect(first.errors).toBeUndefined();
    expect(await api.runText(overview)).toEqual(first);
    await api.runText('query AnythingAClientLikes { dataStatus { asOf } }');
    const aliases = Array.from({ length: 30 }, (_, index) => `a${index}: dataStatus { ads }`).join(' ');
    expect((await api.runText(`{ ${aliases} }`)).errors?.[0]?.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limit: 'aliases' });
    await api.runText('{ campaigns(range: { start: "2024-13-01", end: "2024-03-03" }) { id } }');

    const text = await (await get(api, '/metrics', { authorization: `Bearer ${METRICS_TOKEN}` })).text();
    expect(sample(text, 'ads_metrics_graphql_request_duration_seconds_count{operation="Overview"}')).toBe(2);
    expect(sample(text, 'ads_metrics_graphql_request_duration_seconds_count{operation="other"}')).toBe(3);
    expect(text).not.toContain('AnythingAClientLikes');
    expect(sample(text, 'ads_metrics_graphql_errors_total{code="QUERY_TOO_COMPLEX"}')).toBe(1);
    expect(sample(text, 'ads_metrics_graphql_errors_total{code="BAD_USER_INPUT"}')).toBe(1);
    expect(sample(text, 'ads_metrics_query_refusals_total{limit="aliases"}')).toBe(1);
    expect(sample(text, 'ads_metrics_query_refusals_total{limit="cost"}')).toBe(0);
    // The first Overview misses, the second is answered from the cache; the other three miss.
    expect(sample(text, 'ads_metrics_response_cache_requests_total{result="hit"}')).toBe(1);
    expect(sample(text, 'ads_metrics_response_cache_requests_total{result="miss"}')).toBe(4);
    // Run 1 of the fixture: succeeded from the CLI, finished 2024-03-04T00:00:05Z.
    expect(sample(text, 'ads_metrics_pipeline_runs_total{status="succeeded",trigger="cli"}')).toBe(1);
    expect(sample(text, 'ads_metrics_pipeline_last_success_timestamp_seconds')).toBe(1709510405);
    expect(text).toContain('process_cpu_seconds_total');
    expect(text).toContain('# TYPE ads_metrics_graphql_request_duration_seconds histogram');
  });

  it.skipIf(!promtool)('passes promtool check metrics (skipped when promtool, from Debian package prometheus, is not installed)', async () => {
    const text = await (await get(api, '/metrics', { authorization: `Bearer ${METRICS_TOKEN}` })).text();
    expect(execFileSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' })).toBe('');
  });

  it('logs one JSON line per request: id, operation, duration, status, error codes, cost, credential name, never the credential', async () => {
    log.lines.splice(0);
    const post = (headers: Record<string, string>) =>
      api.yoga.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query: 'query Overview { overview(range: { start: "2024-03-01", end: "2024-03-02" }) { metrics { spend } } }' }),
      });
    const response = await post({ 'x-request-id': 'req-42' });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('req-42');
    await get(api, '/livez');
    expect(log.lines).toHaveLength(1);
    const [line] = log.lines;
    expect(line).toMatchObject({
      level: 30,
      msg: 'request',
      requestId: 'req-42',
      operation: 'Overview',
      operationName: 'Overview',
      method: 'POST',
      status: 200,
      errorCodes: [],
      credential: 'anonymous',
    });
    expect(line!.durationMs).toBeGreaterThan(0);
    expect(line!.costEstimate).toBeGreaterThan(0);
    await api.runText('{ campaigns(range: { start: "2024-03-03", end: "2024-03-01" }) { id } }');
    expect(log.lines[1]).toMatchObject({ operation: 'other', errorCodes: ['BAD_USER_INPUT'] });
    expect((log.lines[1]!.requestId as string).length).toBe(36);
    // A request with a credential that is not one (api.md "Access control": 401) is logged without it.
    expect((await post({ authorization: `Bearer ${SECRET}` })).status).toBe(401);
    expect(log.lines[2]).toMatchObject({ status: 401, credential: 'anonymous' });
    expect(log.raw()).not.toContain(SECRET);
  });
});

describe('readiness of a replica that follows another process’s publications (api.md "Operations", Probes)', () => {
  it('stays ready while the newest run is loaded within 2 s, then says which run it has not loaded', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      let newest = 1;
      const loaded = 1;
      const database = {
        db: { get: async () => ({ runId: newest }) },
        publishedRunId: async () => loaded,
      } as unknown as AppDatabase;
      const plugin = operationsEndpoints({ database, metrics: new ApiMetrics(DEFAULT_FRESHNESS_THRESHOLDS), metricsToken: null });
      const probe = async () => {
        let answer: Response | undefined;
        await plugin.onRequest!({
          request: new Request('http://localhost/readyz'),
          url: new URL('http://localhost/readyz'),
          endResponse: (response: Response) => (answer = response),
          fetchAPI: { Response },
        } as never);
        return `${answer!.status} ${(await answer!.text()).trim()}`;
      };
      expect(await probe()).toBe('200 serving published run 1');
      newest = 2;
      expect(await probe()).toBe('200 serving published run 1, loading run 2');
      vi.advanceTimersByTime(2001);
      expect(await probe()).toBe('503 published run 2 is not loaded yet (serving run 1)');
    } finally {
      vi.useRealTimers();
    }
  });
});
