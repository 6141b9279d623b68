/**
 * api.md "Period arguments (clients with a normalized cache)": Apollo Client 4 (InMemoryCache) and
 * urql with graphcache, both with default settings, against a real server on 127.0.0.1. The same
 * entities are fetched over two periods, with and without a comparison period, in both orders, and
 * each answer is read back from the client's cache alone: with the periods on the fields
 * (the explicit form) every number is the hand-worked one; with periods only on the root field (the
 * implicit form) the cache shows the last period fetched under the other period's query — the bug
 * the field arguments exist for.
 */
import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { Client, fetchExchange } from '@urql/core';
import { cacheExchange } from '@urql/exchange-graphcache';
import type { DocumentNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BACKENDS } from '../fixtures/backends.ts';
import { APRIL, JUNE, startFixtureServer, type FixtureServer, type Period } from './client-data.ts';

const EXPLICIT = gql`
  query Periods($range: DateRangeInput!, $compareTo: DateRangeInput, $end: Date) {
    campaigns(range: $range, compareTo: $compareTo) {
      id
      name
      metrics(range: $range) { spend estimatedRevenue }
      comparison(range: $compareTo) { spend }
      breakdown(by: COUNTRY, range: $range, compareTo: $compareTo) { value metrics { spend } comparison { spend } }
      daily(range: $range) { date metrics { spend } }
      sparkline(metric: SPEND, days: 2, end: $end) { date value }
      adsets { id metrics(range: $range) { spend } ads { id metrics(range: $range) { spend } } }
    }
    entity(level: CAMPAIGN, id: "c1", range: $range, compareTo: $compareTo) {
      id
      metrics(range: $range) { spend }
      comparison(range: $compareTo) { spend }
    }
  }
`;

/** The same query with the periods only on the root fields (the form api.md warns about). */
const IMPLICIT = gql`
  query Implicit($range: DateRangeInput!, $compareTo: DateRangeInput) {
    campaigns(range: $range, compareTo: $compareTo) {
      id
      metrics { spend }
      comparison { spend }
    }
  }
`;

type Variables = { range: Period['range']; compareTo: Period['compareTo'] | null; end: string };
const variablesOf = (period: Period, compared: boolean): Variables => ({
  range: period.range,
  compareTo: compared ? period.compareTo : null,
  end: period.range.end,
});

const spend = (value: number) => ({ spend: value });

/** Hand-worked from CLIENT_DATA (client-data.ts); comparisons only when asked for. */
function expected(period: Period, compared: boolean) {
  const cmp = <T>(value: T) => (compared ? value : null);
  if (period === JUNE) {
    return {
      campaigns: [
        {
          id: 'c1',
          name: 'Main',
          metrics: { spend: 40, estimatedRevenue: 30 },
          comparison: cmp(spend(1 + 2)),
          breakdown: [
            { value: 'DE', metrics: spend(30), comparison: cmp(spend(0)) },
            { value: 'US', metrics: spend(10), comparison: cmp(spend(2)) },
          ],
          daily: [
            { date: '2024-06-01', metrics: spend(10) },
            { date: '2024-06-02', metrics: spend(30) },
          ],
          sparkline: [
            { date: '2024-06-01', value: 10 },
            { date: '2024-06-02', value: 30 },
          ],
          adsets: [{ id: 's1', metrics: spend(10), ads: [{ id: 'a1', metrics: spend(10) }] }],
        },
        {
          id: 'c2',
          name: 'Reach',
          metrics: { spend: 4, estimatedRevenue: 0 },
          comparison: cmp(spend(0)),
          breakdown: [],
          daily: [
            { date: '2024-06-01', metrics: spend(4) },
            { date: '2024-06-02', metrics: spend(0) },
          ],
          sparkline: [
            { date: '2024-06-01', value: 4 },
            { date: '2024-06-02', value: 0 },
          ],
          adsets: [],
        },
      ],
      entity: { id: 'c1', metrics: spend(40), comparison: cmp(spend(3)) },
    };
  }
  return {
    campaigns: [
      {
        id: 'c2',
        name: 'Reach',
        metrics: { spend: 100, estimatedRevenue: 0 },
        comparison: cmp(spend(0)),
        breakdown: [],
        daily: [
          { date: '2024-04-01', metrics: spend(0) },
          { date: '2024-04-02', metrics: spend(100) },
        ],
        sparkline: [
          { date: '2024-04-01', value: 0 },
          { date: '2024-04-02', value: 100 },
        ],
        adsets: [],
      },
      {
        id: 'c1',
        name: 'Main',
        metrics: { spend: 5 + 7, estimatedRevenue: 5 },
        comparison: cmp(spend(3 + 6)),
        breakdown: [{ value: 'US', metrics: spend(5 + 7), comparison: cmp(spend(6)) }],
        daily: [
          { date: '2024-04-01', metrics: spend(5) },
          { date: '2024-04-02', metrics: spend(7) },
        ],
        sparkline: [
          { date: '2024-04-01', value: 5 },
          { date: '2024-04-02', value: 7 },
        ],
        adsets: [{ id: 's1', metrics: spend(5), ads: [{ id: 'a1', metrics: spend(5) }] }],
      },
    ],
    entity: { id: 'c1', metrics: spend(12), comparison: cmp(spend(9)) },
  };
}

/** Clients add `__typename` to every selection; the expectations leave it out. */
const withoutTypenames = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value, (key, field: unknown) => (key === '__typename' ? undefined : field)));

/** What a test needs of a client: fetch from the server, and read from its normalized cache only. */
interface CachingClient {
  fetch(query: DocumentNode, variables: object): Promise<unknown>;
  readCache(query: DocumentNode, variables: object): Promise<unknown>;
}

const apollo = (url: string): CachingClient => {
  const client = new ApolloClient({ link: new HttpLink({ uri: url }), cache: new InMemoryCache() });
  return {
    fetch: async (query, variables) => (await client.query({ query, variables, fetchPolicy: 'network-only' })).data,
    readCache: async (query, variables) => client.readQuery({ query, variables }),
  };
};

const urql = (url: string): CachingClient => {
  // graphcache advises, once per field, that objects without an id are embedded in their parent, as intended here.
  const warn = console.warn.bind(console);
  vi.spyOn(console, 'warn').mockImplementation((message: unknown, ...rest: unknown[]) => {
    if (!String(message).startsWith('Invalid key:')) warn(message, ...rest);
  });
  const client = new Client({ url, exchanges: [cacheExchange({}), fetchExchange] });
  const run = async (query: DocumentNode, variables: object, requestPolicy: 'network-only' | 'cache-only') => {
    const result = await client.query(query, variables, { requestPolicy }).toPromise();
    if (result.error) throw result.error;
    return result.data ?? null;
  };
  return { fetch: (query, variables) => run(query, variables, 'network-only'), readCache: (query, variables) => run(query, variables, 'cache-only') };
};

const CLIENTS = { 'Apollo Client (InMemoryCache)': apollo, 'urql (graphcache)': urql };

describe.each(BACKENDS)('normalized client caches [%s]', (backend) => {
  let server: FixtureServer;
  beforeAll(async () => {
    server = await startFixtureServer(backend);
  });
  afterAll(() => server.cleanup());

  describe.each(Object.entries(CLIENTS))('%s', (_, clientOf) => {
    it.each([
      ['June first', [JUNE, APRIL]],
      ['April first', [APRIL, JUNE]],
    ])('with periods on the fields, every period read back from the cache has its own numbers (%s)', async (_order, periods) => {
      const client = clientOf(server.url);
      const fetches = periods.flatMap((period) => [variablesOf(period, true), variablesOf(period, false)]);
      for (const variables of fetches) {
        const period = variables.range === JUNE.range ? JUNE : APRIL;
        expect(withoutTypenames(await client.fetch(EXPLICIT, variables))).toEqual(expected(period, variables.compareTo !== null));
      }
      for (const variables of fetches) {
        const period = variables.range === JUNE.range ? JUNE : APRIL;
        expect(withoutTypenames(await client.readCache(EXPLICIT, variables))).toEqual(expected(period, variables.compareTo !== null));
      }
    });

    it('with periods only on the root field, the cache shows the last period fetched under the other period (the bug)', async () => {
      const client = clientOf(server.url);
      const june = variablesOf(JUNE, true);
      expect(withoutTypenames(await client.fetch(IMPLICIT, june))).toMatchObject({
        campaigns: [{ id: 'c1', metrics: spend(40), comparison: spend(3) }, { id: 'c2', metrics: spend(4) }],
      });
      await client.fetch(IMPLICIT, variablesOf(APRIL, true));
      // June's list, with April's numbers: c1 12 (not 40) compared with 9 (not 3), c2 100 (not 4).
      expect(withoutTypenames(await client.readCache(IMPLICIT, june))).toEqual({
        campaigns: [
          { id: 'c1', metrics: spend(12), comparison: spend(9) },
          { id: 'c2', metrics: spend(100), comparison: spend(0) },
        ],
      });
    });
  });
});
