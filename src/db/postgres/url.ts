/**
 * Database locations (api.md, Storage backends): an SQLite file path, or a PostgreSQL URL
 * `postgres://user:pass@host:port/dbname[?schema=NAME]` (also `postgresql://`).
 */
import { UsageError } from '../../config.ts';
import { redactSecrets } from '../../redact.ts';

export interface PostgresLocation {
  /** The URL as node-postgres takes it: the `schema` parameter removed. */
  connectionString: string;
  /** Where the tables live (search_path); `public` unless the URL names one. */
  schema: string;
  /** The URL without its password, for messages and logs. */
  display: string;
}

const POSTGRES_PROTOCOLS = new Set(['postgres:', 'postgresql:']);
/** Unquoted identifiers only: the schema name is put into SQL text (search_path, qualified names). */
const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

export const isPostgresUrl = (location: string) => /^postgres(ql)?:\/\//i.test(location);

/** Parses a PostgreSQL URL; anything malformed is a UsageError naming the problem. */
export function parsePostgresUrl(location: string): PostgresLocation {
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    throw new UsageError(`invalid PostgreSQL URL ${JSON.stringify(redactSecrets(location))}: expected postgres://user:pass@host:port/dbname[?schema=NAME]`);
  }
  if (!POSTGRES_PROTOCOLS.has(url.protocol.toLowerCase())) {
    throw new UsageError(`invalid PostgreSQL URL ${JSON.stringify(redactSecrets(location))}: it must start with postgres:// or postgresql://`);
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!database) throw new UsageError(`PostgreSQL URL ${JSON.stringify(redactSecrets(location))} names no database (postgres://host/dbname)`);
  const schemas = url.searchParams.getAll('schema');
  if (schemas.length > 1) throw new UsageError(`PostgreSQL URL ${JSON.stringify(redactSecrets(location))} names more than one schema`);
  const schema = schemas[0] ?? 'public';
  if (!SCHEMA_NAME.test(schema)) {
    throw new UsageError(`invalid schema ${JSON.stringify(schema)} in PostgreSQL URL: use letters, digits and _ (not starting with a digit), at most 63`);
  }
  url.searchParams.delete('schema');
  return { connectionString: url.toString(), schema, display: redactSecrets(location) };
}

/** Whether two locations are in one database of one server, so that one connection can join their tables. */
export function sameDatabase(a: PostgresLocation, b: PostgresLocation): boolean {
  const server = (location: PostgresLocation) => {
    const url = new URL(location.connectionString);
    return JSON.stringify([url.hostname.toLowerCase(), url.port || '5432', decodeURIComponent(url.pathname)]);
  };
  return server(a) === server(b);
}
