/** schema.graphql freshness, GraphiQL, /health, the HTTP server and the serve command. */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/auth/api-keys.ts';
import { startServer } from '../../src/server.ts';
import { APP_DATA } from './data.ts';
import { createTestApi } from './fixture.ts';

const api = await createTestApi(APP_DATA);
afterAll(() => api.cleanup());

const CODEGEN_CLI = 'node_modules/@graphql-codegen/cli/cjs/bin.js';

/** Runs a TypeScript entry point as `npm run` would, without npm's own output. */
const runTs = (args: string[], env: NodeJS.ProcessEnv = process.env) =>
  promisify(execFile)(process.execPath, ['--import', 'tsx', ...args], { env }).catch(
    (failure: { code: number; stdout: string; stderr: string }) => failure,
  );

describe('schema.graphql', () => {
  // A separate process: vitest would hand this file another copy of `graphql` than Pothos uses.
  it('matches the schema built from the code (run `npm run print-schema` when this fails)', async () => {
    expect(await runTs(['src/schema/print.ts', '--check'])).toMatchObject({ stderr: '' });
  });

  it('the committed typed operations (src/generated) match src/operations and schema.graphql (else `npm run codegen`)', async () => {
    const check = await promisify(execFile)(process.execPath, [CODEGEN_CLI, '--config', 'codegen.ts', '--check']).catch(
      (failure: { code: number; stdout: string }) => failure,
    );
    expect(check).not.toHaveProperty('code');
  });
});

describe('GraphiQL and health', () => {
  it('GraphiQL opens on the dashboard over the last 30 days with data, with the example operations', async () => {
    const response = await api.yoga.fetch('http://localhost/graphql', { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('query Dashboard');
    // last day with data 2024-03-03; 30 days back to 2024-02-03
    expect(html).toContain('2024-02-03');
    for (const operation of ['query Entity', 'query Overview', 'query UserIds', 'query Hierarchy']) {
      expect(html).toContain(operation);
    }
    // the fragments the examples spread, as definition nodes
    expect(html).toContain('{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AllMetrics"}');
    // example variables name the top-spending campaign of those 30 days: c3 (100 on 02-20)
    expect(html).toContain(String.raw`\"id\": \"c3\"`);
  });

  it('with authentication on, GraphiQL (a page anyone may load, to ask for a key) names no data: no campaign id, no day of the data (api.md "Access control")', async () => {
    const guarded = await createTestApi(APP_DATA);
    try {
      await createApiKey(guarded.database.db, { name: 'reader', role: 'viewer', expiresAt: null });
      const response = await guarded.yoga.fetch('http://localhost/graphql', { headers: { accept: 'text/html' } });
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain('query Dashboard');
      expect(html).not.toContain(String.raw`\"id\": \"c3\"`);
      expect(html).toContain(String.raw`\"ids\": []`);
      expect(html).not.toContain('2024-03-03');
      expect(html).not.toContain('2024-02-03');
    } finally {
      await guarded.cleanup();
    }
  });

  it('GraphiQL carries its scripts, styles and workers inline: no tag loads from another host (api.md, Pages)', async () => {
    const response = await api.yoga.fetch('http://localhost/graphql', { headers: { accept: 'text/html' } });
    const html = await response.text();
    expect(html).toContain('<div id="root">');
    expect(html).not.toMatch(/<(script|link|img)\b[^>]*\b(src|href)=["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/unpkg\.com|jsdelivr|esm\.sh/i);
  });

  it('GET /health answers 200', async () => {
    const response = await api.yoga.fetch('http://localhost/health');
    expect(response.status).toBe(200);
  });
});

describe('serving', () => {
  it('with a built page: / is the page (not cached), its hashed assets are cached for good, GraphQL and GraphiQL still answer', async () => {
    const pageDir = mkdtempSync(join(tmpdir(), 'page-'));
    mkdirSync(join(pageDir, 'assets'));
    writeFileSync(join(pageDir, 'index.html'), '<!doctype html><title>page</title>');
    writeFileSync(join(pageDir, 'assets', 'index-abc123.js'), 'console.log(1)');
    writeFileSync(join(pageDir, '.source-hash'), 'secret-ish');
    const running = await startServer({ dbPath: api.database.location, port: 0, host: '127.0.0.1', pageDir });
    const origin = new URL(running.url).origin;
    try {
      const index = await fetch(`${origin}/`);
      expect([index.status, await index.text(), index.headers.get('cache-control')]).toEqual([200, '<!doctype html><title>page</title>', 'no-cache']);
      const asset = await fetch(`${origin}/assets/index-abc123.js`);
      expect([asset.status, asset.headers.get('cache-control')]).toEqual([200, 'public, max-age=31536000, immutable']);
      expect(asset.headers.get('content-type')).toContain('javascript');
      expect((await fetch(`${origin}/.source-hash`)).status).toBe(404);
      const query = await fetch(running.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ dataStatus { campaigns } }' }),
      });
      expect(await query.json()).toEqual({ data: { dataStatus: { campaigns: 3 } } });
      const graphiql = await fetch(running.url, { headers: { accept: 'text/html' } });
      expect(await graphiql.text()).toContain('Ads metrics API');
      // only GET and HEAD read files: a POST to / goes to the API, which has no route there
      expect((await fetch(`${origin}/`, { method: 'POST', body: '{}' })).status).toBe(404);
    } finally {
      await running.close();
      rmSync(pageDir, { recursive: true, force: true });
    }
  });

  it('startServer listens on HTTP and serves queries and /health', async () => {
    const running = await startServer({ dbPath: api.database.location, port: 0, host: '127.0.0.1' });
    try {
      expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
      expect((await fetch(running.url.replace('/graphql', '/health'))).status).toBe(200);
      const response = await fetch(running.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ dataStatus { campaigns } }' }),
      });
      expect(await response.json()).toEqual({ data: { dataStatus: { campaigns: 3 } } });
    } finally {
      await running.close();
    }
  });

  it('npm run serve without a database is a one-line usage error', async () => {
    const error = await runTs(['src/serve.ts', '--port', '0'], { ...process.env, DATABASE_PATH: '', DATABASE_URL: '' });
    expect(error).toMatchObject({ code: 2, stderr: 'error: missing --db <app.sqlite or postgres URL> (or DATABASE_URL / DATABASE_PATH)\n' });
  });
});
