/** The sink an `--into` names: an SQLite file, or a PostgreSQL URL (`postgres://…[?schema=NAME]`). */
import { isPostgresUrl } from '../../src/db/postgres/url.ts';
import { PostgresSink } from './postgres.ts';
import type { SourceSink } from './sink.ts';
import { SqliteSink } from './sqlite.ts';

export async function openSink(into: string): Promise<SourceSink> {
  return isPostgresUrl(into) ? PostgresSink.open(into) : SqliteSink.open(into);
}
