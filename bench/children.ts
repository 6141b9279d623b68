/**
 * Child processes of the benchmark: TypeScript entry points run by the current Node with tsx, so the
 * measured process is the program itself (no npx or shell in between whose memory we would read).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { WorkerTask } from './worker.ts';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Spawns a child that does not outlive the benchmark, even when the benchmark fails. */
export function spawnTypeScript(script: string, args: string[], env: NodeJS.ProcessEnv = process.env): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const killChild = () => child.kill();
  process.once('exit', killChild);
  child.once('exit', () => process.off('exit', killChild));
  return child;
}

/** Keeps the end of what a child wrote to stderr; its last line names the problem when it fails. */
export function collectStderrTail(child: ChildProcess, echoPrefix?: string): () => string {
  let tail = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    if (echoPrefix !== undefined) process.stderr.write(chunk.replace(/^(?=.)/gm, echoPrefix));
    tail = (tail + chunk).slice(-2000);
  });
  return () => tail.trim().split('\n').at(-1) ?? '';
}

export interface WorkerOutcome<Result> {
  result: Result;
  /** Peak resident set size of the worker process (getrusage maxrss). */
  peakRssBytes: number;
  /** Wall time from spawn to exit, including Node and tsx start-up. */
  wallSeconds: number;
}

/**
 * Runs one task of bench/worker.ts in its own process; rejects with the child's last error lines, or
 * after stopping it when it has not finished within `timeoutSeconds`.
 */
export function runWorker<Result>(task: WorkerTask, input: unknown, label: string, timeoutSeconds?: number): Promise<WorkerOutcome<Result>> {
  const started = performance.now();
  const child = spawnTypeScript('bench/worker.ts', [task, JSON.stringify(input)]);
  const stderrTail = collectStderrTail(child, `    [${label}] `);
  let stdout = '';
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => (stdout += chunk));
  let timedOut = false;
  const stopLate = () => {
    timedOut = true;
    child.kill();
  };
  const timer = timeoutSeconds === undefined ? undefined : setTimeout(stopLate, timeoutSeconds * 1000);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const wallSeconds = (performance.now() - started) / 1000;
      if (timedOut) {
        reject(new Error(`${label} did not finish within ${timeoutSeconds!.toFixed(0)} s and was stopped`));
        return;
      }
      if (code !== 0) {
        reject(new Error(`${label} failed (${signal ?? `exit code ${code}`}): ${stderrTail() || 'no error output'}`));
        return;
      }
      const lastLine = stdout.trim().split('\n').at(-1) ?? '';
      const { result, peakRssBytes } = JSON.parse(lastLine) as { result: Result; peakRssBytes: number };
      resolve({ result, peakRssBytes, wallSeconds });
    });
  });
}
