/**
 * API latency (issue 6, part 3): each operation sequentially from this process against the server
 * process, after a warm-up, uncached (a fresh request each time, see queries.ts) and cached (the
 * identical request repeated).
 */
import { createApi } from '../src/server.ts';
import { postGraphqlOk, type GraphqlRequest, type GraphqlResponse } from './graphql-client.ts';
import { QUERY_NAMES, freshRequest, repeatedRequest, type QueryName, type QueryTargets } from './queries.ts';
import { summarize, type LatencySummary } from './stats.ts';

export interface LatencySettings {
  warmup: number;
  requests: number;
}

export type CacheEvidence = 'response-cache-hit-metadata' | 'repeat-much-faster' | 'none';

export interface QueryFigures {
  uncached: LatencySummary;
  /** null when no response cache was detected (the repeat was then just another uncached request). */
  cached: LatencySummary | null;
  cacheEvidence: CacheEvidence;
  /** SQL statements one uncached request runs (counted on an in-process API over the same database). */
  sqlStatements: number;
  responseBytes: number;
}

/** A repeat counts as cached by timing alone when its p50 is below this share of the uncached p50. */
const CACHED_BY_TIMING_SHARE = 0.25;

export async function sampleLatencies(baseUrl: string, request: () => GraphqlRequest, settings: LatencySettings): Promise<number[]> {
  for (let i = 0; i < settings.warmup; i++) await postGraphqlOk(baseUrl, request());
  const samples: number[] = [];
  for (let i = 0; i < settings.requests; i++) samples.push((await postGraphqlOk(baseUrl, request())).ms);
  return samples;
}

const responseCacheHit = (response: GraphqlResponse): boolean | undefined =>
  (response.body.extensions?.responseCache as { hit?: boolean } | undefined)?.hit;

export async function measureQuery(baseUrl: string, name: QueryName, targets: QueryTargets, settings: LatencySettings, sqlStatements: number): Promise<QueryFigures> {
  const probe = await postGraphqlOk(baseUrl, freshRequest(name, targets));
  if (responseCacheHit(probe) === true) throw new Error(`an "uncached" ${name} request was answered from the response cache: the nonce variable does not defeat it`);
  const uncachedSamples = await sampleLatencies(baseUrl, () => freshRequest(name, targets), settings);
  const uncached = summarize(uncachedSamples);

  const repeated = repeatedRequest(name, targets);
  await postGraphqlOk(baseUrl, repeated); // primes the cache, if there is one
  const repeat = await postGraphqlOk(baseUrl, repeated);
  const cachedSamples = await sampleLatencies(baseUrl, () => repeated, settings);
  const repeatSummary = summarize(cachedSamples);
  const cacheEvidence: CacheEvidence =
    responseCacheHit(repeat) === true
      ? 'response-cache-hit-metadata'
      : repeatSummary.p50 < CACHED_BY_TIMING_SHARE * uncached.p50
        ? 'repeat-much-faster'
        : 'none';
  return {
    uncached,
    cached: cacheEvidence === 'none' ? null : repeatSummary,
    cacheEvidence,
    sqlStatements,
    responseBytes: Buffer.byteLength(JSON.stringify(probe.body)),
  };
}

/**
 * SQL statements per request, through the API's `onQuery` hook on an in-process instance over the
 * same app database (the server process does not report them; counts do not depend on the process).
 */
export async function countSqlStatements(appDbPath: string, targets: QueryTargets): Promise<Record<QueryName, number>> {
  let statements = 0;
  const api = createApi({ dbPath: appDbPath, onQuery: () => statements++ });
  try {
    const counts = {} as Record<QueryName, number>;
    for (const name of QUERY_NAMES) {
      statements = 0;
      const response = await api.yoga.fetch('http://bench/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(freshRequest(name, targets)),
      });
      const body = (await response.json()) as { errors?: { message: string }[] };
      if (body.errors?.length) throw new Error(`GraphQL errors counting statements of ${name}: ${body.errors.map((e) => e.message).join('; ')}`);
      counts[name] = statements;
    }
    return counts;
  } finally {
    api.close();
  }
}

export async function measureAllQueries(baseUrl: string, targets: QueryTargets, settings: LatencySettings, sqlStatements: Record<QueryName, number>): Promise<Record<QueryName, QueryFigures>> {
  const figures = {} as Record<QueryName, QueryFigures>;
  for (const name of QUERY_NAMES) {
    process.stderr.write(`  api: ${name} (${settings.warmup} warm-up + ${settings.requests} uncached, then the same for a repeated request)\n`);
    figures[name] = await measureQuery(baseUrl, name, targets, settings, sqlStatements[name]);
  }
  return figures;
}

/** Total spend of the API's dashboard answer, to cross-check the baseline (same rule M20). */
export async function dashboardSpend(baseUrl: string, targets: QueryTargets): Promise<number> {
  const { body } = await postGraphqlOk(baseUrl, repeatedRequest('dashboard', targets));
  const campaigns = (body.data as { campaigns: { metrics: { spend: number } }[] }).campaigns;
  return campaigns.reduce((sum, campaign) => sum + campaign.metrics.spend, 0);
}
