/**
 * `npm run print-schema` rewrites schema.graphql from the code; with `--check` it only reports
 * (exit code 1) whether the file is stale.
 */
import { printSchema } from 'graphql';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseFlags, runCommand } from '../config.ts';
import { schema } from './index.ts';

const SCHEMA_FILE = fileURLToPath(new URL('../../schema.graphql', import.meta.url));

await runCommand(() => {
  const { check } = parseFlags(process.argv.slice(2), { check: { type: 'boolean', default: false } });
  const printed = `${printSchema(schema)}\n`;
  if (!check) {
    writeFileSync(SCHEMA_FILE, printed);
    process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
  } else if (readFileSync(SCHEMA_FILE, 'utf8') !== printed) {
    throw new Error('schema.graphql is stale: run `npm run print-schema`');
  }
});
