/** `DataStatus` and `Query.dataStatus`: what the published dataset holds (nulls and zeros before any run). */
import { dataDaySpan } from '../db/tables/daily-metrics-reads.ts';
import { entityCounts } from '../db/tables/names-reads.ts';
import { builder } from './builder.ts';
import { LIVE } from './live.ts';

interface DataStatusShape {
  asOf: string | null;
  timezone: string | null;
  lastRunAt: string | null;
  firstDay: string | null;
  lastDay: string | null;
  campaigns: number;
  adsets: number;
  ads: number;
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
  }),
});

builder.queryField('dataStatus', (t) =>
  t.field({
    type: DataStatus,
    description: 'The published dataset: as-of day, time zone, last run time, day span and known entities per level.',
    resolve: async (_, __, ctx) => {
      const dataset = await ctx.dataset();
      if (!dataset) {
        return { asOf: null, timezone: null, lastRunAt: null, firstDay: null, lastDay: null, campaigns: 0, adsets: 0, ads: 0 };
      }
      const counts = await entityCounts(ctx.db);
      return {
        asOf: dataset.asOf,
        timezone: dataset.timezone,
        lastRunAt: dataset.runFinishedAt ?? dataset.publishedAt,
        ...(await dataDaySpan(ctx.db)),
        campaigns: counts.campaign,
        adsets: counts.adset,
        ads: counts.ad,
      };
    },
  }),
);
