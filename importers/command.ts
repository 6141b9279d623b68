/** `npm run import` as a function: the command line in, one summary per file out (the CLI prints them). */
import { parseImportArgs, type ImportCommand } from './options.ts';
import type { SourceSink } from './sink/sink.ts';
import { importFile, type FileSummary, type ImportSettings } from './run.ts';
import { openSink } from './sink/open.ts';
import { listInputFiles } from './source/files.ts';

export interface ImportHooks {
  env?: NodeJS.ProcessEnv;
  onProgress?: ImportSettings['onProgress'];
  progressEverySeconds?: number;
  /** Called as each file is done, before the next starts. */
  onFile?: (summary: FileSummary) => void;
}

export async function runImport(args: string[], hooks: ImportHooks = {}): Promise<FileSummary[]> {
  const command = parseImportArgs(args, hooks.env);
  const files = listInputFiles(command.paths);
  const sink = await openSink(command.into);
  try {
    return await importFiles(files, command, sink, hooks);
  } finally {
    await sink.close();
  }
}

/** Imports `files` into an open sink, one after the other. */
export async function importFiles(files: readonly string[], command: ImportCommand, sink: SourceSink, hooks: ImportHooks = {}): Promise<FileSummary[]> {
  const summaries: FileSummary[] = [];
  for (const file of files) {
    const summary = await importFile(file, command.mapper, sink, { strict: command.strict, onProgress: hooks.onProgress, progressEverySeconds: hooks.progressEverySeconds });
    summaries.push(summary);
    hooks.onFile?.(summary);
  }
  return summaries;
}
