/**
 * `npx tsx bench/observability.ts --db <app.sqlite>`: what request metrics and JSON logs cost the
 * dashboard query (api.md "Operations"). Two servers over the same app database in this process, one
 * with metrics and a logger writing every line to /dev/null, one without either; requests alternate
 * between them (fresh, so no response cache answers) and the medians and p99s are compared.
 */
import { pino } from 'pino';
import { parseFlags, runCommand, UsageError } from '../src/config.ts';
import { startServer, type RunningServer } from '../src/server.ts';
import { postGraphqlOk } from './graphql-client.ts';
import { freshRequest, pickQueryTargets } from './queries.ts';
import { summarize, type LatencySummary } from './stats.ts';

export interface ObservabilityCost {
  requests: number;
  observed: LatencySummary;
  unobserved: LatencySummary;
}

export async function measureObservabilityCost(appDbPath: string, requests = 200, warmup = 20): Promise<ObservabilityCost> {
  const logger = pino({ level: 'info' }, pino.destination({ dest: '/dev/null', sync: false }));
  const common = { dbPath: appDbPath, port: 0, host: '127.0.0.1', responseCache: false } as const;
  const servers: RunningServer[] = [];
  try {
    servers.push(await startServer({ ...common, logger }), await startServer({ ...common, observeRequests: false }));
    const [observed, unobserved] = servers.map((server) => server.url.replace(/\/graphql$/, ''));
    const targets = pickQueryTargets(appDbPath);
    const samples = { observed: [] as number[], unobserved: [] as number[] };
    for (let index = 0; index < warmup + requests; index += 1) {
      // Alternating, so both see the same machine load.
      for (const [name, url] of [['observed', observed!], ['unobserved', unobserved!]] as const) {
        const { ms } = await postGraphqlOk(url, freshRequest('dashboard', targets));
        if (index >= warmup) samples[name].push(ms);
      }
    }
    return { requests, observed: summarize(samples.observed), unobserved: summarize(samples.unobserved) };
  } finally {
    for (const server of servers) await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await runCommand(async () => {
    const flags = parseFlags(process.argv.slice(2), { db: { type: 'string' }, requests: { type: 'string', default: '200' } });
    if (!flags.db) throw new UsageError('missing --db <app.sqlite>');
    const cost = await measureObservabilityCost(flags.db, Number(flags.requests));
    const line = (name: string, summary: LatencySummary) => `${name.padEnd(28)} p50 ${summary.p50.toFixed(2)} ms  p99 ${summary.p99.toFixed(2)} ms`;
    process.stdout.write(
      [
        `dashboard query, ${cost.requests} fresh requests each, alternating:`,
        line('with metrics + JSON logs', cost.observed),
        line('without', cost.unobserved),
        `cost at the median: ${(cost.observed.p50 - cost.unobserved.p50).toFixed(2)} ms (${(((cost.observed.p50 / cost.unobserved.p50) - 1) * 100).toFixed(1)}%)`,
      ].join('\n') + '\n',
    );
  });
}
