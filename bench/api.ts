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

export interface QueryFigures {
  uncached: LatencySummary;
  /** A repeated identical request; null when the server has no response cache (it would be just another uncached request). */
  cached: LatencySummary | null;
  /** SQL statements one uncached request runs (counted on an in-process API over the same database). */
  sqlStatements: number;
  responseBytes: number;
}

export async function sampleLatencies(baseUrl: string, request: () => GraphqlRequest, settings: LatencySettings): Promise<number[]> {
  for (let i = 0; i < settings.warmup; i++) await postGraphqlOk(baseUrl, request());
  const samples: number[] = [];
  for (let i = 0; i < settings.requests; i++) samples.push((await postGraphqlOk(baseUrl, request())).ms);
  return samples;
}

/** Last-Modified has one-second resolution; a recomputed answer after this long gets a newer one. */
const LAST_MODIFIED_RESOLUTION_MS = 1_100;

/**
 * Whether the server answers a repeat from a response cache. The yoga response cache stores an
 * answer with an ETag (its cache key) and the Last-Modified of when it was computed; a repeat a
 * second later carrying the same pair is that stored answer. (`extensions.responseCache.hit` is only
 * present when the server enables cache metadata.)
 */
async function repeatServedFromCache(baseUrl: string, request: GraphqlRequest): Promise<boolean> {
  const first = await postGraphqlOk(baseUrl, request);
  await new Promise((resolve) => setTimeout(resolve, LAST_MODIFIED_RESOLUTION_MS));
  const repeat = await postGraphqlOk(baseUrl, request);
  const hitMetadata = (repeat.body.extensions?.responseCache as { hit?: boolean } | undefined)?.hit;
  const storedAnswer = first.headers.etag !== undefined && repeat.headers.etag === first.headers.etag && repeat.headers['last-modified'] === first.headers['last-modified'];
  return hitMetadata === true || storedAnswer;
}

/** Two fresh requests must have different cache keys (ETags), or "uncached" would be measuring the cache. */
async function assertFreshRequestsMissTheCache(baseUrl: string, name: QueryName, targets: QueryTargets): Promise<GraphqlResponse> {
  const first = await postGraphqlOk(baseUrl, freshRequest(name, targets));
  const second = await postGraphqlOk(baseUrl, freshRequest(name, targets));
  if (first.headers.etag !== undefined && first.headers.etag === second.headers.etag) {
    throw new Error(`two "uncached" ${name} requests share a response-cache key: the nonce variable does not defeat the cache`);
  }
  return first;
}

export async function measureQuery(baseUrl: string, name: QueryName, targets: QueryTargets, settings: LatencySettings, sqlStatements: number): Promise<QueryFigures> {
  const probe = await assertFreshRequestsMissTheCache(baseUrl, name, targets);
  const uncached = summarize(await sampleLatencies(baseUrl, () => freshRequest(name, targets), settings));
  const repeated = repeatedRequest(name, targets);
  const cached = (await repeatServedFromCache(baseUrl, repeated)) ? summarize(await sampleLatencies(baseUrl, () => repeated, settings)) : null;
  return { uncached, cached, sqlStatements, responseBytes: Buffer.byteLength(JSON.stringify(probe.body)) };
}

/**
 * SQL statements per request, through the API's `onQuery` hook on an in-process instance over the
 * same app database (the server process does not report them; counts do not depend on the process).
 */
export async function countSqlStatements(appDbPath: string, targets: QueryTargets): Promise<Record<QueryName, number>> {
  let statements = 0;
  const api = await createApi({ dbPath: appDbPath, onQuery: () => statements++, responseCache: false });
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
    await api.close();
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
