import { useQuery } from '@tanstack/react-query';
import { DataStatusDocument, PipelineRunsDocument } from '../../../generated/graphql.ts';
import { request } from '../../../lib/graphql-client.ts';

/** Looked at again every 30 s, so a run published from elsewhere (the CLI, another tab) is noticed. */
const POLL_MS = 30_000;

export const useDataStatus = () =>
  useQuery({ queryKey: ['data-status'], queryFn: () => request(DataStatusDocument, {}), refetchInterval: POLL_MS, staleTime: 0 });

export const useLatestRun = () =>
  useQuery({
    queryKey: ['pipeline-runs'],
    queryFn: async () => (await request(PipelineRunsDocument, { last: 1 })).pipelineRuns[0] ?? null,
    staleTime: 0,
  });
