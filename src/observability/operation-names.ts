/**
 * The operation names a metric label may take (api.md "Operations", Metrics): the operations of the
 * dashboard page and GraphiQL's examples (src/operations/*.graphql); any other name is `other`, so a
 * client cannot grow the label set.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const OPERATIONS_DIR = fileURLToPath(new URL('../operations', import.meta.url));

export const OTHER_OPERATION = 'other';

function knownOperationNames(): ReadonlySet<string> {
  const names = readdirSync(OPERATIONS_DIR)
    .filter((file) => file.endsWith('.graphql'))
    .flatMap((file) => [...readFileSync(`${OPERATIONS_DIR}/${file}`, 'utf8').matchAll(/^(?:query|mutation|subscription)\s+(\w+)/gm)])
    .map((match) => match[1]!);
  return new Set(names);
}

const KNOWN = knownOperationNames();

/** The metric label of an operation name: itself when it is one of ours, else `other`. */
export const operationLabel = (name: string | null | undefined): string => (name && KNOWN.has(name) ? name : OTHER_OPERATION);

/** Every label value operationLabel can give. */
export const operationLabels = (): string[] => [...KNOWN, OTHER_OPERATION];
