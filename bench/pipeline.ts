/** Pipeline figures: a run in its own process, timed from outside, with its peak memory and per-step seconds. */
import { rmSync } from 'node:fs';
import type { PipelineSummary } from '../pipeline/run.ts';
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

export async function measurePipelineRun(sourcePath: string, appDbPath: string, label: string, timeoutSeconds?: number): Promise<PipelineFigures> {
  const { result, peakRssBytes, wallSeconds } = await runWorker<PipelineSummary>('pipeline', { sources: [sourcePath], appDbPath }, label, timeoutSeconds);
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
