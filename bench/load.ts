/**
 * Load (issue 6, part 4): autocannon with 50 connections on the dashboard query, and the dashboard
 * query's latency while a pipeline run publishes into the served app database.
 */
import autocannon from 'autocannon';
import { postGraphqlOk } from './graphql-client.ts';
import { measurePipelineRun, type PipelineFigures } from './pipeline.ts';
import { freshRequest, repeatedRequest, type QueryTargets } from './queries.ts';
import { summarize, type LatencySummary } from './stats.ts';

/** autocannon's default, stated: a dashboard answer later than this counts as an error. */
const REQUEST_TIMEOUT_SECONDS = 10;

export type LoadRequests = 'uncached' | 'cached';

export interface LoadFigures {
  requests: LoadRequests;
  connections: number;
  timeoutSeconds: number;
  seconds: number;
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  /** Connection errors (timeouts included) + non-2xx responses + responses carrying GraphQL errors. */
  errors: number;
  errorKinds: { timeouts: number; non2xx: number; graphqlErrors: number };
}

/** A GraphQL error response has an `errors` key; inside string values the quotes would be escaped. */
const hasNoGraphqlErrors = (body: string) => !body.includes('"errors":[');

/** `uncached`: a fresh request each time (see queries.ts); `cached`: one identical request, as many open dashboards send. */
export async function runLoad(baseUrl: string, targets: QueryTargets, requests: LoadRequests, connections: number, seconds: number): Promise<LoadFigures> {
  const nextBody = () => JSON.stringify(requests === 'uncached' ? freshRequest('dashboard', targets) : repeatedRequest('dashboard', targets));
  const result = await autocannon({
    url: `${baseUrl}/graphql`,
    connections,
    duration: seconds,
    timeout: REQUEST_TIMEOUT_SECONDS,
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: nextBody(),
    verifyBody: hasNoGraphqlErrors,
    requests: [{ setupRequest: (request) => ({ ...request, body: nextBody() }) }],
  });
  return {
    requests,
    connections,
    timeoutSeconds: REQUEST_TIMEOUT_SECONDS,
    seconds: result.duration,
    requestsPerSecond: result.requests.average,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    errors: result.errors + result.non2xx + result.mismatches,
    errorKinds: { timeouts: result.timeouts, non2xx: result.non2xx, graphqlErrors: result.mismatches },
  };
}

/**
 * Requests during the run are paced so the server is busy about a third of the time: a steady
 * dashboard load, not a client that takes a whole core from the pipeline it is measuring. Each
 * request is still alone on the server, like the sequential idle requests it is compared with.
 */
const BUSY_SHARE = 1 / 3;
const MIN_PACE_MS = 150;

export interface DuringPipelineFigures {
  /** Start-to-start interval of the requests during the run. */
  paceMs: number;
  /** The uncached dashboard latency of the API section (sequential, idle server). */
  idle: LatencySummary;
  during: LatencySummary;
  /** during p99 ÷ idle p99 (issue 5: ≤ 2). */
  p99Ratio: number;
  /** The concurrent run's figures, or why it failed (the latencies are then over the failed attempt). */
  pipeline: PipelineFigures | { error: string };
}

/**
 * Paced uncached dashboard requests for as long as a pipeline run (its own process) works on the
 * app database the server reads; it publishes atomically, so serving continues.
 */
export async function measureDuringPipelineRun(
  baseUrl: string,
  targets: QueryTargets,
  idle: LatencySummary,
  sourcePath: string,
  appDbPath: string,
): Promise<DuringPipelineFigures> {
  const paceMs = Math.max(MIN_PACE_MS, Math.round(idle.p50 / BUSY_SHARE));
  let running = true;
  const run = measurePipelineRun(sourcePath, appDbPath, 'pipeline while serving')
    .catch((error: Error) => ({ error: error.message }))
    .finally(() => (running = false));
  const samples: number[] = [];
  while (running) {
    const started = performance.now();
    samples.push((await postGraphqlOk(baseUrl, freshRequest('dashboard', targets))).ms);
    const rest = paceMs - (performance.now() - started);
    if (rest > 0) await new Promise((resolve) => setTimeout(resolve, rest));
  }
  const during = summarize(samples);
  return { paceMs, idle, during, p99Ratio: during.p99 / idle.p99, pipeline: await run };
}

export const pipelineRunError = (figures: DuringPipelineFigures): string | null => ('error' in figures.pipeline ? figures.pipeline.error : null);
