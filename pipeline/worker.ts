/**
 * A pipeline run in its own process, started by the API server (src/pipeline-control.ts) so that
 * queries keep being answered while it computes. It receives one job over IPC, reports each step
 * back, and exits; its outcome is recorded in `pipeline_runs` by the run itself.
 */
import { reportTimezoneFromEnv, type EventNames } from '../src/config.ts';
import type { RunTrigger } from '../src/db/tables/pipeline-runs.ts';
import { runSync, syncSettingsFromEnv, todayIn } from '../importers/sync.ts';
import { runRecordedPipeline, yieldCpuToServers, type PipelineOptions } from './run.ts';

export interface PipelineJob {
  runId: number;
  sources: string[];
  appDbPath: string;
  asOf?: string;
  timezone?: string;
  eventNames: EventNames;
  /** Skip the publish guard (metrics.md M33) for this run. */
  acceptChanges?: boolean;
  /** `sync` (SYNC_SCHEDULE): fetch and import into the first source before the run (api.md "Operations", Sync). */
  trigger?: RunTrigger;
}

export type WorkerMessage =
  | { type: 'progress'; step: string; progress: number; seconds: number }
  | { type: 'finished'; ok: boolean; error?: string };

const send = (message: WorkerMessage) => new Promise<void>((resolve) => process.send!(message, () => resolve()));

process.once('message', async (job: PipelineJob) => {
  yieldCpuToServers();
  try {
    const onProgress: PipelineOptions['onProgress'] = ({ step, progress, seconds }) => void send({ type: 'progress', step, progress, seconds });
    if (job.trigger === 'sync') {
      const timezone = job.timezone ?? reportTimezoneFromEnv();
      await runSync({
        ...syncSettingsFromEnv(process.env),
        into: job.sources[0]!,
        appDbPath: job.appDbPath,
        today: todayIn(timezone),
        timezone,
        env: process.env,
        log: (line) => process.stderr.write(`${line}\n`),
        onProgress,
        pipeline: { sources: job.sources, eventNames: job.eventNames, asOf: job.asOf, acceptChanges: job.acceptChanges },
        runId: job.runId,
      });
    } else await runRecordedPipeline({ ...job, onProgress });
    await send({ type: 'finished', ok: true });
  } catch (error) {
    await send({ type: 'finished', ok: false, error: (error as Error).message });
  }
  process.disconnect();
});
