/**
 * npm run import -- <kind> <file or folder>… --into <source database> [options]
 * Loads Meta and Mixpanel export files into the source tables; one summary line per file.
 */
import { runCommand } from '../src/config.ts';
import { parseImportArgs } from './options.ts';
import { progressLine, summaryLine } from './report.ts';
import { importFile } from './run.ts';
import { openSink } from './sink/open.ts';
import { listInputFiles } from './source/files.ts';

await runCommand(async () => {
  const command = parseImportArgs(process.argv.slice(2));
  const files = listInputFiles(command.paths);
  const sink = await openSink(command.into);
  let failedFiles = 0;
  try {
    for (const file of files) {
      const summary = await importFile(file, command.mapper, sink, {
        strict: command.strict,
        onProgress: (name, records, seconds) => process.stderr.write(`${progressLine(name, records, seconds)}\n`),
      });
      if (summary.error !== undefined) failedFiles++;
      process.stdout.write(`${summaryLine(summary)}\n`);
    }
  } finally {
    await sink.close();
  }
  if (failedFiles > 0) throw new Error(`${failedFiles} of ${files.length} files not imported (see above)`);
});
