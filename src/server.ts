/**
 * The API server: graphql-yoga over the Pothos schema, with GraphiQL, `/health`, masked errors and
 * query limits. `createApi` builds it over one app database; `startServer` also listens on HTTP.
 */
import { parse } from 'graphql';
import { createYoga, type CORSOptions, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { startInArrivalOrder } from './arrival-order.ts';
import { closeStalledReaders, IDLE_WRITE_TIMEOUT_MS } from './slow-readers.ts';
import { DEFAULT_MAX_REQUEST_BYTES, eventNamesFromEnv, reportTimezoneFromEnv, UsageError, type EventNames } from './config.ts';
import { createAuthenticator, type Authenticator } from './auth/authenticate.ts';
import { accessLines, assertSafeExposure } from './auth/exposure.ts';
import type { JwtSettings } from './auth/jwt.ts';
import { authenticationPlugin } from './auth/plugin.ts';
import { authSettingsFromEnv } from './auth/settings.ts';
import { createContext, type ApiContext, type ApiLimits } from './context.ts';
import { compiledExecution } from './compiled-execution.ts';
import { openAppDatabase, type AppDatabase } from './db/app-database.ts';
import type { SqlReader } from './db/database.ts';
import { dataDaySpan, topSpenders } from './db/tables/daily-metrics-reads.ts';
import { ensurePageBuilt } from './page/build.ts';
import { graphiqlPage } from './page/graphiql.ts';
import { withPage } from './page/serve.ts';
import { persistedQueries } from './persisted-queries.ts';
import { PipelineControl } from './pipeline-control.ts';
import { boundedErrors } from './error-messages.ts';
import { badUserInputCodes } from './input-errors.ts';
import { createDocumentCache } from './query-limits/document-cache.ts';
import { DEFAULT_HEAVY_QUERY_SETTINGS, HeavyQueryGate, heavyQueryQueue, type HeavyQuerySettings } from './query-limits/heavy-queue.ts';
import { DEFAULT_QUERY_LIMITS, queryLimitPlugins, type QueryLimits } from './query-limits/plugins.ts';
import { redactingLogger } from './redacting-logger.ts';
import { responseCache } from './response-cache.ts';
import { DEFAULT_FRESHNESS_THRESHOLDS, type FreshnessThresholds } from './freshness/freshness.ts';
import { createLogger, silentLogger, type Logger } from './observability/logger.ts';
import { ApiMetrics } from './observability/metrics.ts';
import { observeRequests } from './observability/request-plugin.ts';
import { operationsSettingsFromEnv } from './observability/settings.ts';
import { operationsEndpoints } from './operations-http/probes.ts';
import { startSchedules, type ScheduleSettings } from './schedule/schedules.ts';
import { AlertMonitor, type AlertSettings } from './alerts/monitor.ts';
import { addDays } from './schema/date.ts';
import { schema } from './schema/index.ts';

export const DEFAULT_MAX_RANGE_DAYS = 366;
const GRAPHQL_ENDPOINT = '/graphql';

/** Headers and body of a request must arrive within this time (api.md "Resources and HTTP"). */
export const REQUEST_TIMEOUT_MS = 30_000;

export interface ApiOptions {
  /** The app database (file path or URL); created and migrated when missing. */
  dbPath: string;
  /** Longest accepted date range in days (default 366). */
  maxRangeDays?: number;
  /** Sees every SQL statement a request executes (tests count them). */
  onQuery?: (sql: string) => void;
  /** Source databases that runs started with `runPipeline` read; none → the mutation is refused. */
  sources?: string[];
  /** An operator credential (api.md "Access control"); generated when not given (see Api.pipelineToken). */
  pipelineToken?: string;
  /** JWTs of an identity provider are accepted (and authentication is on) when given (AUTH_JWKS_URL). */
  jwt?: JwtSettings | null;
  eventNames?: EventNames;
  /** Answer repeated queries from memory until the published run changes (default on, DEFAULT_RESPONSE_CACHE_BYTES). */
  responseCache?: boolean | { maxBytes: number };
  /** Larger request bodies get HTTP 413 (default 1 MiB; MAX_REQUEST_BYTES). */
  maxRequestBytes?: number;
  /** Origins answered to cross-origin requests; null or omitted: any origin (CORS_ORIGINS). Never with credentials. */
  corsOrigins?: string[] | null;
  /** Overrides of DEFAULT_HEAVY_QUERY_SETTINGS; false: heavy queries do not wait for each other (src/query-limits/heavy-queue.ts). */
  heavyQueries?: Partial<HeavyQuerySettings> | false;
  /** Overrides of DEFAULT_QUERY_LIMITS. */
  queryLimits?: Partial<QueryLimits>;
  /** One JSON line per request and per pipeline step (default: none; `serveUntilStopped` logs to stdout). */
  logger?: Logger;
  /** Request metrics and log lines (default on); off only to measure what they cost (bench/observability.ts). */
  observeRequests?: boolean;
  /** Bearer token `/metrics` needs (METRICS_TOKEN); none: open. */
  metricsToken?: string | null;
  /** FRESHNESS_WARN_AFTER / FRESHNESS_ERROR_AFTER (default 26h / 50h). */
  freshnessThresholds?: FreshnessThresholds;
  /** PIPELINE_SCHEDULE, evaluated in REPORT_TIMEZONE (default: none). */
  schedules?: ScheduleSettings;
  /** ALERT_WEBHOOK_URL and ALERT_QUALITY_BELOW; null or omitted: no alerts. `checkEveryMs` default 30 s. */
  alerts?: (AlertSettings & { checkEveryMs?: number; firstBackoffMs?: number }) | null;
}

export interface Api {
  yoga: YogaServerInstance<Record<string, never>, ApiContext>;
  database: AppDatabase;
  pipeline: PipelineControl;
  pipelineToken: string;
  auth: Authenticator;
  metrics: ApiMetrics;
  logger: Logger;
  /** The slots heavy queries take turns for; null when heavyQueries is false. */
  heavyQueries: HeavyQueryGate | null;
  /** Null without ALERT_WEBHOOK_URL. */
  alerts: AlertMonitor | null;
  close(): Promise<void>;
}

/** The request's snapshot is released as soon as its result is complete. */
const releaseSnapshot = (context: ApiContext) => context.db.release();
const releaseSnapshotPlugin: Plugin<ApiContext> = {
  onExecute: ({ args }) => ({ onExecuteDone: () => releaseSnapshot(args.contextValue) }),
  onSubscribe: ({ args }) => ({ onSubscribeResult: () => ({ onEnd: () => releaseSnapshot(args.contextValue) }) }),
};

const OPERATIONS_DIR = fileURLToPath(new URL('./operations', import.meta.url));

function readOperations() {
  const files = readdirSync(OPERATIONS_DIR).filter((file) => file.endsWith('.graphql')).sort();
  const texts = files.map((file) => readFileSync(`${OPERATIONS_DIR}/${file}`, 'utf8'));
  return {
    fragments: texts.filter((text) => /^fragment /m.test(text)).join('\n'),
    queries: texts.filter((text) => /^query /m.test(text)),
  };
}

/** The variables an operation declares, from its header. */
const declaredVariables = (operation: string) => new Set([...operation.matchAll(/\$(\w+)\s*:/g)].map((match) => match[1]));

/**
 * GraphiQL opens on the dashboard over the last 30 days with data compared with the 30 days before,
 * with one tab per example
 * operation, each with variables filled from the published data (its top-spending campaign) at
 * page load, so the examples follow the data. The page itself needs no credential (it asks for
 * one), so with authentication on its examples name no data: the 30 days up to today, no ids.
 */
function graphiqlOptions(reader: SqlReader, auth: Authenticator) {
  const { fragments, queries } = readOperations();
  // GraphiQL also takes the fragments as nodes (yoga's type says string). Parsed from text, they
  // would carry their source location, which cannot be posted to GraphiQL's editor worker.
  const externalFragments = parse(fragments, { noLocation: true }).definitions as unknown as string;
  const dashboardFirst = [...queries].sort((a, b) => Number(/^query Dashboard\b/m.test(b)) - Number(/^query Dashboard\b/m.test(a)));
  return async () => {
    const showsData = !(await auth.required());
    const lastDay = (showsData ? (await dataDaySpan(reader)).lastDay : null) ?? new Date().toISOString().slice(0, 10);
    const range = { start: addDays(lastDay, -29), end: lastDay };
    // The previous period of equal length, as a dashboard's "vs previous period".
    const compareTo = { start: addDays(lastDay, -59), end: addDays(lastDay, -30) };
    const campaigns = showsData ? await topSpenders(reader, 'campaign', range, 3) : [];
    const samples: Record<string, unknown> = { range, compareTo, end: range.end, level: 'CAMPAIGN', id: campaigns[0] ?? '', ids: campaigns, list: 'TRIAL' };
    const tabs = dashboardFirst.map((query) => {
      const declared = declaredVariables(query);
      const variables = Object.fromEntries(Object.entries(samples).filter(([name]) => declared.has(name)));
      return { query, variables: JSON.stringify(variables, null, 2) };
    });
    // GraphiQL takes the first tab's variables from `variables`, not from its tab definition.
    return { title: 'Ads metrics API', defaultQuery: tabs[0]?.query, variables: tabs[0]?.variables, defaultTabs: tabs, externalFragments };
  };
}

/** CORS per api.md: the listed origins (or any), never with credentials, since nothing here uses cookies. */
function corsFor(origins: string[] | null | undefined) {
  const allowed: CORSOptions = { origin: origins ?? '*', credentials: false };
  return (request: Request): CORSOptions => {
    const origin = request.headers.get('origin');
    return !origins || (origin !== null && origins.includes(origin)) ? allowed : false;
  };
}

export async function createApi(options: ApiOptions): Promise<Api> {
  for (const [name, expression] of [['PIPELINE_SCHEDULE', options.schedules?.pipelineSchedule], ['SYNC_SCHEDULE', options.schedules?.syncSchedule]]) {
    if (expression && !options.sources?.length) throw new UsageError(`${name} needs a source database: start the server with --source (or SOURCE_DATABASE_PATH)`);
  }
  const database = await openAppDatabase(options.dbPath);
  const live = database.db;
  const snapshots = database.snapshots(options.onQuery);
  const queryLimits = { ...DEFAULT_QUERY_LIMITS, ...options.queryLimits };
  const limits: ApiLimits = { maxRangeDays: options.maxRangeDays ?? DEFAULT_MAX_RANGE_DAYS, maxResolvedValues: queryLimits.maxResolvedValues };
  const maxRequestBytes = options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
  const documentCache = createDocumentCache();
  const pipelineToken = options.pipelineToken ?? randomBytes(18).toString('base64url');
  const logger = options.logger ?? silentLogger();
  const metrics = new ApiMetrics(options.freshnessThresholds ?? DEFAULT_FRESHNESS_THRESHOLDS);
  const pipeline = await PipelineControl.create({
    appDbPath: options.dbPath,
    sources: options.sources ?? null,
    eventNames: options.eventNames ?? eventNamesFromEnv(),
    db: live,
    runs: database,
    logger,
  });
  const heavySettings = { ...DEFAULT_HEAVY_QUERY_SETTINGS, ...options.heavyQueries };
  const heavyQueries = options.heavyQueries === false ? null : new HeavyQueryGate(heavySettings);
  const schedules = startApiSchedules(options, pipeline, metrics, logger);
  const freshnessThresholds = options.freshnessThresholds ?? DEFAULT_FRESHNESS_THRESHOLDS;
  const operations = { freshnessThresholds, nextScheduledRun: schedules.nextRun };
  const alerts = options.alerts
    ? new AlertMonitor({ ...options.alerts, settings: options.alerts, db: live, snapshots, freshnessThresholds, logger }).start()
    : null;
  const auth = createAuthenticator({ db: live, pipelineToken, jwt: options.jwt });
  const authentication = authenticationPlugin(auth, GRAPHQL_ENDPOINT);
  const graphiql = graphiqlPage(GRAPHQL_ENDPOINT);
  const yoga = createYoga<Record<string, never>, ApiContext>({
    schema,
    graphqlEndpoint: GRAPHQL_ENDPOINT,
    context: ({ request }) => createContext(snapshots.open(), limits, { control: pipeline }, authentication.identityOf(request), operations),
    graphiql: graphiqlOptions(live, auth),
    // A small page over hashed, compressed assets of this server: no CDN, no megabytes per view (api.md, Pages).
    renderGraphiQL: graphiql.render,
    // Unexpected errors become "Unexpected error." without stack or message, even in development.
    maskedErrors: { isDev: false },
    logging: redactingLogger(),
    maxRequestBodySize: maxRequestBytes,
    parserAndValidationCache: documentCache.options,
    cors: corsFor(options.corsOrigins),
    plugins: [
      // Probes and /metrics answer on their own paths, never asking for an API credential.
      operationsEndpoints({ database, metrics, metricsToken: options.metricsToken ?? null }),
      graphiql.plugin,
      // Before authentication, so that refused requests are timed and logged too.
      ...(options.observeRequests === false ? [] : [observeRequests({ metrics, logger, graphqlEndpoint: '/graphql' })]),
      // Nothing (not even a cached answer) reaches a GraphQL request before its credential is checked.
      authentication.plugin,
      persistedQueries({ maxDocumentBytes: queryLimits.maxDocumentBytes }),
      ...queryLimitPlugins(queryLimits, limits.maxRangeDays, documentCache),
      releaseSnapshotPlugin,
      compiledExecution(),
      ...(heavyQueries ? [heavyQueryQueue(heavySettings, heavyQueries)] : []),
      badUserInputCodes,
      boundedErrors,
      ...(options.responseCache === false
        ? []
        : [
            responseCache({
              dataVersion: () => database.publishedRunId(),
              maxRequestBytes,
              maxBytes: typeof options.responseCache === 'object' ? options.responseCache.maxBytes : undefined,
              onLookup: (result) => metrics.responseCache.inc({ result }),
            }),
          ]),
    ],
  });
  return {
    yoga,
    database,
    pipeline,
    pipelineToken,
    auth,
    metrics,
    logger,
    heavyQueries,
    alerts,
    close: async () => {
      schedules.stop();
      alerts?.stop();
      pipeline.close();
      await snapshots.close();
      await database.close();
    },
  };
}

function startApiSchedules(options: ApiOptions, pipeline: PipelineControl, metrics: ApiMetrics, logger: Logger) {
  return startSchedules({
    settings: options.schedules ?? { pipelineSchedule: null },
    timezone: reportTimezoneFromEnv(),
    starts: {
      pipeline: (scheduledFor) => pipeline.start({ trigger: 'schedule', scheduledFor }),
      sync: (scheduledFor) => pipeline.start({ trigger: 'sync', scheduledFor }),
    },
    metrics,
    logger,
  });
}

export interface ServerOptions extends ApiOptions {
  port: number;
  host: string;
  /** Requests whose headers or body take longer are closed (default REQUEST_TIMEOUT_MS). */
  requestTimeoutMs?: number;
  /** A client that takes nothing of its answer for this long is disconnected (default IDLE_WRITE_TIMEOUT_MS, src/slow-readers.ts). */
  idleTimeoutMs?: number;
  /** The built dashboard page (web/dist), served at `/`; none → only the API. */
  pageDir?: string;
  /** Serve without authentication on a non-loopback address too (ALLOW_ANONYMOUS, --allow-anonymous). */
  allowAnonymous?: boolean;
}

export interface RunningServer {
  api: Api;
  server: Server;
  /** e.g. http://127.0.0.1:4000/graphql */
  url: string;
  close(): Promise<void>;
}

/**
 * Creates the API and listens on host:port (port 0 picks a free port); refuses a non-loopback
 * address while authentication is off, unless anonymous access is allowed (auth/exposure.ts).
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const api = await createApi(options);
  try {
    const authRequired = await api.auth.required();
    assertSafeExposure({ host: options.host, authRequired, allowAnonymous: options.allowAnonymous ?? false, dbPath: options.dbPath });
  } catch (error) {
    await api.close();
    throw error;
  }
  const handler = options.pageDir ? withPage(options.pageDir, api.yoga) : api.yoga;
  const timeout = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  // Node checks these timeouts every connectionsCheckingInterval, so check often enough to close on time.
  const server = createServer(
    { headersTimeout: timeout, requestTimeout: timeout, connectionsCheckingInterval: Math.min(1000, timeout / 4) },
    startInArrivalOrder(handler),
  );
  closeStalledReaders(server, options.idleTimeoutMs ?? IDLE_WRITE_TIMEOUT_MS);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, resolve);
    });
  } catch (error) {
    await api.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    api,
    server,
    url: `http://${host}:${port}${api.yoga.graphqlEndpoint}`,
    close: () =>
      new Promise<void>((resolve, reject) =>
        server.close((error) => {
          api.close().then(() => (error ? reject(error) : resolve()), reject);
        }),
      ),
  };
}

/**
 * Builds the dashboard page when missing or stale, then serves until SIGINT/SIGTERM, printing where
 * the page and GraphiQL are and how to authorise `runPipeline` (`npm run serve` and `npm start`).
 * PIPELINE_TOKEN, when set, is the token; else one is generated, and printed only on loopback.
 * Access control from the environment (AUTH_*, ALLOW_ANONYMOUS) unless the options say otherwise.
 */
export async function serveUntilStopped(options: ServerOptions): Promise<void> {
  const configuredToken = process.env.PIPELINE_TOKEN || undefined;
  const authSettings = authSettingsFromEnv();
  const operations = operationsSettingsFromEnv();
  const pageDir = await ensurePageBuilt((line) => process.stdout.write(`${line}\n`));
  const running = await startServer({
    jwt: authSettings.jwt,
    ...operations,
    logger: createLogger(operations.logLevel),
    ...options,
    allowAnonymous: options.allowAnonymous || authSettings.allowAnonymous,
    pageDir,
    pipelineToken: options.pipelineToken ?? configuredToken,
  });
  const lines = [`Dashboard page at ${running.url.replace(/graphql$/, '')}`, `GraphQL API with GraphiQL at ${running.url}`];
  lines.push(
    ...accessLines({ host: options.host, authRequired: await running.api.auth.required(), generatedToken: configuredToken ? null : running.api.pipelineToken }),
  );
  process.stdout.write(`${lines.join('\n')}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => void running.close().then(resolve);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
