/**
 * Pipeline runs started from the API: one at a time, each in its own process (pipeline/worker.ts)
 * so the server keeps answering, recorded in `pipeline_runs`, with every step announced to the
 * `pipelineRunProgress` subscribers.
 */
import { fork } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { fileURLToPath } from 'node:url';
import { reportTimezoneFromEnv, type EventNames } from './config.ts';
import type { AppDatabase } from './db/app-database.ts';
import type { Database } from './db/database.ts';
import { latestPipelineRuns, pipelineRunById, type PipelineRunRow } from './db/tables/pipeline-runs-reads.ts';
import { PipelineBusyError, ScheduledTimeTakenError } from '../pipeline/errors.ts';
import { progressAfter, stepsDoneBetween } from '../pipeline/progress.ts';
import { assignRunProcess, failRunIfUnfinished, startRun, startScheduledRun, type RunParameters } from '../pipeline/run-log.ts';
import { publishHeldPipelineRun } from '../pipeline/run.ts';
import type { RunTrigger } from './db/tables/pipeline-runs.ts';
import type { Logger } from './observability/logger.ts';
import type { PipelineJob, WorkerMessage } from '../pipeline/worker.ts';

const WORKER = fileURLToPath(new URL('../pipeline/worker.ts', import.meta.url));
const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** How often a subscription re-reads a run that this server does not run itself. */
const PROGRESS_POLL_MS = 1000;

export interface PipelineControlOptions {
  appDbPath: string;
  /** Where runs read; null when the server was started without --source. */
  sources: string[] | null;
  eventNames: EventNames;
  /** Writes and reads run records live, outside any request snapshot (the server's own connection). */
  db: Database;
  /** Which runs are alive, and the right to run one (one at a time across every process). */
  runs: Pick<AppDatabase, 'settleAbandonedRuns' | 'holdRunLock'>;
  /** One line per step of the runs this server starts (api.md "Operations", Logs). */
  logger?: Logger;
}

/** What a run started from the server (the API, a schedule) may set. */
export interface RunRequest {
  asOf?: string;
  timezone?: string;
  /** Skip the publish guard (metrics.md M33) for this run. */
  acceptChanges?: boolean;
  /** Default `api`. */
  trigger?: RunTrigger;
  /** A schedule's tick: at most one run per scheduled time across replicas (ScheduledTimeTakenError). */
  scheduledFor?: string;
}

export class PipelineControl {
  private readonly updates = new EventEmitter();
  private activeRunId: number | null = null;
  /** After close() the server's connection is gone; a run still going records its own outcome. */
  private closed = false;
  /** Starts one after the other, so two requests cannot both find no run in progress. */
  private starting: Promise<unknown> = Promise.resolve();

  private constructor(private readonly options: PipelineControlOptions) {
    this.updates.setMaxListeners(0);
  }

  static async create(options: PipelineControlOptions): Promise<PipelineControl> {
    // A run left 'running' by a process that is gone was interrupted (server killed mid-run).
    await options.runs.settleAbandonedRuns();
    return new PipelineControl(options);
  }

  get configured(): boolean {
    return this.options.sources !== null && this.options.sources.length > 0;
  }

  /** Records a new run and starts its process; resolves once it is started. Throws PipelineBusyError. */
  start(parameters: RunRequest): Promise<PipelineRunRow> {
    const started = this.starting.then(() => this.startNow(parameters));
    this.starting = started.catch(() => undefined);
    return started;
  }

  /** Publishes a held run (metrics.md M33) in this process: its tables are computed already. Throws PipelineInputError. */
  async publishHeld(runId: number): Promise<PipelineRunRow> {
    if (this.activeRunId !== null) throw new PipelineBusyError(this.activeRunId);
    await publishHeldPipelineRun(this.options.appDbPath, runId);
    this.announce(runId, true);
    return (await this.run(runId))!;
  }

  private async startNow(parameters: RunRequest): Promise<PipelineRunRow> {
    if (this.activeRunId !== null) throw new PipelineBusyError(this.activeRunId);
    const hold = await this.options.runs.holdRunLock();
    if (!hold) throw new PipelineBusyError((await this.options.runs.settleAbandonedRuns()) ?? 0);
    const { appDbPath, eventNames } = this.options;
    const sources = this.options.sources ?? [];
    const timezone = parameters.timezone ?? reportTimezoneFromEnv();
    let runId: number;
    try {
      const running = await hold.settleAbandonedRuns();
      if (running !== null) throw new PipelineBusyError(running);
      runId = await recordRun(hold.db, { sources, asOf: parameters.asOf ?? null, timezone, eventNames: { ...eventNames } }, parameters);
    } catch (error) {
      await hold.release();
      throw error;
    }
    this.activeRunId = runId;
    const child = fork(WORKER, [], { cwd: PROJECT_ROOT, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
    if (child.pid !== undefined) await assignRunProcess(this.options.db, runId, child.pid);
    const trigger = parameters.trigger ?? 'api';
    child.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') this.options.logger?.info({ runId, trigger, step: message.step, progress: message.progress, seconds: message.seconds }, 'pipeline step');
      else this.options.logger?.info({ runId, trigger, ok: message.ok, error: message.error ?? null }, 'pipeline run finished');
      if (!this.closed) this.announce(runId, message.type === 'finished');
    });
    child.on('exit', async (code, signal) => {
      this.activeRunId = null;
      if (this.closed) return;
      const lastLine = stderr.trim().split('\n').at(-1) ?? '';
      await failRunIfUnfinished(
        this.options.db,
        runId,
        `the pipeline process stopped (${signal ?? `exit code ${code}`}) before finishing${lastLine ? `: ${lastLine}` : ''}`,
      );
      this.announce(runId, true);
    });
    const job: PipelineJob = { runId, sources, appDbPath, asOf: parameters.asOf, timezone, eventNames, acceptChanges: parameters.acceptChanges, trigger };
    child.send(job);
    // The run's process takes the lock over (PostgreSQL; nothing to hand over with SQLite).
    void hold.handOver().catch(() => hold.release());
    return (await this.run(runId))!;
  }

  close(): void {
    this.closed = true;
    this.updates.removeAllListeners();
  }

  run(id: number): Promise<PipelineRunRow | undefined> {
    return this.settled(() => pipelineRunById(this.options.db, id));
  }

  latest(last: number): Promise<PipelineRunRow[]> {
    return this.settled(() => latestPipelineRuns(this.options.db, last));
  }

  /**
   * Reads runs; when one is 'running', first lets the app database record runs whose owner is gone
   * (a CLI run killed, say, on any host: see AppDatabase.settleAbandonedRuns) as interrupted, and
   * reads again, so that no reader sees a dead run running.
   */
  private async settled<T extends PipelineRunRow | PipelineRunRow[] | undefined>(read: () => Promise<T>): Promise<T> {
    const runs = await read();
    const rows: PipelineRunRow[] = runs === undefined ? [] : Array.isArray(runs) ? runs : [runs];
    if (!rows.some((run) => run.status === 'running')) return runs;
    await this.options.runs.settleAbandonedRuns();
    return read();
  }

  /**
   * The run's state now, then at every step until it has finished. Runs of this server announce
   * their steps; runs of other processes (the CLI) are polled, which also notices one that died.
   */
  async *progress(id: number): AsyncGenerator<PipelineRunRow> {
    // Listen before reading, so no step between the two is missed.
    let announced = false;
    let wake = () => {};
    const listener = () => {
      announced = true;
      wake();
    };
    this.updates.on(String(id), listener);
    try {
      let run = await this.run(id);
      if (!run) return;
      yield run;
      while (run.status === 'running' && !this.closed) {
        if (!announced) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, PROGRESS_POLL_MS);
            wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
        }
        announced = false;
        if (this.closed) return;
        const latest = await this.run(id);
        if (!latest) return;
        // Steps done between two reads (a slow reader, a run that publishes right after its last
        // step) are announced too, each as the run recorded it.
        for (const step of stepsDoneBetween(latest.stepTimings, run.step, latest.status === 'running' ? latest.step : null)) {
          yield { ...run, step, progress: progressAfter(step) };
        }
        if (latest.step !== run.step || latest.status !== run.status || latest.progress !== run.progress) yield latest;
        run = latest;
      }
    } finally {
      this.updates.off(String(id), listener);
    }
  }

  private announce(runId: number, finished: boolean): void {
    this.updates.emit(String(runId), finished);
  }
}

/** Records the run: a scheduled one only if its time has no run yet and none is in progress. */
async function recordRun(db: Database, parameters: RunParameters, request: RunRequest): Promise<number> {
  const trigger = request.trigger ?? 'api';
  if (request.scheduledFor === undefined) return startRun(db, parameters, trigger);
  const started = await startScheduledRun(db, { ...parameters, scheduledFor: request.scheduledFor }, trigger);
  if (typeof started === 'number') return started;
  throw 'takenBy' in started ? new ScheduledTimeTakenError(started.takenBy) : new PipelineBusyError(started.busyWith);
}
