/**
 * Load (issue 6, part 4): autocannon with 50 connections on the dashboard query, and the dashboard
 * query's latency while a pipeline run publishes into the served app database.
 */
import autocannon from 'autocannon';
import { postGraphqlOk } from './graphql-client.ts';
import { measurePipelineRun, type PipelineFigures } from './pipeline.ts';
import { freshRequest, type QueryTargets } from './queries.ts';
import { summarize, type LatencySummary } from './stats.ts';

/** autocannon's default, stated: a dashboard answer later than this counts as an error. */
const REQUEST_TIMEOUT_SECONDS = 10;

export interface LoadFigures {
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

export async function runLoad(baseUrl: string, targets: QueryTargets, connections: number, seconds: number): Promise<LoadFigures> {
  const result = await autocannon({
    url: `${baseUrl}/graphql`,
    connections,
    duration: seconds,
    timeout: REQUEST_TIMEOUT_SECONDS,
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(freshRequest('dashboard', targets)),
    verifyBody: hasNoGraphqlErrors,
    // A fresh request each time, so a response cache cannot answer (see queries.ts).
    requests: [{ setupRequest: (request) => ({ ...request, body: JSON.stringify(freshRequest('dashboard', targets)) }) }],
  });
  return {
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

export interface DuringPipelineFigures {
  latency: LatencySummary;
  /** The concurrent run's figures, or why it failed (the latencies are then over the failed attempt). */
  pipeline: PipelineFigures | { error: string };
}

/**
 * Sequential uncached dashboard requests for as long as a pipeline run (its own process) works on
 * the app database the server reads; the run publishes atomically, so serving continues.
 */
export async function measureDuringPipelineRun(baseUrl: string, targets: QueryTargets, sourcePath: string, appDbPath: string): Promise<DuringPipelineFigures> {
  let running = true;
  const run = measurePipelineRun(sourcePath, appDbPath, 'pipeline during load')
    .catch((error: Error) => ({ error: error.message }))
    .finally(() => (running = false));
  const samples: number[] = [];
  while (running) samples.push((await postGraphqlOk(baseUrl, freshRequest('dashboard', targets))).ms);
  return { latency: summarize(samples), pipeline: await run };
}

export const pipelineRunError = (figures: DuringPipelineFigures): string | null => ('error' in figures.pipeline ? figures.pipeline.error : null);
