/**
 * api.md "Access control", "When it applies": a server without authentication listens on loopback
 * only unless anonymous access is allowed; subscriptions (server-sent events) are authenticated
 * like queries, through a real HTTP server and the graphql-sse client; /health needs nothing.
 * Servers here listen on 127.0.0.1 only: acceptance on other addresses is checked on the decision itself.
 */
import { createClient, NetworkError } from 'graphql-sse';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { finishRun, startRun } from '../../pipeline/run-log.ts';
import { createApiKey } from '../../src/auth/api-keys.ts';
import { accessLines, assertSafeExposure, isLoopbackHost } from '../../src/auth/exposure.ts';
import { startServer, type Api } from '../../src/server.ts';
import { BACKENDS, freshPostgresUrl, type Backend } from '../fixtures/backends.ts';

const dir = mkdtempSync(join(tmpdir(), 'exposure-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const freshAppDb = (backend: Backend) => (backend === 'postgres' ? freshPostgresUrl('exposure') : Promise.resolve(join(dir, `app-${++files}.sqlite`)));

/** Keys are read at most a second late (ApiKeyVerifier): wait for the new key to count, within 2 s. */
async function untilAuthRequired(api: Api) {
  const deadline = Date.now() + 2000;
  while (!(await api.auth.required())) {
    if (Date.now() > deadline) throw new Error('authentication did not turn on within 2 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('where a server without authentication may listen', () => {
  it('loopback addresses are 127.0.0.0/8, ::1, localhost (and IPv4-mapped loopback); others are not', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1']) expect(isLoopbackHost(host)).toBe(true);
    for (const host of ['0.0.0.0', '::', '192.168.1.10', '10.0.0.1', 'example.com', '::ffff:10.0.0.1', '128.0.0.1']) expect(isLoopbackHost(host)).toBe(false);
  });

  it('any other address is refused in one line saying how to add a key, unless authentication is on or anonymous access is allowed', () => {
    const refusal =
      'refusing to serve without authentication on 0.0.0.0: create a key first (npm run keys -- create --name NAME --role viewer --db postgres://admin:***@db/app), ' +
      'or set AUTH_JWKS_URL, or pass --allow-anonymous (ALLOW_ANONYMOUS=1) if anonymous access is meant';
    const dbPath = 'postgres://admin:S3cretPW@db/app';
    expect(() => assertSafeExposure({ host: '0.0.0.0', authRequired: false, allowAnonymous: false, dbPath })).toThrow(refusal);
    expect(() => assertSafeExposure({ host: '0.0.0.0', authRequired: true, allowAnonymous: false, dbPath })).not.toThrow();
    expect(() => assertSafeExposure({ host: '0.0.0.0', authRequired: false, allowAnonymous: true, dbPath })).not.toThrow();
    expect(() => assertSafeExposure({ host: '127.0.0.1', authRequired: false, allowAnonymous: false, dbPath })).not.toThrow();
  });
});

describe('start-up lines', () => {
  it('a generated PIPELINE_TOKEN is printed on loopback only; a configured one never', () => {
    const onLoopback = accessLines({ host: '127.0.0.1', authRequired: false, generatedToken: 'gen-token-1' });
    expect(onLoopback).toEqual([
      'Access: anonymous readers (no API key exists yet: npm run keys -- create …)',
      'runPipeline token (generated; set PIPELINE_TOKEN to choose one): gen-token-1',
      '  in GraphiQL, open Headers and add: {"Authorization": "Bearer gen-token-1"}',
      '  on the dashboard page, paste it into the pipeline token field',
    ]);
    const offLoopback = accessLines({ host: '0.0.0.0', authRequired: true, generatedToken: 'gen-token-1' });
    expect(offLoopback).toEqual([
      'Access: every request needs a credential (API key, JWT or PIPELINE_TOKEN; README "Access control")',
      'runPipeline: the generated token is not printed off loopback; use an operator key (npm run keys) or set PIPELINE_TOKEN',
    ]);
    expect(accessLines({ host: '127.0.0.1', authRequired: true, generatedToken: null })).toEqual([
      'Access: every request needs a credential (API key, JWT or PIPELINE_TOKEN; README "Access control")',
    ]);
  });
});

describe.each(BACKENDS)('[%s]', (backend) => {
  it('startServer refuses 0.0.0.0 without a key before listening; with a key the same check lets it through', async () => {
    const dbPath = await freshAppDb(backend);
    await expect(startServer({ dbPath, port: 0, host: '0.0.0.0' })).rejects.toThrow(/^refusing to serve without authentication on 0\.0\.0\.0: create a key first/);
    const running = await startServer({ dbPath, port: 0, host: '127.0.0.1' });
    try {
      await createApiKey(running.api.database.db, { name: 'reader', role: 'viewer', expiresAt: null });
      await untilAuthRequired(running.api);
      const authRequired = await running.api.auth.required();
      expect(() => assertSafeExposure({ host: '0.0.0.0', authRequired, allowAnonymous: false, dbPath })).not.toThrow();
    } finally {
      await running.close();
    }
  });

  it('subscriptions need a credential like queries (graphql-sse client and a plain event-stream GET); /health never does', async () => {
    const dbPath = await freshAppDb(backend);
    const running = await startServer({ dbPath, port: 0, host: '127.0.0.1' });
    try {
      const { db } = running.api.database;
      const key = await createApiKey(db, { name: 'watcher', role: 'viewer', expiresAt: null });
      const runId = await startRun(db, { sources: ['source.sqlite'], asOf: null, timezone: 'UTC', eventNames: {} });
      await finishRun(db, runId, { status: 'failed', error: 'the source is missing' });
      await untilAuthRequired(running.api);
      const query = `subscription { pipelineRunProgress(id: ${runId}) { id status error } }`;
      const follow = (headers: Record<string, string>) =>
        new Promise<unknown[]>((resolve, reject) => {
          const events: unknown[] = [];
          const client = createClient({ url: running.url, headers, retryAttempts: 0 });
          client.subscribe({ query }, { next: (event) => events.push(event), error: reject, complete: () => resolve(events) });
        });

      await expect(follow({})).rejects.toSatisfy((error) => error instanceof NetworkError && error.response?.status === 401);
      await expect(follow({ authorization: 'Bearer amk_0123456789ab_wrong' })).rejects.toSatisfy(
        (error) => error instanceof NetworkError && error.response?.status === 401,
      );
      expect(await follow({ authorization: `Bearer ${key}` })).toEqual([{ data: { pipelineRunProgress: { id: String(runId), status: 'failed', error: 'the source is missing' } } }]);

      const url = new URL(running.url);
      url.searchParams.set('query', query);
      const plain = await fetch(url, { headers: { accept: 'text/event-stream' } });
      expect(plain.status).toBe(401);
      expect(await plain.json()).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
      const health = await fetch(new URL('/health', running.url));
      expect(health.status).toBe(200);
    } finally {
      await running.close();
    }
  });
});
