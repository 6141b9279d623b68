/**
 * Hostile load (issue 10): the requests that took the server down before, sent back to back from a
 * few connections for a while, beside a paced dashboard load. Measured: the server's peak RSS, the
 * dashboard's latency during it against the idle figures, /health, and whether the server survived.
 */
import { connect } from 'node:net';
import { readFileSync } from 'node:fs';
import { postGraphql } from './graphql-client.ts';
import { addDays, freshRequest, type QueryTargets } from './queries.ts';
import type { RunningServer } from './server.ts';
import { summarize, type LatencySummary } from './stats.ts';

/** Parallel senders of hostile requests; each waits for its answer before sending the next. */
export const HOSTILE_SENDERS = 4;
/** Connections that send headers and part of a body and then nothing (the server closes them after 30 s). */
export const STALLED_CONNECTIONS = 4;
export const HOSTILE_DASHBOARD_PACE_MS = 250;
const RSS_SAMPLE_MS = 100;

export interface HostileLoadFigures {
  seconds: number;
  /** Hostile requests answered, by what the server answered (HTTP status and GraphQL error code). */
  outcomes: Record<string, number>;
  rssBeforeBytes: number | null;
  peakRssBytes: number | null;
  rssAfterBytes: number | null;
  /** The uncached dashboard latency of the API section (sequential, idle server). */
  idle: LatencySummary;
  during: LatencySummary;
  /** during p99 ÷ idle p99. */
  p99Ratio: number;
  dashboardErrors: number;
  healthChecks: number;
  healthFailures: number;
  /** 1 when the server process ended during the hostile load. */
  crashes: number;
}

const YEAR = (targets: QueryTargets) => ({ start: addDays(targets.last30Days.end, -365), end: targets.last30Days.end });

let serial = 0;
/** One request of each kind of issue 10 per round, each made distinct so no cache can answer it. */
const HOSTILE_REQUESTS: ((targets: QueryTargets) => string)[] = [
  // 5 MB of __typename selections (HTTP 413 above MAX_REQUEST_BYTES)
  () => JSON.stringify({ query: `{ ${'__typename '.repeat(480_000)}} # ${++serial}` }),
  // 0.9 MB documents: under the request limit, over the document limit (refused before parsing)
  () => JSON.stringify({ query: `{ ${'__typename '.repeat(85_000)}} # ${++serial}` }),
  // userIds at every level of the tree over a year, arguments as variables
  (targets) =>
    JSON.stringify({
      query: `query ($range: DateRangeInput!, $list: UserList!) { campaigns(range: $range) { metrics { userIds(list: $list) }
        adsets { metrics { userIds(list: $list) } ads { metrics { userIds(list: $list) } } } } } # ${++serial}`,
      variables: { range: YEAR(targets), list: 'TRIAL' },
    }),
  // the cyclic fan-out with 366-day sparklines, arguments as variables
  (targets) =>
    JSON.stringify({
      query: `query ($range: DateRangeInput!, $days: Int!) { campaigns(range: $range) { adsets { campaign { adsets { ads { adset { ads {
        id sparkline(metric: ROAS, days: $days) { date value } } } } } } } } } # ${++serial}`,
      variables: { range: targets.last30Days, days: 366 },
    }),
  // deep nesting and hundreds of aliases
  () => JSON.stringify({ query: `{ entity(level: AD, id: "x", range: { start: "2025-01-01", end: "2025-01-02" }) { ... on Ad { ${'adset { ads { '.repeat(6)}id${' } }'.repeat(6)} } } } # ${++serial}` }),
  () => JSON.stringify({ query: `{ ${Array.from({ length: 300 }, (_, index) => `a${index}: dataStatus { ads }`).join(' ')} } # ${++serial}` }),
  // a 0.9 MB date string
  () =>
    JSON.stringify({
      query: 'query ($range: DateRangeInput!) { overview(range: $range) { metrics { spend } } }',
      variables: { range: { start: `2025-${'9'.repeat(900_000)}`, end: '2025-06-30' }, serial: ++serial },
    }),
];

/** The resident set of a process (Linux /proc), or null where it cannot be read. */
function rssBytes(pid: number): number | null {
  try {
    const kib = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kib === undefined ? null : Number(kib) * 1024;
  } catch {
    return null;
  }
}

async function sendHostile(baseUrl: string, body: string): Promise<string> {
  try {
    const response = await fetch(`${baseUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const text = await response.text();
    const code = /"code":"([A-Z_]+)"/.exec(text)?.[1];
    return `HTTP ${response.status}${code ? ` ${code}` : ''}`;
  } catch {
    return 'connection closed by the server';
  }
}

/**
 * Opens a connection that sends half a request and waits until the server closes it, or closes it
 * itself at the deadline: a stopping server waits for open connections, and stops checking their
 * request timeout, so one left behind would keep it from ever exiting.
 */
function stalledRequest(baseUrl: string, deadline: number): Promise<void> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname, () =>
      socket.write('POST /graphql HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"query":'),
    );
    const giveUp = setTimeout(() => socket.destroy(), Math.max(0, deadline - performance.now()));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(giveUp);
      resolve();
    });
    socket.resume();
  });
}

export async function measureHostileLoad(server: RunningServer, targets: QueryTargets, idle: LatencySummary, seconds: number): Promise<HostileLoadFigures> {
  const rssBeforeBytes = rssBytes(server.pid);
  let peakRssBytes = rssBeforeBytes;
  const sampler = setInterval(() => {
    const rss = rssBytes(server.pid);
    if (rss !== null) peakRssBytes = Math.max(peakRssBytes ?? 0, rss);
  }, RSS_SAMPLE_MS);
  const deadline = performance.now() + seconds * 1000;
  const running = () => performance.now() < deadline && server.exited() === null;
  const outcomes: Record<string, number> = {};

  const hostileSender = async (offset: number) => {
    for (let round = offset; running(); round += 1) {
      const outcome = await sendHostile(server.baseUrl, HOSTILE_REQUESTS[round % HOSTILE_REQUESTS.length]!(targets));
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    }
  };
  const staller = async () => {
    while (running()) await stalledRequest(server.baseUrl, deadline);
  };
  const samples: number[] = [];
  let dashboardErrors = 0;
  let healthChecks = 0;
  let healthFailures = 0;
  const dashboard = async () => {
    while (running()) {
      const started = performance.now();
      try {
        const response = await postGraphql(server.baseUrl, freshRequest('dashboard', targets));
        if (response.body.errors?.length) dashboardErrors += 1;
        else samples.push(response.ms);
      } catch {
        dashboardErrors += 1;
      }
      healthChecks += 1;
      if (!(await fetch(`${server.baseUrl}/health`).then((response) => response.ok, () => false))) healthFailures += 1;
      const rest = HOSTILE_DASHBOARD_PACE_MS - (performance.now() - started);
      if (rest > 0) await new Promise((resolve) => setTimeout(resolve, rest));
    }
  };

  const started = performance.now();
  await Promise.all([
    ...Array.from({ length: HOSTILE_SENDERS }, (_, index) => hostileSender(index)),
    ...Array.from({ length: STALLED_CONNECTIONS }, staller),
    dashboard(),
  ]);
  clearInterval(sampler);
  const during = summarize(samples.length > 0 ? samples : [Number.NaN]);
  return {
    seconds: (performance.now() - started) / 1000,
    outcomes,
    rssBeforeBytes,
    peakRssBytes,
    rssAfterBytes: rssBytes(server.pid),
    idle,
    during,
    p99Ratio: during.p99 / idle.p99,
    dashboardErrors,
    healthChecks,
    healthFailures,
    crashes: server.exited() === null ? 0 : 1,
  };
}
