/** `PublishHold`: why the publish guard held a run (metrics.md M33), as `pipeline_runs.held` records it. */
import type { HeldMeasure as HeldMeasureRecord, PublishHold as PublishHoldRecord } from '../../pipeline/publish-guard.ts';
import { metricColumn } from '../db/tables/metric-columns.ts';
import { builder } from './builder.ts';

const HeldMeasure = builder.objectRef<HeldMeasureRecord>('HeldMeasure').implement({
  description: 'One account total (M29) that moved past the publish guard over the days both runs cover.',
  fields: (t) => ({
    measure: t.string({ description: 'spend, trials, purchases or actual_revenue.', resolve: ({ measure }) => metricColumn(measure) }),
    publishedTotal: t.exposeFloat('publishedTotal', { description: "The published run's total over those days." }),
    runTotal: t.exposeFloat('runTotal', { description: "The held run's total over those days." }),
    share: t.exposeFloat('share', { nullable: true, description: '|run − published| / published total; null when the published total is 0.' }),
    reason: t.exposeString('reason', { description: 'vanished (above 0 on at least 7 days, 0 on all now) or moved (past the share).' }),
  }),
});

export const PublishHold = builder.objectRef<PublishHoldRecord>('PublishHold').implement({
  description: 'Why a run was held instead of published (M33); publish it with runPipeline(publishHeld: id).',
  fields: (t) => ({
    from: t.field({ type: 'Date', resolve: (hold) => hold.from }),
    to: t.field({ type: 'Date', resolve: (hold) => hold.to }),
    days: t.exposeInt('days'),
    maxRestatementShare: t.exposeFloat('maxRestatementShare'),
    measures: t.field({ type: [HeldMeasure], resolve: (hold) => hold.measures }),
  }),
});
