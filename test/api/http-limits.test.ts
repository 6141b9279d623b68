/**
 * api.md "Resources and HTTP": bounded memory under distinct large documents, 413 above
 * MAX_REQUEST_BYTES, header and body timeouts, CORS per CORS_ORIGINS without credentials.
 */
import { connect } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpSettingsFromEnv, UsageError } from '../../src/config.ts';
import { startServer, type RunningServer } from '../../src/server.ts';
import { APP_DATA } from './data.ts';
import { createTestApi, type TestApi } from './fixture.ts';

const api = await createTestApi(APP_DATA);
let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ dbPath: api.database.location, port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await server.close();
  await api.cleanup();
});

const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapUsed = () => {
  gc();
  return process.memoryUsage().heapUsed;
};

describe('memory stays bounded under distinct large documents', () => {
  it('valid 90 KB documents and refused 1 MB ones leave the heap flat, and /health answers throughout', { timeout: 300_000 }, async () => {
    const before = heapUsed();
    const healthUrl = server.url.replace('/graphql', '/health');
    // Distinct by a trailing comment; eight lookups of 1,000 literal ids each (~90 KB and ~8,000 tokens, within
    // the limits). Parsed, each holds about 2 MB: unbounded (as yoga's default cache of 1,024 documents was),
    // these 80 kept 180 MB here.
    const ids = JSON.stringify(Array.from({ length: 1000 }, (_, index) => `ad${String(index).padStart(4, '0')}`));
    const lookups = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((alias) => `${alias}: canonicalNames(level: AD, ids: ${ids}) { id }`).join(' ');
    for (let index = 0; index < 80; index += 1) {
      const result = (await (await post(server.url, JSON.stringify({ query: `{ ${lookups} } # ${index}` }))).json()) as { data?: { a: unknown[] } };
      expect(result.data?.a).toHaveLength(1000);
      if (index % 10 === 0) expect((await fetch(healthUrl)).status).toBe(200);
    }
    // 1 MB each, under the request limit but over the document limit: refused before parsing (without that
    // limit, sixteen 5 MB ones took a server from 516 MB to 4.2 GB).
    const refusals = await Promise.all(
      Array.from({ length: 20 }, async (_, index) => {
        const query = `{ ${'__typename '.repeat(90_000)}} # ${index}`;
        const result = (await (await post(server.url, JSON.stringify({ query }))).json()) as { errors: { extensions: { code: string } }[] };
        return result.errors[0]!.extensions.code;
      }),
    );
    expect(refusals).toEqual(Array.from({ length: 20 }, () => 'QUERY_TOO_COMPLEX'));
    expect((await fetch(healthUrl)).status).toBe(200);
    // The document cache holds at most 32 MiB (as estimated: more than the documents really take); a generous bound.
    expect(heapUsed() - before).toBeLessThan(64 * 1024 * 1024);
  });
});

describe('MAX_REQUEST_BYTES', () => {
  it('a body above 1 MiB by default gets HTTP 413, one at the limit is read', async () => {
    const padded = (bytes: number) => {
      const shell = JSON.stringify({ query: '{ __typename }', variables: { padding: '' } });
      return shell.replace('"padding":""', `"padding":"${'x'.repeat(bytes - shell.length)}"`);
    };
    expect((await post(server.url, padded(1024 * 1024))).status).toBe(200);
    expect((await post(server.url, padded(1024 * 1024 + 1))).status).toBe(413);
    // the 5 MB __typename documents of the hostile load (bench/hostile.ts)
    expect((await post(server.url, JSON.stringify({ query: `{ ${'__typename '.repeat(500_000)}}` }))).status).toBe(413);
  });

  it('a body without a declared length is cut off at the limit too', async () => {
    const small = await startServer({ dbPath: api.database.location, port: 0, host: '127.0.0.1', maxRequestBytes: 1_000 });
    try {
      const chunks = [JSON.stringify({ query: '{ __typename }', variables: { padding: 'x'.repeat(600) } }).slice(0, -2), `${'x'.repeat(600)}"}}`];
      const body = new ReadableStream({
        start(controller) {
          for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
          controller.close();
        },
      });
      const response = await fetch(small.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, duplex: 'half' } as RequestInit);
      expect(response.status).toBe(413);
      expect((await post(small.url, JSON.stringify({ query: '{ __typename }' }))).status).toBe(200);
    } finally {
      await small.close();
    }
  });

  it('MAX_REQUEST_BYTES and CORS_ORIGINS are read from the environment; a bad value is a one-line usage error', () => {
    expect(httpSettingsFromEnv({})).toEqual({ maxRequestBytes: 1_048_576, corsOrigins: null });
    expect(httpSettingsFromEnv({ MAX_REQUEST_BYTES: '2000', CORS_ORIGINS: 'https://a.example, https://b.example' })).toEqual({
      maxRequestBytes: 2000,
      corsOrigins: ['https://a.example', 'https://b.example'],
    });
    expect(httpSettingsFromEnv({ CORS_ORIGINS: '*' }).corsOrigins).toBeNull();
    for (const bad of ['1e6', '-1', '0', 'lots']) {
      expect(() => httpSettingsFromEnv({ MAX_REQUEST_BYTES: bad })).toThrow(
        new UsageError(`invalid MAX_REQUEST_BYTES "${bad}": expected a positive whole number of bytes`),
      );
    }
  });
});

describe('requests whose headers or body do not arrive in time are closed', () => {
  it('30 s by default', () => {
    expect(server.server.headersTimeout).toBe(30_000);
    expect(server.server.requestTimeout).toBe(30_000);
  });

  /** Opens a connection, writes `text` and never finishes; resolves with what the server answered when it closed. */
  const stall = (url: string, text: string) =>
    new Promise<string>((resolve) => {
      const { hostname, port } = new URL(url);
      const socket = connect(Number(port), hostname, () => socket.write(text));
      let answer = '';
      socket.on('data', (data) => (answer += data.toString()));
      socket.on('close', () => resolve(answer));
    });

  it('a request whose headers or body never complete is answered 408 and closed', async () => {
    const impatient = await startServer({ dbPath: api.database.location, port: 0, host: '127.0.0.1', requestTimeoutMs: 500 });
    try {
      const [headers, body] = await Promise.all([
        stall(impatient.url, 'POST /graphql HTTP/1.1\r\nHost: localhost\r\n'),
        stall(impatient.url, 'POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"query":'),
      ]);
      expect(headers).toMatch(/^HTTP\/1\.1 408 /);
      expect(body).toMatch(/^HTTP\/1\.1 408 /);
    } finally {
      await impatient.close();
    }
  });
});

describe('CORS', () => {
  const preflight = (target: TestApi, origin: string) =>
    target.yoga.fetch('http://localhost/graphql', {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
  const request = (target: TestApi, origin: string) =>
    target.yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });

  it('answers any origin by default, never with credentials', async () => {
    for (const response of [await request(api, 'https://elsewhere.example'), await preflight(api, 'https://elsewhere.example')]) {
      expect(response.headers.get('access-control-allow-origin')).toBe('https://elsewhere.example');
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    }
  });

  it('with CORS_ORIGINS, answers only the listed origins, without credentials', async () => {
    const listed = await createTestApi(APP_DATA, { corsOrigins: ['https://app.example', 'https://admin.example'] });
    try {
      for (const response of [await request(listed, 'https://admin.example'), await preflight(listed, 'https://admin.example')]) {
        expect(response.headers.get('access-control-allow-origin')).toBe('https://admin.example');
        expect(response.headers.get('access-control-allow-credentials')).toBeNull();
      }
      for (const response of [await request(listed, 'https://evil.example'), await preflight(listed, 'https://evil.example')]) {
        expect(response.headers.get('access-control-allow-origin')).toBeNull();
        expect(response.headers.get('access-control-allow-credentials')).toBeNull();
      }
    } finally {
      await listed.cleanup();
    }
  });
});
