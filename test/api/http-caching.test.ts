/**
 * api.md "HTTP caching and live fields" against a real server on 127.0.0.1 (response cache on): the
 * answer replayed follows `Accept` (GraphQL over HTTP: application/json when `Accept` is missing,
 * `*` or application/json), every cacheable answer has an `ETag` (GET and POST) and `If-None-Match`
 * with it gets 304 without a body, live fields are never answered from the cache however reached, and
 * graphql-http's audit suite passes with no error and no warning.
 */
import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../fixtures/backends.ts';
import { JUNE, startFixtureServer, type FixtureServer } from './client-data.ts';

const OVERVIEW = 'query Overview($range: DateRangeInput!) { overview(range: $range) { metrics { spend } } }';
const VARIABLES = { range: JUNE.range };
const JSON_TYPE = 'application/json; charset=utf-8';
const GRAPHQL_RESPONSE_TYPE = 'application/graphql-response+json; charset=utf-8';

describe.each(BACKENDS)('HTTP caching [%s]', (backend) => {
  let server: FixtureServer;
  beforeAll(async () => {
    server = await startFixtureServer(backend);
  });
  afterAll(() => server.cleanup());

  const post = (query: string, headers: Record<string, string> = {}, variables: object = VARIABLES) =>
    fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  const get = (query: string, headers: Record<string, string> = {}, variables: object = VARIABLES) => {
    const url = new URL(server.url);
    url.searchParams.set('query', query);
    url.searchParams.set('variables', JSON.stringify(variables));
    return fetch(url, { headers });
  };

  it.each([
    ['missing', undefined, JSON_TYPE],
    ['*/*', '*/*', JSON_TYPE],
    ['application/json', 'application/json', JSON_TYPE],
    ['application/graphql-response+json', 'application/graphql-response+json', GRAPHQL_RESPONSE_TYPE],
  ])('Accept %s: answered, then replayed from the cache, as the media type it accepts', async (_, accept, contentType) => {
    // Each Accept is asked twice after the others have been cached: a replay never takes another's media type.
    for (const other of ['application/graphql-response+json', 'application/json', '*/*']) await post(OVERVIEW, { accept: other });
    for (let repeat = 0; repeat < 2; repeat += 1) {
      const response = await post(OVERVIEW, accept === undefined ? {} : { accept });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(contentType);
      expect(response.headers.get('vary')).toMatch(/\bAccept\b/);
      expect(response.headers.get('etag')).toMatch(/^"\d+:/);
      expect(await response.json()).toEqual({ data: { overview: { metrics: { spend: 44 } } } });
    }
  });

  it.each([
    ['GET', get],
    ['POST', post],
  ])('%s: an ETag on the answer, 304 without a body for If-None-Match with it, 200 for another tag', async (_, send) => {
    const first = await send(OVERVIEW);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"\d+:/);
    expect(first.headers.get('cache-control')).toBe('no-cache');
    await first.text();
    for (const ifNoneMatch of [etag!, `W/${etag}`, `"other", ${etag}`]) {
      const revalidated = await send(OVERVIEW, { 'if-none-match': ifNoneMatch });
      expect(revalidated.status).toBe(304);
      expect(revalidated.headers.get('etag')).toBe(etag);
      expect(await revalidated.text()).toBe('');
    }
    const stale = await send(OVERVIEW, { 'if-none-match': '"0:stale"' });
    expect(stale.status).toBe(200);
    expect(await stale.json()).toEqual({ data: { overview: { metrics: { spend: 44 } } } });
  });

  it('If-None-Match with the tag on the request that fills the cache also gets 304', async () => {
    const query = `${OVERVIEW} # a new document, not cached yet`;
    const etag = (await post(query)).headers.get('etag');
    // The same request on a server that has not cached it: the tag follows from the request and the run.
    const fresh = await startFixtureServer(backend);
    try {
      const response = await fetch(fresh.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'if-none-match': etag! },
        body: JSON.stringify({ query, variables: VARIABLES }),
      });
      expect(response.status).toBe(304);
      expect(await response.text()).toBe('');
    } finally {
      await fresh.cleanup();
    }
  });

  it.each([
    ['a root field', '{ pipelineRuns { id status } }'],
    ['an alias', '{ runs: pipelineRuns { id status } }'],
    ['a fragment', '{ ...Runs } fragment Runs on Query { pipelineRuns { id status } }'],
    ['an inline fragment', '{ ... on Query { pipelineRun(id: 1) { status } } }'],
    ["dataStatus's run field in an inline fragment", '{ dataStatus { asOf ... on DataStatus { lastRunAt } } }'],
    ['a fragment inside a fragment', '{ overview(range: { start: "2024-06-01", end: "2024-06-02" }) { metrics { spend } } ...A } fragment A on Query { ...B } fragment B on Query { latest: pipelineRuns(last: 1) { ... on PipelineRun { status } } }'],
  ])('live fields reached through %s are never answered from the cache', async (_, query) => {
    for (let repeat = 0; repeat < 2; repeat += 1) {
      const response = await post(query, {}, {});
      expect(response.status).toBe(200);
      expect(response.headers.get('etag')).toBeNull();
      const body = (await response.json()) as { errors?: unknown };
      expect(body.errors).toBeUndefined();
    }
  });

  it("dataStatus without its run field is cached", async () => {
    await (await post('{ dataStatus { asOf lastDay } }', {}, {})).text();
    expect((await post('{ dataStatus { asOf lastDay } }', {}, {})).headers.get('etag')).toMatch(/^"\d+:/);
  });

  it('a document holding a live operation beside a cacheable one caches the cacheable one only', async () => {
    const document = `query Live { pipelineRuns { id } } query Cached { overview(range: { start: "2024-06-01", end: "2024-06-02" }) { metrics { spend } } }`;
    const send = (operationName: string) =>
      fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: document, operationName }) });
    await (await send('Cached')).text();
    expect((await send('Cached')).headers.get('etag')).toMatch(/^"\d+:/);
    await (await send('Live')).text();
    expect((await send('Live')).headers.get('etag')).toBeNull();
  });

  it("graphql-http's GraphQL-over-HTTP audits: no error and no warning", async () => {
    const results = await Promise.all(serverAudits({ url: server.url }).map((audit) => audit.fn()));
    const problems = results.filter((result) => result.status !== 'ok').map((result) => `${result.status}: ${result.name}: ${result.reason}`);
    expect(problems).toEqual([]);
    expect(results.length).toBeGreaterThan(50);
  });
});
