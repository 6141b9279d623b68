/** SQL fragments shared by the pipeline steps (the ones that differ by backend are in src/db/dialect.ts). */
import type { Dialect } from '../src/db/dialect.ts';

/** An id column as the rules see it: NULL or blank means "no id" (M8). */
export const entityId = (dialect: Dialect, expr: string) => `NULLIF(${dialect.trim(expr)}, '')`;

/** A SQL string literal. */
export const literal = (value: string) => `'${value.replaceAll("'", "''")}'`;
