/**
 * api.md "Operations", Freshness: a run records its sources' newest Meta day and event time
 * (pipeline_runs.source_freshness); dataStatus reports per source the age from that to now and
 * FRESH / WARN / STALE against FRESHNESS_WARN_AFTER / FRESHNESS_ERROR_AFTER (26h / 50h by default),
 * publishedAt and completeThrough (as-of − 7, M11). Both backends.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createApi, type Api } from '../../src/server.ts';
import { endOfDay, freshnessNow, freshnessThresholdsFromEnv, parseDuration } from '../../src/freshness/freshness.ts';
import { BACKENDS } from '../fixtures/backends.ts';
import { runFixture, type FixtureRun } from '../fixtures/pipeline-run.ts';
import { attributedUser, trialStarted, useTempDir, type SourceFixture } from '../fixtures/source-db.ts';

const tempDir = useTempDir();

const FIXTURE: SourceFixture = {
  meta: [
    { adId: 'a1', adsetId: 's1', campaignId: 'c1', date: '2025-07-01', spend: 10, impressions: 100, clicks: 5, metaTrials: 1, metaPurchases: 0 },
    { adId: 'a1', adsetId: 's1', campaignId: 'c1', date: '2025-07-10', spend: 20, impressions: 200, clicks: 7, metaTrials: 1, metaPurchases: 0 },
  ],
  users: [attributedUser('u1', { ad: 'a1', adset: 's1', campaign: 'c1' })],
  // The newest event: 2025-07-11 03:30 UTC, i.e. 2025-07-10 23:30 in New York.
  events: [trialStarted('u1', '2025-07-01T10:00:00Z'), trialStarted('u1', '2025-07-11T03:30:00Z')],
};

describe('durations and statuses', () => {
  it('reads durations like 26h, 90m, 2d, 45s and refuses anything else in one line', () => {
    expect([parseDuration('26h', 'X'), parseDuration('90m', 'X'), parseDuration('2d', 'X'), parseDuration('45s', 'X')]).toEqual([93_600, 5400, 172_800, 45]);
    expect(() => parseDuration('26 hours', 'FRESHNESS_WARN_AFTER')).toThrow(
      'invalid FRESHNESS_WARN_AFTER "26 hours": expected a positive duration such as 26h, 90m or 2d',
    );
    expect(freshnessThresholdsFromEnv({})).toEqual({ warnAfterSeconds: 93_600, errorAfterSeconds: 180_000 });
    expect(() => freshnessThresholdsFromEnv({ FRESHNESS_WARN_AFTER: '3d', FRESHNESS_ERROR_AFTER: '2d' })).toThrow('must not be shorter');
  });

  it('a Meta day ends at the next local midnight of the run’s time zone', () => {
    expect(endOfDay('2025-07-10', 'UTC')).toBe('2025-07-11T00:00:00.000Z');
    expect(endOfDay('2025-07-10', 'America/New_York')).toBe('2025-07-11T04:00:00.000Z');
    // The day before the autumn change ends at 00:00 EST (-5).
    expect(endOfDay('2025-11-02', 'America/New_York')).toBe('2025-11-03T05:00:00.000Z');
  });

  it('FRESH up to the warn age, WARN up to the error age, STALE past it or without data', () => {
    const recorded = JSON.stringify({
      meta: { newest: '2025-07-10', newestAt: '2025-07-11T00:00:00.000Z', importedAt: null },
      mixpanel: { newest: null, newestAt: null, importedAt: null },
    });
    const at = (hours: number) => Date.parse('2025-07-11T00:00:00.000Z') + hours * 3_600_000;
    const thresholds = { warnAfterSeconds: 26 * 3600, errorAfterSeconds: 50 * 3600 };
    expect(freshnessNow(recorded, thresholds, at(26)).map((s) => s.status)).toEqual(['FRESH', 'STALE']);
    expect(freshnessNow(recorded, thresholds, at(26.01))[0]).toMatchObject({ status: 'WARN', ageSeconds: 93_636 });
    expect(freshnessNow(recorded, thresholds, at(50))[0]!.status).toBe('WARN');
    expect(freshnessNow(recorded, thresholds, at(50.01))[0]!.status).toBe('STALE');
    expect(freshnessNow(recorded, thresholds, at(1))[1]).toMatchObject({ source: 'mixpanel', ageSeconds: null, status: 'STALE' });
  });
});

describe.each(BACKENDS)('a run records its sources’ freshness and dataStatus reports it [%s]', { timeout: 120_000 }, (backend) => {
  let run: FixtureRun;
  let api: Api;

  beforeAll(async () => {
    run = await runFixture(tempDir(), FIXTURE, { asOf: '2025-07-12', timezone: 'America/New_York' }, { backend });
  });

  it('records the newest Meta day (ending at New York midnight) and the newest event time', async () => {
    const [row] = await run.query<{ sourceFreshness: unknown }>('SELECT source_freshness AS "sourceFreshness" FROM pipeline_runs');
    const recorded = typeof row!.sourceFreshness === 'string' ? JSON.parse(row!.sourceFreshness) : row!.sourceFreshness;
    expect(recorded).toEqual({
      meta: { newest: '2025-07-10', newestAt: '2025-07-11T04:00:00.000Z', importedAt: null },
      mixpanel: { newest: '2025-07-11T03:30:00.000Z', newestAt: '2025-07-11T03:30:00.000Z', importedAt: null },
    });
  });

  it('dataStatus: freshness now (both STALE long after July 2025), publishedAt and completeThrough = as-of − 7', async () => {
    api = await createApi({ dbPath: run.appDbPath, responseCache: true });
    try {
      const query = '{ dataStatus { asOf completeThrough publishedAt nextScheduledRun freshness { source newest importedAt status ageSeconds } } }';
      const answer = async () =>
        (await (await api.yoga.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) })).json()) as {
          data: { dataStatus: { freshness: { ageSeconds: number }[] } & Record<string, unknown> };
        };
      const first = await answer();
      expect(first.data.dataStatus).toMatchObject({
        asOf: '2025-07-12',
        completeThrough: '2025-07-05',
        nextScheduledRun: null,
        freshness: [
          { source: 'meta', newest: '2025-07-10', importedAt: null, status: 'STALE' },
          { source: 'mixpanel', newest: '2025-07-11T03:30:00.000Z', importedAt: null, status: 'STALE' },
        ],
      });
      expect(Date.parse(first.data.dataStatus.publishedAt as string)).toBeGreaterThan(Date.now() - 120_000);
      const ageNow = (Date.now() - Date.parse('2025-07-11T04:00:00.000Z')) / 1000;
      expect(Math.abs(first.data.dataStatus.freshness[0]!.ageSeconds - ageNow)).toBeLessThan(60);
      // Live: a second answer is computed again (the age grows), not replayed from the response cache.
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect((await answer()).data.dataStatus.freshness[0]!.ageSeconds).toBeGreaterThan(first.data.dataStatus.freshness[0]!.ageSeconds);
    } finally {
      await api.close();
    }
  });
});
