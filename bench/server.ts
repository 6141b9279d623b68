/** The API server under test, in its own process, on a free local port. */
import { createServer } from 'node:net';
import { collectStderrTail, spawnTypeScript } from './children.ts';

export interface RunningServer {
  baseUrl: string;
  /** The server process, e.g. to read its memory. */
  pid: number;
  /** How the process ended (signal or exit code), or null while it runs. */
  exited(): string | null;
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';
const READY_TIMEOUT_MS = 60_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, HOST, () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}

/** @param env extra environment of the server process, e.g. `HEAVY_QUERY_SLOTS: '0'` */
export async function startServer(appDbPath: string, env: Record<string, string> = {}): Promise<RunningServer> {
  const port = await freePort();
  const child = spawnTypeScript('src/serve.ts', ['--db', appDbPath, '--port', String(port), '--host', HOST], { ...process.env, ...env });
  const stderrTail = collectStderrTail(child);
  child.stdout?.resume(); // the start-up banner is not needed; keep the pipe drained
  let exited: string | null = null;
  const exitedPromise = new Promise<void>((resolve) =>
    child.on('exit', (code, signal) => {
      exited = signal ?? `exit code ${code}`;
      resolve();
    }),
  );
  const baseUrl = `http://${HOST}:${port}`;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!(await isHealthy(baseUrl))) {
    if (exited !== null) throw new Error(`API server exited before serving (${exited}): ${stderrTail() || 'no error output'}`);
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`API server did not answer GET /health with 200 within ${READY_TIMEOUT_MS / 1000} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    baseUrl,
    pid: child.pid!,
    exited: () => exited,
    stop: async () => {
      if (exited === null) child.kill('SIGTERM');
      await exitedPromise;
    },
  };
}

async function isHealthy(baseUrl: string): Promise<boolean> {
  try {
    return (await fetch(`${baseUrl}/health`)).status === 200;
  } catch {
    return false;
  }
}
