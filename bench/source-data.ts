/**
 * The benchmark's source databases, generated once into bench/.cache/ and reused. The file name
 * carries a hash of the generator's code, so a changed generator produces a fresh file instead of
 * silently benchmarking stale data.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DemoDataSummary } from '../pipeline/demo-data/generate.ts';
import type { ScaleName } from '../pipeline/demo-data/scales.ts';
import { REPO_ROOT, runWorker } from './children.ts';

export const CACHE_DIR = join(REPO_ROOT, 'bench', '.cache');
const GENERATOR_FILES = [join(REPO_ROOT, 'pipeline', 'demo-data'), join(REPO_ROOT, 'pipeline', 'source', 'tables.ts')];

export interface SourceDatabase {
  scale: ScaleName;
  seed: number;
  path: string;
  bytes: number;
  rowsPerTable: Record<string, number>;
  /** Seconds the generator took when the file was made (possibly by an earlier benchmark run). */
  generationSeconds: number;
  reused: boolean;
  /**
   * Seconds to read the whole file once before the pipeline runs, so every timed run starts with it
   * in the page cache (this machine reclaims idle page cache, which made the first run's reads cold).
   */
  readSeconds: number;
}

function generatorHash(): string {
  const hash = createHash('sha256');
  const files = GENERATOR_FILES.flatMap((path) =>
    statSync(path).isDirectory()
      ? readdirSync(path)
          .filter((name) => name.endsWith('.ts'))
          .sort()
          .map((name) => join(path, name))
      : [path],
  );
  for (const file of files) hash.update(file).update(readFileSync(file));
  return hash.digest('hex').slice(0, 12);
}

/** Returns the cached source database of this scale and seed, generating it (in a child process) when absent. */
export async function ensureSourceDatabase(scale: ScaleName, seed: number): Promise<SourceDatabase> {
  mkdirSync(CACHE_DIR, { recursive: true });
  const prefix = `source-${scale}-seed${seed}-`;
  const path = join(CACHE_DIR, `${prefix}${generatorHash()}.sqlite`);
  const summaryPath = `${path}.json`;
  if (existsSync(path) && existsSync(summaryPath)) {
    const summary = JSON.parse(readFileSync(summaryPath, 'utf8')) as DemoDataSummary;
    return { scale, seed, path, bytes: statSync(path).size, rowsPerTable: summary.rowsPerTable, generationSeconds: summary.seconds, reused: true, readSeconds: readWholeFile(path) };
  }
  removeStaleFiles(prefix);
  const { result } = await runWorker<DemoDataSummary>('generate', { out: path, scale, seed }, `generate ${scale}`);
  writeFileSync(summaryPath, `${JSON.stringify(result, null, 2)}\n`);
  return { scale, seed, path, bytes: result.bytes, rowsPerTable: result.rowsPerTable, generationSeconds: result.seconds, reused: false, readSeconds: readWholeFile(path) };
}

/** Files of earlier generator versions (and what was derived from them) are only disk space. */
function removeStaleFiles(prefix: string): void {
  for (const name of readdirSync(CACHE_DIR).filter((file) => file.startsWith(prefix))) rmSync(join(CACHE_DIR, name), { force: true });
}

function readWholeFile(path: string): number {
  const started = performance.now();
  const buffer = Buffer.allocUnsafe(8 * 1024 * 1024);
  const fd = openSync(path, 'r');
  try {
    while (readSync(fd, buffer, 0, buffer.length, null) > 0);
  } finally {
    closeSync(fd);
  }
  return (performance.now() - started) / 1000;
}
