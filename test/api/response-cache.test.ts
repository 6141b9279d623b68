/**
 * The response cache: whole responses keyed by request body and published run. A repeat is
 * answered without SQL; answers with errors, mutations and the live run history are never stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_DATA, RANGE } from './data.ts';
import { BACKENDS } from '../fixtures/backends.ts';
import { createTestApi, type TestApi } from './fixture.ts';

const OVERVIEW = 'query ($range: DateRangeInput!) { overview(range: $range) { metrics { spend trials roas } } }';

describe.each(BACKENDS)('[%s]', (backend) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(APP_DATA, { responseCache: true }, backend);
  });
  afterAll(() => api.cleanup());

  async function post(query: string, variables: Record<string, unknown> = {}) {
    const response = await api.yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return { etag: response.headers.get('etag'), body: await response.text() };
  }

  describe('response cache', () => {
    it('answers a repeated query from memory, without SQL, with the same ETag', async () => {
      api.resetStatements();
      const first = await post(OVERVIEW, { range: RANGE });
      expect(api.statements.length).toBeGreaterThan(0);
      expect(first.etag).toMatch(/^"1:/); // keyed by the published run, 1
      api.resetStatements();
      const repeat = await post(OVERVIEW, { range: RANGE });
      expect(api.statements).toEqual([]);
      expect(repeat).toEqual(first);
    });

    it('a different request body is a different entry', async () => {
      const other = await post(OVERVIEW, { range: { ...RANGE, start: '2024-03-02' } });
      const first = await post(OVERVIEW, { range: RANGE });
      expect(other.etag).not.toBe(first.etag);
      expect(other.body).not.toBe(first.body);
    });

    it('never stores an answer with errors', async () => {
      const bad = { range: { start: '2024-03-03', end: '2024-03-01' } };
      const first = await post(OVERVIEW, bad);
      expect(first.body).toContain('BAD_USER_INPUT');
      expect(first.etag).toBeNull();
      expect((await post(OVERVIEW, bad)).etag).toBeNull();
    });

    it('never stores the live run history', async () => {
      expect((await post('{ pipelineRuns { id status } }')).etag).toBeNull();
      expect((await post('{ pipelineRuns { id status } }')).etag).toBeNull();
    });
  });
});

describe('the response cache is bounded in bytes', () => {
  it('keeps the most recently used answers within its byte budget and drops the oldest', async () => {
    // Each answer here is about 80 bytes: a 2,000-byte budget holds some twenty of them, never thirty.
    const small = await createTestApi(APP_DATA, { responseCache: { maxBytes: 2_000 } });
    const variant = (spaces: number) => `${' '.repeat(spaces)}${OVERVIEW}`;
    const postTo = async (query: string) => {
      small.resetStatements();
      const response = await small.yoga.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables: { range: RANGE } }),
      });
      await response.text();
      return small.statements.length;
    };
    try {
      for (let spaces = 0; spaces < 30; spaces += 1) expect(await postTo(variant(spaces))).toBeGreaterThan(0);
      expect(await postTo(variant(29))).toBe(0); // the latest is still cached
      expect(await postTo(variant(0))).toBeGreaterThan(0); // the oldest was dropped
    } finally {
      await small.cleanup();
    }
  });

  it('does not keep an answer larger than an eighth of the budget', async () => {
    const small = await createTestApi(APP_DATA, { responseCache: { maxBytes: 400 } });
    try {
      const query = '{ dataStatus { asOf timezone firstDay lastDay campaigns adsets ads } }'; // about 140 bytes (lastRunAt is live, never cached)
      for (const expectCached of [false, false]) {
        small.resetStatements();
        const response = await small.yoga.fetch('http://localhost/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query }),
        });
        expect(response.headers.get('etag') !== null).toBe(expectCached);
        expect(small.statements.length).toBeGreaterThan(0);
      }
    } finally {
      await small.cleanup();
    }
  });
});
