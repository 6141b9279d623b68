/** Import tests: export files written by hand into a temporary folder, imported, the tables read back. */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { runImport, type ImportHooks } from '../../importers/command.ts';
import type { FileSummary } from '../../importers/run.ts';
import { useTempDir } from '../fixtures/source-db.ts';

/** JSON lines from objects, or from raw text lines (to write numbers a double cannot hold). */
export const jsonLines = (...records: (object | string)[]) => records.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n';

export interface ImportRun {
  summaries: FileSummary[];
  dir: string;
  into: string;
  /** Rows of a query on the imported database. */
  query<T = Record<string, unknown>>(sql: string, ...params: unknown[]): T[];
  /** Imports again into the same database. */
  again(kind: string, files: string[], args?: string[], hooks?: ImportHooks): Promise<FileSummary[]>;
}

export function importHarness() {
  const tempDir = useTempDir('import-test-');
  /** Writes `files` (name → text or bytes; `.gz` names are gzipped) into a fresh folder and imports them. */
  return async function importFiles(
    kind: string,
    files: Record<string, string | Uint8Array>,
    args: string[] = [],
    hooks: ImportHooks = {},
  ): Promise<ImportRun> {
    const dir = tempDir();
    mkdirSync(join(dir, 'exports'));
    for (const [name, content] of Object.entries(files)) {
      const path = join(dir, 'exports', name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, name.endsWith('.gz') ? gzipSync(content) : content);
    }
    const into = join(dir, 'source.sqlite');
    const again = (againKind: string, paths: string[], againArgs: string[] = [], againHooks: ImportHooks = {}) =>
      runImport([againKind, ...paths.map((p) => join(dir, 'exports', p)), '--into', into, ...againArgs], { env: {}, ...againHooks });
    const summaries = await again(kind, ['.'], args, hooks);
    return {
      summaries,
      dir,
      into,
      query: <T,>(sql: string, ...params: unknown[]) => {
        const db = new Database(into, { readonly: true });
        try {
          return db.prepare(sql).all(...params) as T[];
        } finally {
          db.close();
        }
      },
      again,
    };
  };
}

/** The one summary of a single-file import, with its skip counts as plain objects. */
export function only(summaries: FileSummary[]) {
  if (summaries.length !== 1) throw new Error(`expected one file, got ${summaries.length}`);
  const summary = summaries[0]!;
  return {
    ...summary,
    filtered: Object.fromEntries(summary.filtered),
    malformed: Object.fromEntries([...summary.malformed].map(([reason, skip]) => [reason, skip.count])),
    examples: Object.fromEntries([...summary.malformed].map(([reason, skip]) => [reason, skip.examples.map((e) => e.slice(e.lastIndexOf('/') + 1))])),
  };
}

/** Runs a TypeScript command-line entry point (e.g. `importers/cli.ts`) as npm would, from the repository root. */
export function runScript(script: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
