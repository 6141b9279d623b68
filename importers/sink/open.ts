/** The sink an `--into` names: an SQLite file, or (once the PostgreSQL backend is there) a PostgreSQL URL. */
import { UsageError } from '../../src/config.ts';
import type { SourceSink } from './sink.ts';
import { SqliteSink } from './sqlite.ts';

const POSTGRES_URL = /^postgres(ql)?:\/\//i;

export async function openSink(into: string): Promise<SourceSink> {
  if (POSTGRES_URL.test(into)) {
    throw new UsageError('--into a PostgreSQL URL is not supported by this build yet: import into an SQLite file');
  }
  return SqliteSink.open(into);
}
