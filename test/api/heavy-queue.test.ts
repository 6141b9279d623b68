/**
 * api.md "Resources and HTTP": expensive work cannot starve cheap work. Heavy queries (cost
 * estimate from `heavyCost`) take turns for `maxConcurrent` slots and wait at most `maxWaitMs`,
 * then get QUERY_TOO_COMPLEX with HTTP 503; cheap queries and /health never wait. The slot a heavy
 * query would take is held by the test itself, so every step is deterministic; the load figures
 * (ten clients, /health p99, dashboard p99) are measured by `npm run bench` (bench/hostile.ts).
 */
import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { estimateCost } from '../../src/query-limits/cost-estimate.ts';
import { DEFAULT_HEAVY_QUERY_SETTINGS, HeavyQueryGate } from '../../src/query-limits/heavy-queue.ts';
import { schema } from '../../src/schema/index.ts';
import { BACKENDS } from '../fixtures/backends.ts';
import { APP_DATA, RANGE } from './data.ts';
import { createTestApi, type TestApi } from './fixture.ts';

const HEAVY = `{ campaigns(range: { start: "${RANGE.start}", end: "${RANGE.end}" }, first: 100) { id sparkline(metric: ROAS, days: 30) { date value } } }`;
const CHEAP = `{ overview(range: { start: "${RANGE.start}", end: "${RANGE.end}" }) { metrics { spend } } }`;
const SETTINGS = { heavyCost: 5_000, maxConcurrent: 1, maxWaitMs: 300 };
const estimate = (query: string) => estimateCost({ schema, document: parse(query), maxRangeDays: 366 })!;

it('the test queries fall on either side of the threshold: 100 × (1 + 1 + 30 × 2) + 1 and 1 + 1 + 1', () => {
  expect(estimate(HEAVY)).toBe(6_201);
  expect(estimate(CHEAP)).toBe(3);
});

it('by default the dashboard query is cheap and the whole tree with six aliased 366-day sparklines per node is heavy', () => {
  expect(DEFAULT_HEAVY_QUERY_SETTINGS).toEqual({ heavyCost: 1_000_000_000, maxConcurrent: 2, maxWaitMs: 10_000 });
  const operation = (file: string) => readFileSync(new URL(`../../src/operations/${file}`, import.meta.url), 'utf8');
  const dashboard = estimateCost({
    schema,
    document: parse(operation('dashboard.graphql') + operation('fragments.graphql')),
    variables: { range: RANGE, compareTo: RANGE },
    maxRangeDays: 366,
  })!;
  expect(dashboard).toBeLessThan(DEFAULT_HEAVY_QUERY_SETTINGS.heavyCost / 50);
  const sparklines = Array.from({ length: 6 }, (_, index) => `s${index}: sparkline(metric: ROAS, days: 366) { date value }`).join(' ');
  const tree = `{ campaigns(range: { start: "2023-03-04", end: "2024-03-03" }, first: 1000) { id ${sparklines}
    adsets { id ${sparklines} ads { id ${sparklines} } } } }`;
  expect(estimate(tree)).toBeGreaterThan(DEFAULT_HEAVY_QUERY_SETTINGS.heavyCost * 10);
});

describe.each(BACKENDS)('heavy queries take turns [%s]', (backend) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(APP_DATA, { heavyQueries: SETTINGS, responseCache: false }, backend);
  });
  afterAll(async () => {
    await api.cleanup();
  });

  const post = async (query: string) => {
    const started = performance.now();
    const response = await api.yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query }),
    });
    const body = (await response.json()) as { data?: unknown; errors?: { message: string; extensions: Record<string, unknown> }[] };
    return { response, body, ms: performance.now() - started };
  };

  it('with every slot busy, a heavy query waits maxWaitMs and is refused with QUERY_TOO_COMPLEX, HTTP 503 and Retry-After', async () => {
    const gate = api.heavyQueries!;
    const busy = (await gate.acquire())!;
    try {
      const { response, body, ms } = await post(HEAVY);
      expect(ms).toBeGreaterThanOrEqual(SETTINGS.maxWaitMs - 5);
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('1');
      expect(body.data).toBeUndefined();
      expect(body.errors).toHaveLength(1);
      expect(body.errors![0]!.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limit: 'heavy_queue' });
      expect(body.errors![0]!.message).toBe(
        'Query too complex for now: its estimated cost of 6,201 makes it a heavy query (from 5,000), and it waited over 0.3 s ' +
          'for one of the 1 heavy queries the server runs at once. Retry later, or ask for fewer nodes, days or aliases.',
      );
      expect(gate.load).toEqual({ running: 1, waiting: 0 });
    } finally {
      busy();
    }
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
  });

  it('cheap queries and /health pass a busy gate while a heavy query waits; freed, the slot goes to the waiting query', async () => {
    const gate = api.heavyQueries!;
    const busy = (await gate.acquire())!;
    const heavy = post(HEAVY);
    try {
      await expect.poll(() => gate.load).toEqual({ running: 1, waiting: 1 });
      const cheap = await post(CHEAP);
      // c1 10 + 30 + 20 and c2 5 over 03-01..03-03 (test/api/data.ts): answered while the heavy query waits
      expect(cheap.body).toEqual({ data: { overview: { metrics: { spend: 65 } } } });
      expect(cheap.response.status).toBe(200);
      expect((await api.yoga.fetch('http://localhost/health')).status).toBe(200);
      expect(gate.load).toEqual({ running: 1, waiting: 1 });
    } finally {
      busy();
    }
    const answered = await heavy;
    expect(answered.response.status).toBe(200);
    expect(answered.body.errors).toBeUndefined();
    expect((answered.body.data as { campaigns: unknown[] }).campaigns.length).toBeGreaterThan(0);
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
  });

  it('two heavy queries at once with one slot: both answered, one after the other', async () => {
    const [first, second] = await Promise.all([post(HEAVY), post(HEAVY)]);
    expect(first.body.errors).toBeUndefined();
    expect(second.body).toEqual(first.body);
    expect(api.heavyQueries!.load).toEqual({ running: 0, waiting: 0 });
  });
});

describe('HeavyQueryGate', () => {
  it('admits waiters in arrival order as slots are freed, and a release counts once', async () => {
    const gate = new HeavyQueryGate({ maxConcurrent: 2, maxWaitMs: 10_000 });
    const a = (await gate.acquire())!;
    const b = (await gate.acquire())!;
    const admitted: string[] = [];
    const c = gate.acquire().then((release) => (admitted.push('c'), release!));
    const d = gate.acquire().then((release) => (admitted.push('d'), release!));
    expect(gate.load).toEqual({ running: 2, waiting: 2 });
    b();
    b();
    const releaseC = await c;
    expect(admitted).toEqual(['c']);
    expect(gate.load).toEqual({ running: 2, waiting: 1 });
    a();
    (await d)();
    releaseC();
    expect(admitted).toEqual(['c', 'd']);
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
  });

  it('a waiter whose client went away leaves the queue at once', async () => {
    const gate = new HeavyQueryGate({ maxConcurrent: 1, maxWaitMs: 10_000 });
    const busy = (await gate.acquire())!;
    const client = new AbortController();
    const waiting = gate.acquire(client.signal);
    expect(gate.load).toEqual({ running: 1, waiting: 1 });
    client.abort();
    expect(await waiting).toBeNull();
    expect(gate.load).toEqual({ running: 1, waiting: 0 });
    busy();
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
  });
});

it('heavyQueries: false turns the gate off', async () => {
  const api = await createTestApi(APP_DATA, { heavyQueries: false });
  try {
    expect(api.heavyQueries).toBeNull();
    expect((await api.runText(HEAVY)).errors).toBeUndefined();
  } finally {
    await api.cleanup();
  }
});
