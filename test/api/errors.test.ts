/** Input checking and error codes of api.md: BAD_USER_INPUT, NO_DATA, and masking of the unexpected. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CampaignListDocument,
  CanonicalNamesDocument,
  DailyMetricsDocument,
  DataStatusDocument,
  EntityDocument,
  HierarchyDocument,
  OverviewDocument,
  TreeDocument,
} from '../../src/generated/graphql.ts';
import { APP_DATA, RANGE } from './data.ts';
import { BACKENDS } from '../fixtures/backends.ts';
import { createTestApi, type TestApi } from './fixture.ts';

const codes = (result: { errors?: readonly { extensions?: Record<string, unknown> }[] }) =>
  (result.errors ?? []).map((error) => error.extensions?.code);

describe.each(BACKENDS)('[%s]', (backend) => {
  let api: TestApi;
  let unpublished: TestApi;
  beforeAll(async () => {
    api = await createTestApi(APP_DATA, {}, backend);
    unpublished = await createTestApi({ names: [], adsetCampaigns: [], links: [], rows: [] }, {}, backend);
  });
  afterAll(async () => {
    await api.cleanup();
    await unpublished.cleanup();
  });

  describe('BAD_USER_INPUT', () => {
    it.each([
      ['2024-02-30', 'a day that does not exist'],
      ['2023-02-29', 'Feb 29 of a common year'],
      ['2024-3-01', 'a month without its leading zero'],
      ['2024-03-01T00:00:00Z', 'a timestamp'],
      ['01/03/2024', 'another format'],
    ])('a Date variable %s (%s) is refused', async (start) => {
      const result = await api.run(CampaignListDocument, { range: { start, end: '2024-03-03' } });
      expect(codes(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors![0]!.message).toContain(`Invalid Date "${start}"`);
    });

    it('a Date literal that is not a string or not a day is refused', async () => {
      for (const literal of ['20240301', '"2024-13-01"']) {
        const result = await api.runText(`{ overview(range: { start: ${literal}, end: "2024-03-03" }) { metrics { spend } } }`);
        expect(codes(result)).toEqual(['BAD_USER_INPUT']);
      }
    });

    it('a range ending before it starts is refused', async () => {
      const result = await api.run(CampaignListDocument, { range: { start: '2024-03-03', end: '2024-03-01' } });
      expect(codes(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors![0]!.message).toBe('Invalid range: end 2024-03-01 is before start 2024-03-03.');
    });

    it('a range longer than 366 days is refused by default; 366 days are accepted', async () => {
      const longest = await api.run(OverviewDocument, { range: { start: '2023-03-04', end: '2024-03-03' } });
      expect(longest.errors).toBeUndefined();
      const tooLong = await api.run(OverviewDocument, { range: { start: '2023-03-03', end: '2024-03-03' } });
      expect(codes(tooLong)).toEqual(['BAD_USER_INPUT']);
      expect(tooLong.errors![0]!.message).toBe('Invalid range: 367 days is longer than the maximum of 366 days.');
    });

    it('the maximum range is configurable', async () => {
      const weekly = await createTestApi(APP_DATA, { maxRangeDays: 7 }, backend);
      try {
        expect((await weekly.run(TreeDocument, { range: { start: '2024-02-26', end: '2024-03-03' } })).errors).toBeUndefined();
        const result = await weekly.run(TreeDocument, { range: { start: '2024-02-25', end: '2024-03-03' } });
        expect(result.errors![0]!.message).toBe('Invalid range: 8 days is longer than the maximum of 7 days.');
      } finally {
        await weekly.cleanup();
      }
    });

    it('sparkline days outside 1..366 are refused', async () => {
      for (const days of [0, 367, -1]) {
        const result = await api.run(EntityDocument, { level: 'CAMPAIGN', id: 'c1', range: RANGE, days });
        expect(codes(result)).toEqual(['BAD_USER_INPUT']);
        expect(result.errors![0]!.message).toBe(`Invalid days: ${days} is outside 1..366.`);
      }
      const overview = await api.run(OverviewDocument, { range: RANGE, days: 0 });
      expect(codes(overview)).toEqual(['BAD_USER_INPUT']);
      expect((await api.run(EntityDocument, { level: 'CAMPAIGN', id: 'c1', range: RANGE, days: 366 })).errors).toBeUndefined();
    });

    it('id lists longer than 1000 are refused; 1000 are accepted', async () => {
      const ids = (count: number) => Array.from({ length: count }, (_, index) => `id${index}`);
      expect((await api.run(CanonicalNamesDocument, { level: 'AD', ids: ids(1000) })).errors).toBeUndefined();
      const results = [
        await api.run(CanonicalNamesDocument, { level: 'AD', ids: ids(1001) }),
        await api.run(DailyMetricsDocument, { level: 'AD', ids: ids(1001), range: RANGE }),
        await api.run(HierarchyDocument, { adIds: ids(1001) }),
      ];
      for (const result of results) expect(codes(result)).toEqual(['BAD_USER_INPUT']);
      expect(results[2]!.errors![0]!.message).toBe('Too many ids in adIds: 1001 (at most 1000).');
    });

    it('`first` outside 0..1000 is refused', async () => {
      const result = await api.run(CampaignListDocument, { range: RANGE, first: -1 });
      expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    });
  });

  describe('NO_DATA before any pipeline run is published', () => {
    it('every data field raises NO_DATA', async () => {
      const results = [
        await unpublished.run(TreeDocument, { range: RANGE }),
        await unpublished.run(EntityDocument, { level: 'CAMPAIGN', id: 'c1', range: RANGE }),
        await unpublished.run(OverviewDocument, { range: RANGE }),
        await unpublished.run(DailyMetricsDocument, { level: 'AD', ids: ['a'], range: RANGE }),
        await unpublished.run(CanonicalNamesDocument, { level: 'AD', ids: ['a'] }),
        await unpublished.run(HierarchyDocument, {}),
      ];
      for (const result of results) expect(codes(result)).toEqual(['NO_DATA']);
    });

    it('dataStatus answers with nulls and zeros instead', async () => {
      const result = await unpublished.run(DataStatusDocument);
      expect(result.errors).toBeUndefined();
      expect(result.data!.dataStatus).toEqual({
        asOf: null, timezone: null, lastRunAt: null, firstDay: null, lastDay: null, campaigns: 0, adsets: 0, ads: 0,
        publishedAt: null, completeThrough: null, nextScheduledRun: null, freshness: [],
      });
    });
  });
});

describe('unexpected errors are masked', () => {
  it('a failing statement reaches the client as "Unexpected error." without SQL or stack', async () => {
    const broken = await createTestApi(APP_DATA);
    try {
      await broken.database.db.exec('DROP TABLE daily_metrics_breakdown');
      const result = await broken.run(EntityDocument, { level: 'CAMPAIGN', id: 'c1', range: RANGE });
      expect(result.errors).toHaveLength(1);
      expect(result.errors![0]!.message).toBe('Unexpected error.');
      expect(codes(result)).toEqual(['INTERNAL_SERVER_ERROR']);
      const body = JSON.stringify(result);
      for (const leak of ['daily_metrics', 'SELECT', 'no such table', 'stack', '.ts:']) expect(body).not.toContain(leak);
    } finally {
      await broken.cleanup();
    }
  });
});

// Checks in front of the data (HTTP, messages, arguments, the token): the same whatever the backend.
describe('input checks before any data', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(APP_DATA);
  });
  afterAll(async () => {
    await api.cleanup();
  });

  describe('error messages quote at most 100 characters of the input', () => {
    it('a 1 MB date string as a variable, a 90 KB one as a literal (within the document size limit), gives a short message', async () => {
      const long = `2024-${'9'.repeat(1_000_000)}`;
      const results = [
        await api.run(CampaignListDocument, { range: { start: long, end: '2024-03-03' } }),
        await api.runText(`{ overview(range: { start: "${long.slice(0, 90_000)}", end: "2024-03-03" }) { metrics { spend } } }`),
      ];
      for (const result of results) {
        expect(codes(result)).toEqual(['BAD_USER_INPUT']);
        const { message } = result.errors![0]!;
        expect(message).toContain(`"${long.slice(0, 100)}…"`);
        expect(message).not.toContain(long.slice(0, 101));
        expect(message.length).toBeLessThan(400);
      }
    });

    it('a long unknown field name is quoted short too', async () => {
      const name = `f${'x'.repeat(5_000)}`;
      const result = await api.runText(`{ ${name} }`);
      expect(result.errors![0]!.message).toBe(`Cannot query field "${name.slice(0, 100)}…" on type "Query".`);
    });
  });

  describe('pipeline run ids and the runPipeline time zone', () => {
    it('run ids are plain decimal integers: "0x7", "1e3", "07", " 7" and "7.0" are BAD_USER_INPUT', async () => {
      for (const id of ['0x7', '1e3', '07', ' 7', '7.0', '-1', '0', '']) {
        const result = await api.runText('query ($id: ID!) { pipelineRun(id: $id) { id } }', { id });
        expect(codes(result)).toEqual(['BAD_USER_INPUT']);
        expect(result.errors![0]!.message).toBe(`Invalid pipeline run id ${JSON.stringify(id)}: expected a whole number such as 7.`);
      }
      const known = await api.runText('{ pipelineRun(id: "1") { id status } }');
      expect(known.data).toEqual({ pipelineRun: { id: '1', status: 'succeeded' } });
      expect((await api.runText('{ pipelineRun(id: "7") { id } }')).data).toEqual({ pipelineRun: null });
    });

    it('runPipeline(timezone: "") is refused as BAD_USER_INPUT like any invalid zone, and nothing starts', async () => {
      const withSource = await createTestApi(APP_DATA, { sources: ['/nonexistent/source.sqlite'], pipelineToken: 'secret' });
      try {
        for (const timezone of ['', 'Mars/Olympus']) {
          const response = await withSource.yoga.fetch('http://localhost/graphql', {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: 'Bearer secret' },
            body: JSON.stringify({ query: 'mutation ($tz: String) { runPipeline(timezone: $tz) { id } }', variables: { tz: timezone } }),
          });
          const result = (await response.json()) as { errors?: { message: string; extensions?: Record<string, unknown> }[] };
          expect(codes(result)).toEqual(['BAD_USER_INPUT']);
          expect(result.errors![0]!.message).toBe(`Invalid timezone ${JSON.stringify(timezone)}: expected an IANA name such as America/New_York.`);
        }
        expect((await withSource.pipeline.latest(10)).map((run) => run.id)).toEqual([1]);
      } finally {
        await withSource.cleanup();
      }
    });
  });

  describe('the Authorization scheme', () => {
    it('`Bearer` is matched without regard to case; the token itself is not', async () => {
      const guarded = await createTestApi(APP_DATA, { pipelineToken: 'Secret-1' });
      const attempt = async (authorization: string) => {
        const response = await guarded.yoga.fetch('http://localhost/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization },
          body: JSON.stringify({ query: 'mutation { runPipeline { id } }' }),
        });
        return codes((await response.json()) as { errors?: { extensions?: Record<string, unknown> }[] });
      };
      try {
        // authorised: the server has no source database, which is the next thing checked
        for (const scheme of ['Bearer', 'bearer', 'BEARER', 'bEaReR']) expect(await attempt(`${scheme} Secret-1`)).toEqual(['PIPELINE_NOT_CONFIGURED']);
        for (const header of ['Bearer secret-1', 'Basic Secret-1', 'BearerSecret-1', 'Secret-1', 'Bearer Secret-1x']) {
          expect(await attempt(header)).toEqual(['UNAUTHENTICATED']);
        }
      } finally {
        await guarded.cleanup();
      }
    });
  });
});
