/**
 * The sources of a run, checked before anything opens them: each is read once however it is named
 * (a file as `S`, `./S`, a symbolic or hard link; a PostgreSQL schema by any URL of its server,
 * database and schema), and never the app database, which the run writes while it reads its sources.
 */
import { existsSync, statSync, type Stats } from 'node:fs';
import { parsePostgresUrl, isPostgresUrl } from '../../src/db/postgres/url.ts';
import { fileSystemReason } from '../../src/db/sqlite/app-database-path.ts';
import { SourceContractError, sourceName } from './contract.ts';

const fileIdentity = (stats: Stats) => `file:${stats.dev}:${stats.ino}`;

function postgresIdentity(url: string): string {
  const { connectionString, schema } = parsePostgresUrl(url);
  const { hostname, port, pathname } = new URL(connectionString);
  return `postgres://${hostname.toLowerCase()}:${port || '5432'}${pathname}#${schema}`;
}

/** A source file's identity; throws SourceContractError naming what is wrong with it. */
function sourceFileIdentity(path: string): string {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch (error) {
    throw new SourceContractError(`cannot read source database ${path}: ${fileSystemReason(error)}`);
  }
  if (stats.isDirectory()) throw new SourceContractError(`source database ${path} is a directory, not a file`);
  if (!stats.isFile()) throw new SourceContractError(`source database ${path} is not a regular file`);
  return fileIdentity(stats);
}

/** The app database's identity, or null where there is none yet (its own check names any problem with the path). */
function appDatabaseIdentity(location: string): string | null {
  if (isPostgresUrl(location)) return postgresIdentity(location);
  try {
    return fileIdentity(statSync(location));
  } catch {
    return null;
  }
}

/** The distinct sources in the order first named; throws SourceContractError naming the problem. */
export function distinctSources(sources: readonly string[], appDbLocation: string): string[] {
  if (sources.length === 0) throw new SourceContractError('no source database given (use --source <file>)');
  const missing = sources.filter((source) => !isPostgresUrl(source) && !existsSync(source));
  if (missing.length > 0) throw new SourceContractError(`source database not found: ${missing.join(', ')}`);
  const appDb = appDatabaseIdentity(appDbLocation);
  const distinct = new Map<string, string>();
  for (const source of sources) {
    const identity = isPostgresUrl(source) ? postgresIdentity(source) : sourceFileIdentity(source);
    if (identity === appDb) {
      throw new SourceContractError(
        `source database ${sourceName(source)} is also the app database ${sourceName(appDbLocation)}: give the pipeline a separate --db`,
      );
    }
    if (!distinct.has(identity)) distinct.set(identity, source);
  }
  return [...distinct.values()];
}
