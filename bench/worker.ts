/**
 * `node --import tsx bench/worker.ts <task> <json input>`: runs one heavy task in its own process
 * and prints `{ result, peakRssBytes }` as the last line of stdout. Progress goes to stderr, and a
 * failure ends with one `error: …` line there.
 */
import { runCommand, UsageError } from '../src/config.ts';
import { generateDemoData, type DemoDataOptions } from '../pipeline/demo-data/generate.ts';
import { progressLine, runPipeline, yieldCpuToServers, type PipelineOptions } from '../pipeline/run.ts';
import { runImport } from '../importers/command.ts';
import { progressLine as importProgressLine } from '../importers/report.ts';
import type { ImportWorkerResult } from './import.ts';

const TASKS = {
  generate: async (input: DemoDataOptions) => generateDemoData(input),
  // Like the pipeline's own processes (CLI, runs started from the API).
  pipeline: async (input: Omit<PipelineOptions, 'onProgress'>) => {
    yieldCpuToServers();
    return runPipeline({ ...input, onProgress: (progress) => process.stderr.write(progressLine(progress)) });
  },
  import: async (input: { args: string[] }): Promise<ImportWorkerResult> => {
    const summaries = await runImport(input.args, { onProgress: (...progress) => process.stderr.write(`${importProgressLine(...progress)}\n`) });
    const written = summaries.reduce((sum, s) => sum + s.written.inserted + s.written.replaced + s.written.unchanged, 0);
    return { records: summaries.reduce((sum, s) => sum + s.records, 0), rowsWritten: written, seconds: summaries.reduce((sum, s) => sum + s.seconds, 0) };
  },
};
export type WorkerTask = keyof typeof TASKS;

const isTask = (name: string | undefined): name is WorkerTask => name !== undefined && name in TASKS;

await runCommand(async () => {
  const [task, input] = process.argv.slice(2);
  if (!isTask(task) || input === undefined) throw new UsageError(`usage: bench/worker.ts ${Object.keys(TASKS).join('|')} <json input>`);
  const result = await TASKS[task](JSON.parse(input));
  // maxRSS is in kilobytes (getrusage).
  process.stdout.write(`${JSON.stringify({ result, peakRssBytes: process.resourceUsage().maxRSS * 1024 })}\n`);
});
