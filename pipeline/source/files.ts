/**
 * The source files of a run, checked before anything opens them: each file is read once however
 * it is named (`S`, `./S`, a symbolic or hard link), and never the app database, which the run
 * writes while it reads its sources.
 */
import { statSync, type Stats } from 'node:fs';
import { fileSystemReason } from '../../src/db/sqlite/app-database-path.ts';
import { SourceContractError } from './contract.ts';

const fileIdentity = (stats: Stats) => `${stats.dev}:${stats.ino}`;

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new SourceContractError(`cannot read source database ${path}: ${fileSystemReason(error)}`);
  }
}

/** The app database's file, or null where there is none (its own check names any problem with the path). */
function appDatabaseFile(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/** The distinct source files in the order first named; throws SourceContractError naming the problem. */
export function distinctSourceFiles(paths: readonly string[], appDbPath: string): string[] {
  if (paths.length === 0) throw new SourceContractError('no source database given (use --source <file>)');
  const stats = paths.map((path) => ({ path, stats: statOrNull(path) }));
  const missing = stats.filter((file) => file.stats === null).map((file) => file.path);
  if (missing.length > 0) throw new SourceContractError(`source database not found: ${missing.join(', ')}`);
  const appDb = appDatabaseFile(appDbPath);
  const files = new Map<string, string>();
  for (const { path, stats: file } of stats as { path: string; stats: Stats }[]) {
    if (file.isDirectory()) throw new SourceContractError(`source database ${path} is a directory, not a file`);
    if (!file.isFile()) throw new SourceContractError(`source database ${path} is not a regular file`);
    if (appDb !== null && fileIdentity(appDb) === fileIdentity(file)) {
      throw new SourceContractError(`source database ${path} is also the app database ${appDbPath}: give the pipeline a separate --db file`);
    }
    if (!files.has(fileIdentity(file))) files.set(fileIdentity(file), path);
  }
  return [...files.values()];
}
