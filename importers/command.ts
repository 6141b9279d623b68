/** `npm run import` as a function: the command line in, one summary per file out (the CLI prints them). */
import { parseImportArgs } from './options.ts';
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
  const summaries: FileSummary[] = [];
  try {
    for (const file of files) {
      const summary = await importFile(file, command.mapper, sink, { strict: command.strict, onProgress: hooks.onProgress, progressEverySeconds: hooks.progressEverySeconds });
      summaries.push(summary);
      hooks.onFile?.(summary);
    }
  } finally {
    await sink.close();
  }
  return summaries;
}
