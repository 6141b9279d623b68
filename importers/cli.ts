/**
 * npm run import -- <kind> <file or folder>… --into <source database> [options]
 * Loads Meta and Mixpanel export files into the source tables; one summary line per file.
 */
import { runCommand } from '../src/config.ts';
import { runImport } from './command.ts';
import { progressLine, summaryLine } from './report.ts';

await runCommand(async () => {
  const summaries = await runImport(process.argv.slice(2), {
    onProgress: (file, records, seconds) => process.stderr.write(`${progressLine(file, records, seconds)}\n`),
    onFile: (summary) => process.stdout.write(`${summaryLine(summary)}\n`),
  });
  const failed = summaries.filter((summary) => summary.error !== undefined).length;
  if (failed > 0) throw new Error(`${failed} of ${summaries.length} files not imported (see above)`);
});
