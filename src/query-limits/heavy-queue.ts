/**
 * Heavy work cannot starve cheap work (api.md "Resources and HTTP"). A query whose cost estimate
 * (cost-estimate.ts, computed by the cost limit just before) reaches `heavyCost` is heavy: at most
 * `maxConcurrent` heavy queries execute at once, and the others wait their turn in arrival order
 * for at most `maxWaitMs`, after which they are refused with QUERY_TOO_COMPLEX and HTTP 503 with
 * Retry-After. Everything cheaper (the dashboard's own queries are estimated about 60 times under
 * the default threshold), the probes, /health and the pages never wait here, so ten clients
 * sending the heaviest queries the limits allow keep at most `maxConcurrent` of them busy.
 *
 * A waiting query holds no database snapshot (a request's first statement opens it) and leaves
 * the queue when its client goes away.
 */
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { UsageError } from '../config.ts';
import type { ApiContext } from '../context.ts';

export interface HeavyQuerySettings {
  /** Cost estimate from which a query is heavy. */
  heavyCost: number;
  /** Heavy queries executing at once. */
  maxConcurrent: number;
  /** Longest wait of a heavy query for its turn, in milliseconds. */
  maxWaitMs: number;
}

/**
 * The whole tree at `first: 1000` with one 366-day sparkline per node is estimated at about
 * 6.5e9 and six aliased sparklines at 1.1e10; the dashboard at `first: 100` at 1.7e7.
 */
export const DEFAULT_HEAVY_QUERY_SETTINGS: HeavyQuerySettings = { heavyCost: 1_000_000_000, maxConcurrent: 2, maxWaitMs: 10_000 };

/**
 * HEAVY_QUERY_SLOTS: heavy queries executing at once (default 2); 0 lets them all run at once, as
 * before this gate (the benchmark's "off").
 */
export function heavyQueriesFromEnv(env: NodeJS.ProcessEnv = process.env): { heavyQueries: Partial<HeavyQuerySettings> | false } {
  const slots = env.HEAVY_QUERY_SLOTS?.trim();
  if (!slots) return { heavyQueries: {} };
  if (!/^\d+$/.test(slots)) throw new UsageError(`invalid HEAVY_QUERY_SLOTS ${JSON.stringify(slots.slice(0, 100))}: expected a whole number (0 turns the queue off)`);
  return { heavyQueries: Number(slots) === 0 ? false : { maxConcurrent: Number(slots) } };
}

type Release = () => void;

/** A counting semaphore whose waiters give up after a deadline or when their signal aborts. */
export class HeavyQueryGate {
  private running = 0;
  private readonly waiting: Array<(release: Release) => void> = [];

  constructor(private readonly settings: Pick<HeavyQuerySettings, 'maxConcurrent' | 'maxWaitMs'>) {}

  /** Heavy queries executing now, and waiting. */
  get load() {
    return { running: this.running, waiting: this.waiting.length };
  }

  /** A release function once a slot is taken; null when `maxWaitMs` passed or `signal` aborted first. */
  acquire(signal?: AbortSignal): Promise<Release | null> {
    if (this.running < this.settings.maxConcurrent) {
      this.running += 1;
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve) => {
      const giveUp = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', giveUp);
        const index = this.waiting.indexOf(admit);
        if (index >= 0) this.waiting.splice(index, 1);
        resolve(null);
      };
      const admit = (release: Release) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', giveUp);
        resolve(release);
      };
      const timer = setTimeout(giveUp, this.settings.maxWaitMs);
      signal?.addEventListener('abort', giveUp, { once: true });
      this.waiting.push(admit);
    });
  }

  /** Frees the slot once: the first waiter takes it over, else it is given back. */
  private releaser(): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next(this.releaser());
      else this.running -= 1;
    };
  }
}

const formatted = (value: number) => value.toLocaleString('en-US');

const serverBusy = (cost: number, settings: HeavyQuerySettings) =>
  createGraphQLError(
    `Query too complex for now: its estimated cost of ${formatted(cost)} makes it a heavy query (from ${formatted(settings.heavyCost)}), ` +
      `and it waited over ${settings.maxWaitMs / 1000} s for one of the ${settings.maxConcurrent} heavy queries the server runs at once. ` +
      'Retry later, or ask for fewer nodes, days or aliases.',
    {
      extensions: {
        code: 'QUERY_TOO_COMPLEX',
        limit: 'heavy_queue',
        http: { status: 503, headers: { 'Retry-After': String(Math.ceil(settings.maxWaitMs / 1000)) } },
      },
    },
  );

/**
 * The gate as a yoga plugin. It must come after the cost limit (which puts the estimate on the
 * context) and after compiled execution, so the execution it wraps is the one that runs.
 */
export function heavyQueryQueue(settings: HeavyQuerySettings, gate: HeavyQueryGate): Plugin<ApiContext> {
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      const cost = args.contextValue.costEstimate;
      if (cost === undefined || cost === null || cost < settings.heavyCost) return;
      const signal = (args.contextValue as { request?: Request }).request?.signal;
      setExecuteFn(async (executionArgs) => {
        const release = await gate.acquire(signal);
        if (!release) return { errors: [serverBusy(cost, settings)] };
        try {
          return await executeFn(executionArgs);
        } finally {
          release();
        }
      });
    },
  };
}
