/**
 * Heavy work beside cheap work (api.md "Resources and HTTP"; part of the hostile-load section): ten
 * clients send, back to back, the heaviest query the limits allow (the whole tree at `first: 1000`
 * with six aliased 366-day sparklines per node), while a prober times `/health`, `/livez`,
 * `/readyz` and an uncached dashboard query. Run on two fresh servers over the same data: the
 * heavy-query queue off (HEAVY_QUERY_SLOTS=0, every heavy query runs at once) and on (default).
 */
import { postGraphql } from './graphql-client.ts';
import { addDays, freshRequest, type QueryTargets } from './queries.ts';
import { startServer } from './server.ts';
import { summarize, type LatencySummary } from './stats.ts';

export const HEAVY_CLIENTS = 10;
export const PROBE_PATHS = ['/health', '/livez', '/readyz'] as const;
export const HEAVY_PROBE_PACE_MS = 100;
const IDLE_SAMPLES = 30;

export type ProbePath = (typeof PROBE_PATHS)[number];

export interface HeavyLoadRun {
  /** The heavy-query queue: off (HEAVY_QUERY_SLOTS=0) or on (the default). */
  queue: 'off' | 'on';
  seconds: number;
  /** Heavy requests answered, by HTTP status and GraphQL error code. */
  outcomes: Record<string, number>;
  idleProbes: Record<ProbePath, LatencySummary>;
  probes: Record<ProbePath, LatencySummary>;
  probeFailures: number;
  idleDashboard: LatencySummary;
  dashboard: LatencySummary;
  /** dashboard p99 ÷ idle dashboard p99 */
  p99Ratio: number;
  dashboardErrors: number;
}

export interface HeavyLoadFigures {
  off: HeavyLoadRun;
  on: HeavyLoadRun;
}

const sparklines = Array.from({ length: 6 }, (_, index) => `s${index}: sparkline(metric: ROAS, days: 366) { date value }`).join(' ');
const HEAVY_QUERY = `query Heavy($range: DateRangeInput!) { campaigns(range: $range, first: 1000) { id ${sparklines}
  adsets { id ${sparklines} ads { id ${sparklines} } } } }`;

let serial = 0;
async function sendHeavy(baseUrl: string, targets: QueryTargets): Promise<string> {
  const range = { start: addDays(targets.last30Days.end, -365), end: targets.last30Days.end };
  try {
    const response = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      // distinct by a comment, so no response cache answers it
      body: JSON.stringify({ query: `${HEAVY_QUERY} # ${++serial}`, variables: { range } }),
    });
    const bytes = Buffer.from(await response.arrayBuffer());
    const code = /"code":"([A-Z_]+)"/.exec(bytes.subarray(0, 4096).toString())?.[1];
    return `HTTP ${response.status}${code ? ` ${code}` : ''}`;
  } catch {
    return 'connection closed by the server';
  }
}

async function timed(work: () => Promise<boolean>): Promise<number | null> {
  const started = performance.now();
  const ok = await work().catch(() => false);
  return ok ? performance.now() - started : null;
}

const probe = (baseUrl: string, path: ProbePath) => timed(async () => (await fetch(`${baseUrl}${path}`)).ok);
const dashboard = (baseUrl: string, targets: QueryTargets) =>
  timed(async () => !(await postGraphql(baseUrl, freshRequest('dashboard', targets))).body.errors?.length);

/** One round of the prober: each probe path, then the dashboard query. */
async function probeRound(baseUrl: string, targets: QueryTargets, samples: Record<ProbePath, number[]>, dashboardSamples: number[]) {
  let failures = 0;
  for (const path of PROBE_PATHS) {
    const ms = await probe(baseUrl, path);
    if (ms === null) failures += 1;
    else samples[path].push(ms);
  }
  const ms = await dashboard(baseUrl, targets);
  if (ms !== null) dashboardSamples.push(ms);
  return { failures, dashboardFailed: ms === null };
}

const emptySamples = () => Object.fromEntries(PROBE_PATHS.map((path) => [path, [] as number[]])) as Record<ProbePath, number[]>;
const summaries = (samples: Record<ProbePath, number[]>) =>
  Object.fromEntries(PROBE_PATHS.map((path) => [path, summarize(samples[path].length > 0 ? samples[path] : [Number.NaN])])) as Record<ProbePath, LatencySummary>;

async function measureOne(appDbPath: string, targets: QueryTargets, seconds: number, queue: 'off' | 'on'): Promise<HeavyLoadRun> {
  const server = await startServer(appDbPath, queue === 'off' ? { HEAVY_QUERY_SLOTS: '0' } : {});
  try {
    const idleSamples = emptySamples();
    const idleDashboard: number[] = [];
    for (let round = 0; round < IDLE_SAMPLES; round += 1) await probeRound(server.baseUrl, targets, idleSamples, idleDashboard);

    const deadline = performance.now() + seconds * 1000;
    const running = () => performance.now() < deadline && server.exited() === null;
    const outcomes: Record<string, number> = {};
    const heavyClient = async () => {
      while (running()) {
        const outcome = await sendHeavy(server.baseUrl, targets);
        outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      }
    };
    const samples = emptySamples();
    const dashboardSamples: number[] = [];
    let probeFailures = 0;
    let dashboardErrors = 0;
    const prober = async () => {
      while (running()) {
        const started = performance.now();
        const round = await probeRound(server.baseUrl, targets, samples, dashboardSamples);
        probeFailures += round.failures;
        if (round.dashboardFailed) dashboardErrors += 1;
        const rest = HEAVY_PROBE_PACE_MS - (performance.now() - started);
        if (rest > 0) await new Promise((resolve) => setTimeout(resolve, rest));
      }
    };
    const started = performance.now();
    await Promise.all([...Array.from({ length: HEAVY_CLIENTS }, heavyClient), prober()]);
    const idle = summarize(idleDashboard);
    const during = summarize(dashboardSamples.length > 0 ? dashboardSamples : [Number.NaN]);
    return {
      queue,
      seconds: (performance.now() - started) / 1000,
      outcomes,
      idleProbes: summaries(idleSamples),
      probes: summaries(samples),
      probeFailures,
      idleDashboard: idle,
      dashboard: during,
      p99Ratio: during.p99 / idle.p99,
      dashboardErrors,
    };
  } finally {
    await server.stop();
  }
}

/** The same load with the queue off, then on, each on a fresh server process. */
export async function measureHeavyLoad(appDbPath: string, targets: QueryTargets, seconds: number): Promise<HeavyLoadFigures> {
  return { off: await measureOne(appDbPath, targets, seconds, 'off'), on: await measureOne(appDbPath, targets, seconds, 'on') };
}
