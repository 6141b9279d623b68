/**
 * npm run demo-data -- --out FILE [--scale small|demo|large] [--seed N]
 * Writes a deterministic demo source database and prints a one-line summary.
 */
import { UsageError, parseFlags, runCommand } from '../../src/config.ts';
import { generateDemoData } from './generate.ts';
import { SCALE_NAMES, isScaleName } from './scales.ts';

const USAGE = `usage: npm run demo-data -- --out FILE [--scale ${SCALE_NAMES.join('|')}] [--seed N]`;

function parseDemoDataArgs(args: string[]) {
  const flags = parseFlags(args, {
    out: { type: 'string' },
    scale: { type: 'string', default: 'demo' },
    seed: { type: 'string', default: '1' },
  });
  if (!flags.out) throw new UsageError(`missing --out FILE (${USAGE})`);
  if (!isScaleName(flags.scale)) throw new UsageError(`unknown --scale "${flags.scale}" (use ${SCALE_NAMES.join(', ')})`);
  if (!/^\d+$/.test(flags.seed) || Number(flags.seed) > 0xffffffff) {
    throw new UsageError(`--seed must be an integer from 0 to 4294967295, got "${flags.seed}"`);
  }
  return { out: flags.out, scale: flags.scale, seed: Number(flags.seed) };
}

await runCommand(() => {
  const options = parseDemoDataArgs(process.argv.slice(2));
  const { seconds, rowsPerTable, bytes } = generateDemoData(options);
  const rows = Object.entries(rowsPerTable)
    .map(([table, count]) => `${table} ${count.toLocaleString('en-US')}`)
    .join(', ');
  const size = `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  process.stdout.write(`wrote ${options.out} (scale ${options.scale}, seed ${options.seed}) in ${seconds.toFixed(1)} s, ${size}: ${rows}\n`);
});
