/**
 * PIPELINE_SCHEDULE (api.md "Operations", Schedules): a cron expression evaluated in REPORT_TIMEZONE
 * (croner); SYNC_SCHEDULE likewise runs `npm run sync` (trigger `sync`). Every replica keeps the schedule, so a replica that dies loses none of
 * it; a scheduled time starts at most one run across them (startScheduledRun, under the run lock),
 * and a tick that finds a run in progress is skipped and counted, never queued.
 */
import { Cron } from 'croner';
import { PipelineBusyError, ScheduledTimeTakenError } from '../../pipeline/errors.ts';
import { syncSettingsFromEnv } from '../../importers/sync.ts';
import { UsageError } from '../config.ts';
import type { Logger } from '../observability/logger.ts';
import type { ApiMetrics, ScheduleName } from '../observability/metrics.ts';

export interface ScheduleSettings {
  /** Cron expression of pipeline runs (PIPELINE_SCHEDULE); null: none. */
  pipelineSchedule: string | null;
  /** Cron expression of syncs (SYNC_SCHEDULE); null: none. */
  syncSchedule?: string | null;
}

/** Starts what a tick starts; throws PipelineBusyError or ScheduledTimeTakenError when it starts nothing. */
export type ScheduledStart = (scheduledFor: string) => Promise<unknown>;

export interface Schedules {
  /** The next scheduled time, if any. */
  nextRun(): Date | null;
  stop(): void;
}

/** Checks a cron expression, as the schedules will read it; a bad one is a UsageError naming `name`. */
export function assertCronExpression(expression: string, name: string, timezone: string): void {
  try {
    new Cron(expression, { timezone, paused: true }).stop();
  } catch (error) {
    throw new UsageError(`invalid ${name} ${JSON.stringify(expression.slice(0, 100))}: ${(error as Error).message}`);
  }
}

export function scheduleSettingsFromEnv(env: NodeJS.ProcessEnv, timezone: string): ScheduleSettings {
  const pipelineSchedule = env.PIPELINE_SCHEDULE?.trim() || null;
  if (pipelineSchedule !== null) assertCronExpression(pipelineSchedule, 'PIPELINE_SCHEDULE', timezone);
  const syncSchedule = env.SYNC_SCHEDULE?.trim() || null;
  if (syncSchedule !== null) {
    assertCronExpression(syncSchedule, 'SYNC_SCHEDULE', timezone);
    // What a sync fetches, and its credentials, are refused at start-up rather than at the first tick.
    syncSettingsFromEnv(env);
  }
  return { pipelineSchedule, syncSchedule };
}

/**
 * The scheduled time of a tick, which every replica computes alike: croner fires a few milliseconds
 * after the time its expression names (whole seconds), so the second it fires in.
 */
const scheduledTime = () => new Date(Math.floor(Date.now() / 1000) * 1000).toISOString();

export function startSchedules(options: {
  settings: ScheduleSettings;
  timezone: string;
  starts: Record<ScheduleName, ScheduledStart>;
  metrics: ApiMetrics;
  logger: Logger;
}): Schedules {
  const jobs: Cron[] = [];
  const expressions: Record<ScheduleName, string | null> = { pipeline: options.settings.pipelineSchedule, sync: options.settings.syncSchedule ?? null };
  for (const [schedule, expression] of Object.entries(expressions) as [ScheduleName, string | null][]) {
    if (expression === null) continue;
    const tick = async () => {
      const scheduledFor = scheduledTime();
      try {
        await options.starts[schedule](scheduledFor);
        options.logger.info({ schedule, scheduledFor }, 'scheduled run started');
      } catch (error) {
        if (error instanceof PipelineBusyError) {
          options.metrics.skippedTicks.inc({ schedule });
          options.logger.warn({ schedule, scheduledFor, runningRunId: error.runningId }, 'scheduled run skipped: a run is in progress');
        } else if (error instanceof ScheduledTimeTakenError) {
          options.logger.debug({ schedule, scheduledFor, runId: error.runId }, 'scheduled time started on another replica');
        } else {
          options.logger.error({ schedule, scheduledFor, error: (error as Error).message }, 'scheduled run could not start');
        }
      }
    };
    jobs.push(new Cron(expression, { timezone: options.timezone, unref: true }, tick));
  }
  return {
    nextRun: () =>
      jobs
        .map((job) => job.nextRun())
        .filter((date): date is Date => date !== null)
        .sort((a, b) => a.getTime() - b.getTime())[0] ?? null,
    stop: () => jobs.forEach((job) => job.stop()),
  };
}
