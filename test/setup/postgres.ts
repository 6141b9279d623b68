/**
 * vitest globalSetup: one PostgreSQL server for the whole run (see src/db/postgres/test-server.ts);
 * tests reach it through `inject('postgresUrl')` and test/fixtures/backends.ts.
 */
import type { TestProject } from 'vitest/node';
import { startTestServer } from '../../src/db/postgres/test-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const server = await startTestServer();
  process.stdout.write(`PostgreSQL for tests: ${server.description}\n`);
  project.provide('postgresUrl', server.url);
  return () => server.stop();
}
