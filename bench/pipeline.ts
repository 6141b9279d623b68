/** Pipeline figures: a run in its own process, timed from outside, with its peak memory and per-step seconds. */
import { rmSync } from 'node:fs';
import type { PipelineOptions, PipelineSummary } from '../pipeline/run.ts';
import { runWorker } from './children.ts';

export interface PipelineFigures {
  /** Seconds reported by the pipeline itself (validation to publish). */
  seconds: number;
  /** Spawn to exit of the process, including Node/tsx start-up. */
  wallSeconds: number;
  peakRssBytes: number;
  stepSeconds: Record<string, number>;
  rowsPerTable: Record<string, number>;
  outputRows: number;
  outputRowsPerSecond: number;
}

/** Deletes an app database and its WAL files, so a run starts from nothing. */
export function removeDatabase(path: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
}

export async function measurePipelineRun(
  sourcePath: string,
  appDbPath: string,
  label: string,
  timeoutSeconds?: number,
  options: Pick<PipelineOptions, 'withoutValueChecks'> = {},
): Promise<PipelineFigures> {
  const { result, peakRssBytes, wallSeconds } = await runWorker<PipelineSummary>('pipeline', { sources: [sourcePath], appDbPath, ...options }, label, timeoutSeconds);
  const outputRows = Object.values(result.rowsPerTable).reduce((sum, rows) => sum + rows, 0);
  return {
    seconds: result.seconds,
    wallSeconds,
    peakRssBytes,
    stepSeconds: result.stepSeconds,
    rowsPerTable: result.rowsPerTable,
    outputRows,
    outputRowsPerSecond: outputRows / result.seconds,
  };
}

/** What the value checks of metrics.md M31 cost: the same run with and without them. */
export interface ValueCheckFigures {
  withSeconds: number;
  withoutSeconds: number;
  /** Of the sources step alone, where the checks run (the events are also filtered in attribution). */
  sourcesStepWithSeconds: number;
  sourcesStepWithoutSeconds: number;
}

export async function measureValueChecks(sourcePath: string, appDbPath: string, withChecks: PipelineFigures): Promise<ValueCheckFigures> {
  removeDatabase(appDbPath);
  const without = await measurePipelineRun(sourcePath, appDbPath, 'pipeline without value checks', undefined, { withoutValueChecks: true });
  return {
    withSeconds: withChecks.seconds,
    withoutSeconds: without.seconds,
    sourcesStepWithSeconds: withChecks.stepSeconds.sources ?? 0,
    sourcesStepWithoutSeconds: without.stepSeconds.sources ?? 0,
  };
}
