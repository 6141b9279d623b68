/**
 * api.md "Access control" through the API: every credential kind (API key, PIPELINE_TOKEN,
 * anonymous while authentication is off; JWTs in jwt.test.ts), both roles, what a bad or missing
 * credential gets, expiry, last use, and revocation seen by a second API on the same database
 * within 2 s — on SQLite and PostgreSQL app databases.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApiKey, revokeApiKey } from '../../src/auth/api-keys.ts';
import { openAppDatabase } from '../../src/db/app-database.ts';
import { createApi, type Api } from '../../src/server.ts';
import { BACKENDS, freshPostgresUrl, type Backend } from '../fixtures/backends.ts';
import { waitUntil } from '../fixtures/wait.ts';

const TOKEN = 'pipeline-token-0123456789';
const READ = '{ pipelineRuns(last: 1) { id } }';
const RUN = 'mutation { runPipeline { id } }';

const dir = mkdtempSync(join(tmpdir(), 'access-control-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
const freshAppDb = (backend: Backend) => (backend === 'postgres' ? freshPostgresUrl('access') : Promise.resolve(join(dir, `app-${++files}.sqlite`)));

interface Answer {
  status: number;
  codes: string[];
  body: { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
}

async function ask(api: Api, query: string, authorization?: string): Promise<Answer> {
  const response = await api.yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization === undefined ? {} : { authorization }) },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as Answer['body'];
  return { status: response.status, codes: (body.errors ?? []).map((error) => error.extensions?.code ?? '?'), body };
}

/** Keys are made by another process in real use: here by a connection of its own. */
async function withOtherConnection<T>(dbPath: string, work: (db: Awaited<ReturnType<typeof openAppDatabase>>['db']) => Promise<T>): Promise<T> {
  const database = await openAppDatabase(dbPath);
  try {
    return await work(database.db);
  } finally {
    await database.close();
  }
}

/** Polls until `check` holds; returns the milliseconds it took (fails past `limitMs`). */
async function within(limitMs: number, check: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  await waitUntil(`a change seen within ${limitMs} ms`, check, (holds) => holds, { timeoutMs: limitMs, intervalMs: 50 });
  return Date.now() - started;
}

describe.each(BACKENDS)('[%s]', (backend) => {
  it('without keys or JWKS: anonymous readers are served, runPipeline needs a credential, a bad credential gets HTTP 401', async () => {
    const api = await createApi({ dbPath: await freshAppDb(backend), pipelineToken: TOKEN });
    try {
      expect(await api.auth.required()).toBe(false);
      const read = await ask(api, READ);
      expect([read.status, read.codes, read.body.data]).toEqual([200, [], { pipelineRuns: [] }]);
      const anonymousRun = await ask(api, RUN);
      expect(anonymousRun.codes).toEqual(['UNAUTHENTICATED']);
      expect(anonymousRun.body.data).toBeNull();
      // PIPELINE_TOKEN is an operator credential: past authorisation, the missing source is what stops it.
      expect((await ask(api, RUN, `Bearer ${TOKEN}`)).codes).toEqual(['PIPELINE_NOT_CONFIGURED']);
      for (const bad of ['Bearer wrong', `Basic ${TOKEN}`, TOKEN, 'Bearer amk_000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA']) {
        const answer = await ask(api, READ, bad);
        expect([answer.status, answer.codes, answer.body.data]).toEqual([401, ['UNAUTHENTICATED'], null]);
      }
    } finally {
      await api.close();
    }
  });

  it('once a key exists (made elsewhere) authentication turns on within 2 s; viewer reads, operator runs, viewer runPipeline is FORBIDDEN', async () => {
    const dbPath = await freshAppDb(backend);
    const api = await createApi({ dbPath, pipelineToken: TOKEN });
    try {
      expect((await ask(api, READ)).status).toBe(200);
      const [viewer, operator] = await withOtherConnection(dbPath, async (db) => [
        await createApiKey(db, { name: 'dashboard', role: 'viewer', expiresAt: null }),
        await createApiKey(db, { name: 'ops@example.com', role: 'operator', expiresAt: null }),
      ]);
      expect(viewer).toMatch(/^amk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
      expect(await within(2000, async () => (await ask(api, READ)).status === 401)).toBeLessThanOrEqual(2000);
      const missing = await ask(api, READ);
      expect([missing.status, missing.codes, missing.body.errors![0]!.message]).toEqual([
        401,
        ['UNAUTHENTICATED'],
        'This API needs a credential: send "Authorization: Bearer <API key or token>".',
      ]);

      for (const scheme of ['Bearer', 'bearer', 'BEARER']) {
        const read = await ask(api, READ, `${scheme} ${viewer}`);
        expect([read.status, read.codes]).toEqual([200, []]);
      }
      const forbidden = await ask(api, RUN, `Bearer ${viewer}`);
      expect(forbidden.codes).toEqual(['FORBIDDEN']);
      expect(forbidden.body.errors![0]!.message).toBe('runPipeline needs the operator role; "dashboard" is a viewer.');
      expect((await ask(api, RUN, `Bearer ${operator}`)).codes).toEqual(['PIPELINE_NOT_CONFIGURED']);
      expect((await ask(api, READ, `Bearer ${operator}`)).codes).toEqual([]);
      expect((await ask(api, RUN, `Bearer ${TOKEN}`)).codes).toEqual(['PIPELINE_NOT_CONFIGURED']);

      // The same id with another secret, and a key with one character changed, are unknown keys.
      const forged = `${viewer.slice(0, 18)}${'A'.repeat(43)}`;
      const altered = `${viewer.slice(0, -1)}${viewer.endsWith('A') ? 'B' : 'A'}`;
      for (const key of [forged, altered]) {
        const answer = await ask(api, READ, `Bearer ${key}`);
        expect([answer.status, answer.codes, answer.body.errors![0]!.message]).toEqual([401, ['UNAUTHENTICATED'], 'The credential was not accepted: unknown API key.']);
      }
    } finally {
      await api.close();
    }
  });

  it('an expired key is refused; last_used_at is written on first use and not again within the minute', async () => {
    const dbPath = await freshAppDb(backend);
    const api = await createApi({ dbPath, pipelineToken: TOKEN });
    try {
      const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
      const key = await createApiKey(api.database.db, { name: 'temp', role: 'viewer', expiresAt: `${tomorrow}T00:00:00.000Z` });
      const lastUsed = async () => (await api.database.db.get<{ at: string | null }>(`SELECT last_used_at AS at FROM api_keys WHERE name = 'temp'`))!.at;
      expect(await lastUsed()).toBeNull();
      const before = new Date().toISOString();
      expect((await ask(api, READ, `Bearer ${key}`)).status).toBe(200);
      await within(2000, async () => (await lastUsed()) !== null);
      const first = (await lastUsed())!;
      expect(first >= before && first <= new Date().toISOString()).toBe(true);
      for (let i = 0; i < 3; i++) expect((await ask(api, READ, `Bearer ${key}`)).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await lastUsed()).toBe(first);

      const past = new Date(Date.now() - 1000).toISOString();
      await api.database.db.run(`UPDATE api_keys SET expires_at = ? WHERE name = 'temp'`, [past]);
      await within(2000, async () => (await ask(api, READ, `Bearer ${key}`)).status === 401);
      const expired = await ask(api, READ, `Bearer ${key}`);
      expect(expired.body.errors![0]!.message).toBe(`The credential was not accepted: the API key "temp" expired at ${past}.`);
    } finally {
      await api.close();
    }
  });

  it('a key revoked elsewhere is refused by two APIs on the same database within 2 s', async () => {
    const dbPath = await freshAppDb(backend);
    const key = await withOtherConnection(dbPath, (db) => createApiKey(db, { name: 'shared', role: 'operator', expiresAt: null }));
    const replicas = [await createApi({ dbPath, pipelineToken: TOKEN }), await createApi({ dbPath, pipelineToken: 'other-token' })];
    try {
      for (const api of replicas) expect((await ask(api, READ, `Bearer ${key}`)).status).toBe(200);
      await withOtherConnection(dbPath, (db) => revokeApiKey(db, 'shared'));
      const revokedAt = Date.now();
      await Promise.all(replicas.map((api) => within(2000, async () => (await ask(api, READ, `Bearer ${key}`)).status === 401)));
      expect(Date.now() - revokedAt).toBeLessThanOrEqual(2000);
      for (const api of replicas) {
        expect((await ask(api, READ, `Bearer ${key}`)).body.errors![0]!.message).toBe('The credential was not accepted: the API key "shared" was revoked.');
      }
      // A revoked key still counts as existing: authentication stays on.
      for (const api of replicas) expect((await ask(api, READ)).status).toBe(401);
    } finally {
      await Promise.all(replicas.map((api) => api.close()));
    }
  });
});
