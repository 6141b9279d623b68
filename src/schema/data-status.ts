/** `DataStatus` and `Query.dataStatus`: what the published dataset holds (nulls and zeros before any run). */
import { dataDaySpan } from '../db/tables/daily-metrics-reads.ts';
import { entityCounts } from '../db/tables/names-reads.ts';
import { FRESHNESS_STATUSES, freshnessNow, type SourceFreshness } from '../freshness/freshness.ts';
import { builder } from './builder.ts';
import { addDays } from './date.ts';
import { LIVE } from './live.ts';

/** Days before the as-of day whose post-trial lists are final (metrics.md M11). */
const POST_TRIAL_DAYS = 7;

const FreshnessStatusEnum = builder.enumType('FreshnessStatus', {
  description: 'FRESH, WARN past FRESHNESS_WARN_AFTER (default 26h), STALE past FRESHNESS_ERROR_AFTER (default 50h) or without data.',
  values: FRESHNESS_STATUSES,
});

const SourceFreshnessRef = builder.objectRef<SourceFreshness>('SourceFreshness').implement({
  description: "How old a source's newest data in the published run is (api.md \"Operations\", Freshness).",
  fields: (t) => ({
    source: t.exposeString('source', { description: 'meta or mixpanel.' }),
    newest: t.exposeString('newest', { nullable: true, description: 'The newest Meta day, or the newest Mixpanel event time (ISO, UTC).' }),
    newestAt: t.exposeString('newestAt', { nullable: true, description: 'The instant that data reaches (a Meta day ends at midnight in the run’s time zone).' }),
    importedAt: t.exposeString('importedAt', { nullable: true, description: 'When it was imported, where known (null until imports record it).' }),
    ageSeconds: t.exposeFloat('ageSeconds', { nullable: true, description: 'Seconds from newestAt to now.' }),
    status: t.field({ type: FreshnessStatusEnum, resolve: (freshness) => freshness.status }),
  }),
});

interface DataStatusShape {
  asOf: string | null;
  timezone: string | null;
  lastRunAt: string | null;
  firstDay: string | null;
  lastDay: string | null;
  campaigns: number;
  adsets: number;
  ads: number;
  publishedAt: string | null;
  sourceFreshness: string | null;
}

const DataStatus = builder.objectRef<DataStatusShape>('DataStatus').implement({
  fields: (t) => ({
    asOf: t.field({ type: 'Date', nullable: true, description: 'As-of day of the published run (M1).', resolve: (s) => s.asOf }),
    timezone: t.exposeString('timezone', { nullable: true, description: 'Reporting time zone of the published run (M2).' }),
    // A run field (api.md "HTTP caching and live fields"): never answered from the response cache.
    lastRunAt: t.exposeString('lastRunAt', { nullable: true, description: 'When the published run finished (ISO time).', extensions: LIVE }),
    firstDay: t.field({ type: 'Date', nullable: true, resolve: (s) => s.firstDay }),
    lastDay: t.field({ type: 'Date', nullable: true, resolve: (s) => s.lastDay }),
    campaigns: t.exposeInt('campaigns'),
    adsets: t.exposeInt('adsets'),
    ads: t.exposeInt('ads'),
    publishedAt: t.exposeString('publishedAt', { nullable: true, description: 'When the published run was published (ISO time).' }),
    completeThrough: t.field({
      type: 'Date',
      nullable: true,
      description: 'The last day whose post-trial lists are final: as-of − 7 (M11).',
      resolve: (s) => (s.asOf === null ? null : addDays(s.asOf, -POST_TRIAL_DAYS)),
    }),
    freshness: t.field({
      type: [SourceFreshnessRef],
      description: 'Per source (meta, mixpanel), how old the newest data of the published run is now; empty before any run. Live: never cached.',
      extensions: LIVE,
      resolve: (s, _, ctx) => (s.sourceFreshness === null ? [] : freshnessNow(s.sourceFreshness, ctx.operations.freshnessThresholds)),
    }),
    nextScheduledRun: t.string({
      nullable: true,
      description: "When this server's PIPELINE_SCHEDULE next starts a run (ISO time); null without a schedule.",
      extensions: LIVE,
      resolve: (_, __, ctx) => ctx.operations.nextScheduledRun()?.toISOString() ?? null,
    }),
  }),
});

builder.queryField('dataStatus', (t) =>
  t.field({
    type: DataStatus,
    description: 'The published dataset: as-of day, time zone, last run time, day span and known entities per level.',
    resolve: async (_, __, ctx) => {
      const dataset = await ctx.dataset();
      if (!dataset) {
        return {
          asOf: null,
          timezone: null,
          lastRunAt: null,
          firstDay: null,
          lastDay: null,
          campaigns: 0,
          adsets: 0,
          ads: 0,
          publishedAt: null,
          sourceFreshness: null,
        };
      }
      const counts = await entityCounts(ctx.db);
      return {
        asOf: dataset.asOf,
        timezone: dataset.timezone,
        lastRunAt: dataset.runFinishedAt ?? dataset.publishedAt,
        publishedAt: dataset.publishedAt,
        sourceFreshness: dataset.sourceFreshness ?? '{}',
        ...(await dataDaySpan(ctx.db)),
        campaigns: counts.campaign,
        adsets: counts.adset,
        ads: counts.ad,
      };
    },
  }),
);
