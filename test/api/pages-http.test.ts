/**
 * api.md "Pages", "Resources and HTTP" and "Access control" (response headers), on a real server:
 * GraphiQL and the dashboard are small HTML documents over static assets with hashed names,
 * compressed (Brotli or gzip, as accepted) and cached for good; pages and assets carry the
 * Content-Security-Policy (default-src 'self', frame-ancestors 'none') and nosniff; a client that
 * reads nothing of its answer is disconnected after the idle timeout (30 s by default), while a
 * request still being computed is not. Raw node:http requests, so compressed bytes are seen as sent.
 */
import { createHash } from 'node:crypto';
import { get, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePageBuilt } from '../../src/page/build.ts';
import { IDLE_WRITE_TIMEOUT_MS } from '../../src/slow-readers.ts';
import { startServer, type RunningServer } from '../../src/server.ts';
import { APP_DATA, RANGE } from './data.ts';
import { createTestApi, type TestApi } from './fixture.ts';

const IDLE_MS = 500;
let api: TestApi;
let server: RunningServer;
let origin: string;
beforeAll(async () => {
  api = await createTestApi(APP_DATA);
  const pageDir = await ensurePageBuilt(() => {});
  server = await startServer({
    dbPath: api.database.location,
    port: 0,
    host: '127.0.0.1',
    pageDir,
    idleTimeoutMs: IDLE_MS,
    heavyQueries: { heavyCost: 5_000, maxConcurrent: 1, maxWaitMs: 5_000 },
  });
  origin = new URL(server.url).origin;
}, 300_000);
afterAll(async () => {
  await server?.close();
  await api?.cleanup();
});

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

function request(path: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    get(`${origin}${path}`, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    }).on('error', reject);
  });
}

function expectSecurityHeaders(response: RawResponse) {
  const policy = String(response.headers['content-security-policy']).split(';').map((directive) => directive.trim());
  expect(policy).toContain("default-src 'self'");
  expect(policy).toContain("frame-ancestors 'none'");
  // nothing else may load from another host: no directive names one
  expect(policy.join(' ')).not.toMatch(/https?:|\*/);
  expect(response.headers['x-content-type-options']).toBe('nosniff');
}

/** A hashed asset: immutable, the same bytes under every encoding, and named after its content. */
async function expectHashedAsset(path: string, hashOf?: (body: Buffer) => string) {
  const plain = await request(path);
  expect(plain.status).toBe(200);
  expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  expect(plain.headers['content-encoding']).toBeUndefined();
  expectSecurityHeaders(plain);
  const brotli = await request(path, { 'accept-encoding': 'gzip, deflate, br' });
  expect(brotli.headers['content-encoding']).toBe('br');
  expect(brotli.headers.vary).toMatch(/accept-encoding/i);
  expect(brotliDecompressSync(brotli.body).equals(plain.body)).toBe(true);
  const gzipped = await request(path, { 'accept-encoding': 'gzip' });
  expect(gzipped.headers['content-encoding']).toBe('gzip');
  expect(gunzipSync(gzipped.body).equals(plain.body)).toBe(true);
  if (hashOf) expect(path).toContain(`.${hashOf(plain.body)}.`);
  return { plain, brotli, gzipped };
}

const sha256Name = (body: Buffer) => createHash('sha256').update(body).digest('base64url').slice(0, 12);

describe('GraphiQL', () => {
  let html: RawResponse;
  let config: { endpoint: string; workers: Record<string, string>; options: { defaultTabs: unknown[]; variables: string } };
  beforeAll(async () => {
    html = await request('/graphql', { accept: 'text/html' });
    const block = /<script type="application\/json" id="graphiql-config">(.*?)<\/script>/s.exec(html.body.toString())![1]!;
    config = JSON.parse(block);
  });

  it('is a small HTML document (it was 9 MB of inlined assets) with the security headers, asked again on every visit', () => {
    expect(html.status).toBe(200);
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    expect(html.headers['cache-control']).toBe('no-cache');
    expectSecurityHeaders(html);
    expect(html.body.length).toBeLessThan(64 * 1024);
    // no inline script: every <script> loads a file of this server or is the JSON settings block
    const scripts = html.body.toString().match(/<script[^>]*>/g)!;
    expect(scripts).toHaveLength(3);
    for (const tag of scripts) expect(tag).toMatch(/src="\/graphiql-assets\/[\w.-]+\.js"|type="application\/json"/);
  });

  it('keeps its settings: opens on the dashboard query over the last 30 days with data, one tab per example operation', () => {
    expect(config.endpoint).toBe('/graphql');
    expect(config.options.defaultTabs.length).toBeGreaterThan(5);
    expect(JSON.parse(config.options.variables)).toMatchObject({ range: { start: '2024-02-03', end: '2024-03-03' } });
  });

  it('serves its script, styles, icon, start script and editor workers as hashed, compressed, immutable assets', async () => {
    const paths = [...html.body.toString().matchAll(/(?:src|href)="(\/graphiql-assets\/[^"]+)"/g)].map((match) => match[1]!);
    expect(paths).toHaveLength(4);
    const all = [...paths, ...Object.values(config.workers)];
    expect(Object.keys(config.workers).sort()).toEqual(['editorWorkerService', 'graphql', 'json']);
    for (const path of all) await expectHashedAsset(path, sha256Name);
    const script = paths.find((path) => /\/graphiql\.[\w-]+\.js$/.test(path))!;
    const { plain, brotli } = await expectHashedAsset(script);
    expect(plain.body.length).toBeGreaterThan(5_000_000);
    expect(brotli.body.length).toBeLessThan(plain.body.length / 4);
    expect((await request('/graphiql-assets/graphiql.unknown.js')).status).toBe(404);
  });
});

describe('dashboard page', () => {
  it('index.html is small, never cached stale, with the security headers; its assets are hashed, precompressed and immutable', async () => {
    const page = await request('/');
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('no-cache');
    expectSecurityHeaders(page);
    expect(page.body.length).toBeLessThan(4 * 1024);
    const assets = [...page.body.toString().matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((match) => match[1]!);
    expect(assets.length).toBeGreaterThanOrEqual(2);
    for (const path of assets) await expectHashedAsset(path);
  });
});

describe('slow readers', () => {
  it('the idle timeout is 30 s by default', async () => {
    expect(IDLE_WRITE_TIMEOUT_MS).toBe(30_000);
    const plain = await startServer({ dbPath: api.database.location, port: 0, host: '127.0.0.1' });
    try {
      expect(plain.server.timeout).toBe(30_000);
    } finally {
      await plain.close();
    }
    expect(server.server.timeout).toBe(IDLE_MS);
  });

  it('a client that reads nothing of an 8 MB answer is disconnected after the idle timeout', async () => {
    const html = (await request('/graphql', { accept: 'text/html' })).body.toString();
    const script = /src="(\/graphiql-assets\/graphiql\.[\w-]+\.js)"/.exec(html)![1]!;
    const socket = connect(Number(new URL(origin).port), '127.0.0.1');
    let received = 0;
    const closed = new Promise<number>((resolve) => socket.on('close', () => resolve(performance.now())));
    socket.on('error', () => {});
    await new Promise((resolve) => socket.once('connect', resolve));
    const started = performance.now();
    socket.write(`GET ${script} HTTP/1.1\r\nHost: localhost\r\n\r\n`);
    // take the first bytes, then nothing more
    await new Promise<void>((resolve) =>
      socket.once('data', (chunk: Buffer) => {
        received += chunk.length;
        socket.pause();
        resolve();
      }),
    );
    await expect.poll(() => new Promise<number>((resolve) => server.server.getConnections((_, count) => resolve(count))), { timeout: 5_000 }).toBe(0);
    socket.resume();
    socket.on('data', (chunk: Buffer) => (received += chunk.length));
    const closedAt = await closed;
    expect(closedAt - started).toBeGreaterThanOrEqual(IDLE_MS - 50);
    expect(received).toBeLessThan(8_000_000);
  });

  it('a request whose answer takes longer than the idle timeout to compute is still answered', async () => {
    const busy = (await server.api.heavyQueries!.acquire())!;
    setTimeout(busy, 3 * IDLE_MS);
    const started = performance.now();
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ campaigns(range: { start: "${RANGE.start}", end: "${RANGE.end}" }, first: 100) { id sparkline(metric: ROAS, days: 30) { date value } } }` }),
    });
    const body = (await response.json()) as { data?: { campaigns: unknown[] }; errors?: unknown };
    expect(performance.now() - started).toBeGreaterThanOrEqual(3 * IDLE_MS - 50);
    expect(body.errors).toBeUndefined();
    expect(body.data!.campaigns.length).toBeGreaterThan(0);
  });
});
