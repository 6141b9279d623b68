/**
 * `PipelineRun`, the run history (`pipelineRun`, `pipelineRuns`), `Mutation.runPipeline` and
 * `Subscription.pipelineRunProgress` (issue 5). Runs are read live, outside the request snapshot.
 */
import { PipelineBusyError } from '../../pipeline/errors.ts';
import { assertTimeZone } from '../../pipeline/timezone.ts';
import type { PipelineRunRow } from '../db/tables/pipeline-runs-reads.ts';
import { builder } from './builder.ts';
import { badUserInput, pipelineBusy, pipelineNotConfigured, unauthenticated } from './errors.ts';
import { checkedCount } from './limits.ts';

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

const SkippedRows = builder.objectRef<{ table: string; reason: string; rows: number }>('SkippedRows').implement({
  description: 'Source rows left out because a date or timestamp could not be parsed.',
  fields: (t) => ({ table: t.exposeString('table'), reason: t.exposeString('reason'), rows: t.exposeInt('rows') }),
});

export const PipelineRun = builder.objectRef<PipelineRunRow>('PipelineRun').implement({
  description: 'One pipeline run: its parameters, live step and progress, timings, counts and outcome.',
  fields: (t) => ({
    id: t.id({ resolve: (run) => String(run.id) }),
    status: t.exposeString('status', { description: 'running, succeeded, failed, held or interrupted.' }),
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
    skippedRows: t.field({
      type: [SkippedRows],
      resolve: (run) =>
        jsonEntries(run.skippedRows).flatMap(([table, reasons]) =>
          Object.entries(reasons as Record<string, number>).map(([reason, rows]) => ({ table, reason, rows })),
        ),
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
      'Starts a pipeline run over the server\'s source database and returns it at once (needs "Authorization: Bearer <PIPELINE_TOKEN>"). ' +
      'Follow it with pipelineRunProgress or pipelineRun.',
    args: { asOf: t.arg({ type: 'Date' }), timezone: t.arg.string() },
    resolve: async (_, args, ctx) => {
      if (!ctx.pipeline.authorized) throw unauthenticated();
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
        return await control.start({ asOf: args.asOf ?? undefined, timezone: args.timezone ?? undefined });
      } catch (error) {
        if (error instanceof PipelineBusyError) throw pipelineBusy(error.runningId);
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
    subscribe: (_, { id }, ctx) => ctx.pipeline.control.progress(runId(id)),
    resolve: (run) => run,
  }),
);
