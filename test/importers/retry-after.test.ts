/**
 * The fetchers honour `Retry-After` on 429 and 503 answers (seconds or an HTTP date, RFC 9110
 * §10.2.3), within a bound; without one a 429 backs off exponentially as before.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestJson, retryAfterMs, type AnswerCheck } from '../../importers/fetch/http.ts';

/** Answers queued per path: each request takes the next; the last repeats. */
const answers = new Map<string, { status: number; headers?: Record<string, string> }[]>();
const arrivals: Record<string, number[]> = {};
let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((request, response) => {
    const queue = answers.get(request.url!)!;
    (arrivals[request.url!] ??= []).push(performance.now());
    const answer = queue.length > 1 ? queue.shift()! : queue[0]!;
    response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
    response.end(JSON.stringify(answer.status === 200 ? { ok: true } : { error: 'busy' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** As the fetchers' checks: 429 is a rate limit, any other error fails. */
const check: AnswerCheck = ({ status }) => (status === 429 ? 'rate-limited' : status >= 400 ? { failed: `HTTP ${status}` } : 'ok');

async function fetchWith(path: string, queue: { status: number; headers?: Record<string, string> }[], maxWaitMs = 5000) {
  answers.set(path, queue);
  const waits: string[] = [];
  const started = performance.now();
  const answer = await requestJson(`${base}${path}`, {}, check, { firstWaitMs: 5, attempts: 3, maxWaitMs, onWait: (line) => waits.push(line) }, 'test');
  return { answer, waits, elapsed: performance.now() - started, gaps: arrivals[path]!.slice(1).map((t, i) => t - arrivals[path]![i]!) };
}

describe('Retry-After', () => {
  it('reads delay-seconds and HTTP dates', () => {
    const now = Date.parse('Tue, 08 Dec 2026 01:00:00 GMT');
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs('Tue, 08 Dec 2026 01:00:07 GMT', now)).toBe(7000);
    expect(retryAfterMs('Tue, 08 Dec 2026 00:59:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });

  it('waits the seconds a 429 asks for instead of the 5 ms back-off', async () => {
    const { answer, waits, gaps } = await fetchWith('/seconds', [{ status: 429, headers: { 'retry-after': '1' } }, { status: 200 }]);
    expect(answer.status).toBe(200);
    expect(waits).toEqual(['test: rate limited, waiting 1 s before retrying']);
    expect(gaps[0]).toBeGreaterThanOrEqual(990);
  });

  it('retries a 503 carrying an HTTP-date Retry-After (a 503 without one fails as before)', async () => {
    const at = new Date(Date.now() + 2000).toUTCString();
    const { answer, gaps } = await fetchWith('/date', [{ status: 503, headers: { 'retry-after': at } }, { status: 200 }]);
    expect(answer.status).toBe(200);
    // The date has whole seconds: the wait ends at that second, 1 to 2 s from now.
    expect(gaps[0]).toBeGreaterThanOrEqual(Date.parse(at) - arrivals['/date']![0]! - performance.timeOrigin - 20);
    expect(gaps[0]).toBeGreaterThan(900);
    await expect(fetchWith('/plain-503', [{ status: 503 }, { status: 200 }])).rejects.toThrow('test: HTTP 503');
  });

  it('gives up with one line when Retry-After asks for more than the bound, and after the attempts', async () => {
    await expect(fetchWith('/long', [{ status: 429, headers: { 'retry-after': '3600' } }, { status: 200 }], 60_000)).rejects.toThrow(
      'test: the API asks to retry after 3600 s (Retry-After: 3600), longer than the 60 s this fetch waits; try again later',
    );
    await expect(fetchWith('/always', [{ status: 429, headers: { 'retry-after': '0' } }])).rejects.toThrow('test: still rate limited after 3 attempts; try again later');
  });
});
