/** `npm run print-schema`: rewrites schema.graphql from the code (a test fails when it is stale). */
import { printSchema } from 'graphql';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { schema } from './index.ts';

export const SCHEMA_FILE = fileURLToPath(new URL('../../schema.graphql', import.meta.url));

export const printedSchema = () => `${printSchema(schema)}\n`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(SCHEMA_FILE, printedSchema());
  process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
}
