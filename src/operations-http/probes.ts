/**
 * The operator's endpoints of api.md "Operations": `/livez` (the process runs), `/readyz` (the app
 * database answers and the newest published run is loaded) and `/metrics` (Prometheus text, behind
 * METRICS_TOKEN when set). Probes never need a credential (api.md "Access control").
 */
import type { Plugin } from 'graphql-yoga';
import { carriesToken } from '../auth/authenticate.ts';
import type { AppDatabase } from '../db/app-database.ts';
import { publishedRunId } from '../db/tables/pipeline-runs-reads.ts';
import type { ApiMetrics } from '../observability/metrics.ts';

/** A replica may serve the previous run this long after a newer one is published (api.md, Replicas). */
export const PUBLISHED_RUN_LAG_MS = 2000;
/** A database that takes longer to answer is not ready. */
const DATABASE_ANSWER_MS = 1000;

export interface OperationsEndpointsOptions {
  database: AppDatabase;
  metrics: ApiMetrics;
  /** Bearer token `/metrics` needs; null: none. */
  metricsToken: string | null;
}

type Readiness = { ready: true; reason: string } | { ready: false; reason: string };

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function operationsEndpoints({ database, metrics, metricsToken }: OperationsEndpointsOptions): Plugin {
  /** Since when the database has named a newer run than the one loaded. */
  let behindSince: { runId: number; since: number } | null = null;

  async function readiness(): Promise<Readiness> {
    let newest: number | null;
    try {
      newest = await withTimeout(publishedRunId(database.db), DATABASE_ANSWER_MS);
    } catch {
      return { ready: false, reason: 'the app database does not answer' };
    }
    if (newest === null) return { ready: false, reason: 'no published pipeline run yet: run the pipeline' };
    const loaded = await database.publishedRunId();
    if (loaded === newest) {
      behindSince = null;
      return { ready: true, reason: `serving published run ${loaded}` };
    }
    if (behindSince?.runId !== newest) behindSince = { runId: newest, since: Date.now() };
    const waited = Date.now() - behindSince.since;
    return waited <= PUBLISHED_RUN_LAG_MS && loaded !== null
      ? { ready: true, reason: `serving published run ${loaded}, loading run ${newest}` }
      : { ready: false, reason: `published run ${newest} is not loaded yet (${loaded === null ? 'none loaded' : `serving run ${loaded}`})` };
  }

  const text = (Response: typeof globalThis.Response, status: number, body: string, headers: Record<string, string> = {}) =>
    new Response(`${body}\n`, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...headers } });

  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return;
      switch (url.pathname) {
        case '/livez':
          return endResponse(text(fetchAPI.Response, 200, 'live'));
        case '/readyz': {
          const { ready, reason } = await readiness();
          return endResponse(text(fetchAPI.Response, ready ? 200 : 503, reason));
        }
        case '/metrics': {
          if (metricsToken !== null && !carriesToken(request.headers.get('authorization'), metricsToken)) {
            return endResponse(text(fetchAPI.Response, 401, '/metrics needs "Authorization: Bearer <METRICS_TOKEN>"', { 'www-authenticate': 'Bearer' }));
          }
          const body = await metrics.scrape(database.db);
          return endResponse(new fetchAPI.Response(body, { status: 200, headers: { 'content-type': metrics.contentType, 'cache-control': 'no-store' } }));
        }
      }
    },
  };
}
