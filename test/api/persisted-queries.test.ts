/**
 * Automatic persisted queries (api.md "HTTP caching and live fields") against a real server on
 * 127.0.0.1: an unknown hash answers PersistedQueryNotFound so Apollo Client's persisted-query link
 * falls back to sending the text; afterwards the hash alone, by GET, is answered (and cached, with an
 * ETag); the dashboard page's own client sends its operations this way; the store is bounded in bytes.
 */
import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { persistedQueryStore } from '../../src/persisted-queries.ts';
import { DashboardOverviewDocument } from '../../web/src/generated/graphql.ts';
import { request } from '../../web/src/lib/graphql-client.ts';
import { BACKENDS } from '../fixtures/backends.ts';
import { JUNE, startFixtureServer, type FixtureServer } from './client-data.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

interface Sent {
  method: string;
  url: URL;
  body: Record<string, unknown> | null;
}

/** Records every request the code under test sends through the global fetch. */
function recordRequests(): Sent[] {
  const sent: Sent[] = [];
  const realFetch = globalThis.fetch;
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : null;
    sent.push({ method: init?.method ?? 'GET', url, body });
    return realFetch(input, init);
  });
  return sent;
}

describe.each(BACKENDS)('persisted queries [%s]', (backend) => {
  let server: FixtureServer;
  beforeAll(async () => {
    server = await startFixtureServer(backend);
  });
  afterAll(() => server.cleanup());
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
  });

  const post = (body: object) => fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('an unknown hash answers PersistedQueryNotFound (PERSISTED_QUERY_NOT_FOUND), by POST and by GET, not to be kept', async () => {
    const extensions = { persistedQuery: { version: 1, sha256Hash: sha256('{ unknown }') } };
    const byPost = await post({ extensions });
    const url = new URL(server.url);
    url.searchParams.set('extensions', JSON.stringify(extensions));
    const byGet = await fetch(url);
    for (const response of [byPost, byGet]) {
      // 200 like any GraphQL error, so a browser logs no failed load; the code carries the meaning.
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ errors: [{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }] });
    }
    expect(byGet.headers.get('cache-control')).toBe('no-store');
  });

  it('a text that does not match its hash is refused (PERSISTED_QUERY_MISMATCH) and not kept', async () => {
    const query = '{ dataStatus { asOf } }';
    const wrong = { persistedQuery: { version: 1, sha256Hash: sha256('{ dataStatus { lastDay } }') } };
    expect(await (await post({ query, extensions: wrong })).json()).toMatchObject({ errors: [{ extensions: { code: 'PERSISTED_QUERY_MISMATCH' } }] });
    expect(await (await post({ extensions: wrong })).json()).toMatchObject({ errors: [{ extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }] });
  });

  it("Apollo Client's persisted-query link falls back on an unknown hash, then sends the hash alone by GET", async () => {
    const sent = recordRequests();
    const client = () =>
      new ApolloClient({
        link: new PersistedQueryLink({ sha256, useGETForHashedQueries: true }).concat(new HttpLink({ uri: server.url })),
        cache: new InMemoryCache(),
      });
    const query = gql`
      query OverviewSpend($range: DateRangeInput!) {
        overview(range: $range) { metrics { spend } }
      }
    `;
    const first = await client().query({ query, variables: { range: JUNE.range } });
    expect(first.data).toEqual({ overview: { __typename: 'Overview', metrics: { __typename: 'Metrics', spend: 44 } } });
    // hash only (GET, not found), then text and hash (POST)
    expect(sent.map(({ method, url, body }) => [method, url.searchParams.has('query'), body !== null && 'query' in body])).toEqual([
      ['GET', false, false],
      ['POST', false, true],
    ]);
    sent.splice(0);
    const second = await client().query({ query, variables: { range: JUNE.range } });
    expect(second.data).toEqual(first.data);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.method).toBe('GET');
    expect(sent[0]!.url.searchParams.has('query')).toBe(false);
  });

  it("the dashboard page's client sends its queries by hash over GET, answered with an ETag", async () => {
    vi.stubGlobal('window', { location: { href: server.url } });
    vi.stubGlobal('sessionStorage', { getItem: () => null }); // no API key in this session
    const sent = recordRequests();
    const variables = { range: JUNE.range, compareTo: JUNE.compareTo, days: 2 };
    const expected = {
      overview: {
        metrics: expect.objectContaining({ spend: 44 }),
        comparison: expect.objectContaining({ spend: 3 }),
        spend: [
          { date: '2024-06-01', value: 14 },
          { date: '2024-06-02', value: 30 },
        ],
        revenue: [
          { date: '2024-06-01', value: 20 },
          { date: '2024-06-02', value: 10 },
        ],
      },
    };
    expect(await request(DashboardOverviewDocument, variables)).toEqual(expected);
    expect(sent.map(({ method }) => method)).toEqual(['GET', 'POST']); // the first time: not found, then registered
    sent.splice(0);
    expect(await request(DashboardOverviewDocument, variables)).toEqual(expected);
    expect(sent.map(({ method }) => method)).toEqual(['GET']);
    const hash = sha256(DashboardOverviewDocument.toString());
    expect(JSON.parse(sent[0]!.url.searchParams.get('extensions')!)).toEqual({ persistedQuery: { version: 1, sha256Hash: hash } });
    const replay = await fetch(sent[0]!.url, { headers: { accept: 'application/graphql-response+json, application/json' } });
    expect(replay.headers.get('etag')).toMatch(/^"\d+:/);
  });
});

describe('the persisted query store is bounded in bytes', () => {
  it('drops the least recently used texts beyond its budget and never keeps one over the document limit', async () => {
    const store = persistedQueryStore({ maxDocumentBytes: 100, maxBytes: 1_000 });
    const text = (index: number) => `{ a${String(index).padStart(3, '0')} ${'x'.repeat(70)} }`; // 80 bytes + a 64-byte hash
    for (let index = 0; index < 10; index += 1) await store.set(sha256(text(index)), text(index));
    expect(await store.get(sha256(text(9)))).toBe(text(9));
    expect(await store.get(sha256(text(0)))).toBeUndefined(); // 10 × 144 bytes > 1,000: the oldest went
    const long = `{ ${'y'.repeat(200)} }`;
    await store.set(sha256(long), long);
    expect(await store.get(sha256(long))).toBeUndefined();
  });
});
