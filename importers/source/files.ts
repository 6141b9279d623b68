/**
 * The source stage: the files named on the command line, folders read recursively, in name order.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../../src/config.ts';

/** Export files inside folders; a file named on the command line is read whatever its name. */
const EXPORT_FILE = /\.(json|jsonl|ndjson|csv|xlsx)(\.gz)?$/i;

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function listInputFiles(paths: readonly string[]): string[] {
  if (paths.length === 0) throw new UsageError('no export files given');
  return paths.flatMap((path) => {
    let stats;
    try {
      stats = statSync(path);
    } catch {
      throw new UsageError(`no such file or folder: ${path}`);
    }
    return stats.isDirectory() ? filesInFolder(path) : [path];
  });
}

function filesInFolder(folder: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => byCodePoint(a.name, b.name))) {
    if (entry.name.startsWith('.')) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) files.push(...filesInFolder(path));
    else if (entry.isFile() && EXPORT_FILE.test(entry.name)) files.push(path);
  }
  return files;
}
