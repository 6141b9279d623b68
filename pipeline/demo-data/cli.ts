/**
 * npm run demo-data -- --out FILE|POSTGRES_URL [--scale small|demo|large] [--seed N]
 * Writes a deterministic demo source database (an SQLite file, or the source tables in a
 * PostgreSQL schema) and prints a one-line summary.
 */
import { UsageError, parseFlags, runCommand } from '../../src/config.ts';
import { isPostgresUrl, parsePostgresUrl } from '../../src/db/postgres/url.ts';
import { generateDemoData } from './generate.ts';
import { generateDemoDataToPostgres } from './to-postgres.ts';
import { SCALE_NAMES, isScaleName } from './scales.ts';

const USAGE = `usage: npm run demo-data -- --out FILE|postgres://…[?schema=NAME] [--scale ${SCALE_NAMES.join('|')}] [--seed N]`;

function parseDemoDataArgs(args: string[]) {
  const flags = parseFlags(args, {
    out: { type: 'string' },
    scale: { type: 'string', default: 'demo' },
    seed: { type: 'string', default: '1' },
  });
  if (!flags.out) throw new UsageError(`missing --out FILE or PostgreSQL URL (${USAGE})`);
  if (!isScaleName(flags.scale)) throw new UsageError(`unknown --scale "${flags.scale}" (use ${SCALE_NAMES.join(', ')})`);
  if (!/^\d+$/.test(flags.seed) || Number(flags.seed) > 0xffffffff) {
    throw new UsageError(`--seed must be an integer from 0 to 4294967295, got "${flags.seed}"`);
  }
  return { out: flags.out, scale: flags.scale, seed: Number(flags.seed) };
}

await runCommand(async () => {
  const options = parseDemoDataArgs(process.argv.slice(2));
  const toPostgres = isPostgresUrl(options.out);
  const { seconds, rowsPerTable, bytes } = toPostgres ? await generateDemoDataToPostgres(options) : generateDemoData(options);
  const rows = Object.entries(rowsPerTable)
    .map(([table, count]) => `${table} ${count.toLocaleString('en-US')}`)
    .join(', ');
  const size = `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  const where = toPostgres ? parsePostgresUrl(options.out).display : options.out;
  process.stdout.write(`wrote ${where} (scale ${options.scale}, seed ${options.seed}) in ${seconds.toFixed(1)} s, ${size}: ${rows}\n`);
});
