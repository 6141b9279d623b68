/**
 * `PipelineRun`, the run history (`pipelineRun`, `pipelineRuns`), `Mutation.runPipeline` and
 * `Subscription.pipelineRunProgress`. Runs are read live, outside the request snapshot.
 */
import { PipelineBusyError, PipelineInputError } from '../../pipeline/errors.ts';
import { assertTimeZone } from '../../pipeline/timezone.ts';
import type { PipelineRunRow } from '../db/tables/pipeline-runs-reads.ts';
import { builder } from './builder.ts';
import type { PublishHold as PublishHoldRecord } from '../../pipeline/publish-guard.ts';
import { PublishHold } from './publish-hold.ts';
import { skippedRowsEntries, type SkippedRowsEntry, type SkippedRowsRecord } from '../../pipeline/source/skipped-rows.ts';
import { badUserInput, pipelineBusy, pipelineNotConfigured, requireRole } from './errors.ts';
import { checkedCount } from './limits.ts';
import { LIVE } from './live.ts';

const jsonEntries = (text: string) => Object.entries(JSON.parse(text) as Record<string, unknown>);

const StepTiming = builder.objectRef<[string, number]>('StepTiming').implement({
  fields: (t) => ({
    step: t.string({ resolve: ([step]) => step }),
    seconds: t.float({ resolve: ([, seconds]) => seconds }),
  }),
});

const TableRows = builder.objectRef<[string, number]>('TableRows').implement({
  fields: (t) => ({
    table: t.string({ resolve: ([table]) => table }),
    rows: t.int({ resolve: ([, rows]) => rows }),
  }),
});

const SkippedRows = builder.objectRef<SkippedRowsEntry>('SkippedRows').implement({
  description: 'Source rows left out because a value broke its contract type (metrics.md M31), counted under the first such column.',
  fields: (t) => ({
    table: t.exposeString('table'),
    column: t.exposeString('column'),
    reason: t.exposeString('reason'),
    rows: t.exposeInt('rows'),
  }),
});

export const PipelineRun = builder.objectRef<PipelineRunRow>('PipelineRun').implement({
  description: 'One pipeline run: its parameters, live step and progress, timings, counts and outcome.',
  extensions: LIVE,
  fields: (t) => ({
    id: t.id({ resolve: (run) => String(run.id) }),
    status: t.exposeString('status', { description: 'running, succeeded, failed, held (metrics.md M33: see held) or interrupted.' }),
    trigger: t.exposeString('trigger', { description: 'What started the run: api, cli, schedule or sync (api.md "Operations").' }),
    startedAt: t.exposeString('startedAt'),
    finishedAt: t.exposeString('finishedAt', { nullable: true }),
    asOf: t.field({ type: 'Date', nullable: true, resolve: (run) => run.asOf }),
    timezone: t.exposeString('timezone', { nullable: true }),
    step: t.exposeString('step', { nullable: true, description: 'The last step completed.' }),
    progress: t.exposeFloat('progress', { nullable: true, description: 'Fraction done, 0..1.' }),
    error: t.exposeString('error', { nullable: true }),
    rowsWritten: t.exposeInt('rowsWritten', { nullable: true }),
    parameters: t.exposeString('parameters', { description: 'The run parameters as JSON (sources, as-of, time zone, event names).' }),
    stepSeconds: t.field({ type: [StepTiming], resolve: (run) => jsonEntries(run.stepTimings) as [string, number][] }),
    rowsPerTable: t.field({ type: [TableRows], resolve: (run) => jsonEntries(run.rowsPerTable) as [string, number][] }),
    ignoredRepeats: t.field({
      type: [TableRows],
      description: 'Per source table, rows that repeated a key with identical values in every column: each such key was used once.',
      resolve: (run) => jsonEntries(run.ignoredRepeats) as [string, number][],
    }),
    held: t.field({
      type: PublishHold,
      nullable: true,
      description: 'For a run the publish guard held (M33), the measures that moved; kept once such a run is published.',
      resolve: (run) => (run.held === null ? null : (JSON.parse(run.held) as PublishHoldRecord)),
    }),
    skippedRows: t.field({
      type: [SkippedRows],
      resolve: (run) => skippedRowsEntries(JSON.parse(run.skippedRows) as SkippedRowsRecord),
    }),
  }),
});

/** Run ids are plain decimal integers ≥ 1: "0x7", "1e3", " 7" or "07" name no run. */
const runId = (id: string | number) => {
  const text = String(id);
  if (!/^[1-9]\d{0,15}$/.test(text)) throw badUserInput(`Invalid pipeline run id ${JSON.stringify(text)}: expected a whole number such as 7.`);
  return Number(text);
};

builder.queryField('pipelineRun', (t) =>
  t.field({
    type: PipelineRun,
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_, { id }, ctx) => (await ctx.pipeline.control.run(runId(id))) ?? null,
  }),
);

builder.queryField('pipelineRuns', (t) =>
  t.field({
    type: [PipelineRun],
    description: 'The latest runs, newest first.',
    args: { last: t.arg.int({ defaultValue: 10 }) },
    resolve: (_, { last }, ctx) => ctx.pipeline.control.latest(checkedCount(last ?? 10, 'last', 1, 1000)),
  }),
);

builder.mutationType({});
builder.mutationField('runPipeline', (t) =>
  t.field({
    type: PipelineRun,
    description:
      'Starts a pipeline run over the server\'s source database and returns it at once (operator role: an operator API key or JWT, or PIPELINE_TOKEN). ' +
      'Follow it with pipelineRunProgress or pipelineRun.',
    args: {
      asOf: t.arg({ type: 'Date' }),
      timezone: t.arg.string(),
      acceptChanges: t.arg.boolean({ description: 'Publish without the publish guard (metrics.md M33), this run only.' }),
      publishHeld: t.arg.id({ description: 'Instead of a new run: publish this held run as it was computed (M33).' }),
    },
    resolve: async (_, args, ctx) => {
      requireRole(ctx, 'operator', 'runPipeline');
      const { control } = ctx.pipeline;
      if (!control.configured) throw pipelineNotConfigured();
      if (args.timezone !== null && args.timezone !== undefined) {
        try {
          assertTimeZone(args.timezone);
        } catch {
          throw badUserInput(`Invalid timezone ${JSON.stringify(args.timezone)}: expected an IANA name such as America/New_York.`);
        }
      }
      try {
        if (args.publishHeld !== null && args.publishHeld !== undefined) return await control.publishHeld(runId(args.publishHeld));
        return await control.start({ asOf: args.asOf ?? undefined, timezone: args.timezone ?? undefined, acceptChanges: args.acceptChanges ?? false });
      } catch (error) {
        if (error instanceof PipelineBusyError) throw pipelineBusy(error.runningId);
        if (error instanceof PipelineInputError) throw badUserInput(error.message);
        throw error;
      }
    },
  }),
);

builder.subscriptionType({});
builder.subscriptionField('pipelineRunProgress', (t) =>
  t.field({
    type: PipelineRun,
    description: 'The run now, then after every step, ending with its final status (server-sent events).',
    args: { id: t.arg.id({ required: true }) },
    // api.md "Errors": an unknown run ends the subscription with BAD_USER_INPUT, not silently.
    subscribe: async (_, { id }, ctx) => {
      const run = runId(id);
      if (!(await ctx.pipeline.control.run(run))) throw badUserInput(`No pipeline run ${run}: pipelineRuns lists the known ones.`);
      return ctx.pipeline.control.progress(run);
    },
    resolve: (run) => run,
  }),
);
