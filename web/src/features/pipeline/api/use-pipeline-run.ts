import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { PipelineRunProgressDocument, RunPipelineDocument, type PipelineRunFieldsFragment } from '../../../generated/graphql.ts';
import { ApiError, request, subscribe } from '../../../lib/graphql-client.ts';

export interface PipelineRunState {
  /** The run started or followed here, as its progress last reported it. */
  run: PipelineRunFieldsFragment | null;
  /** Why starting or following the run failed (bad token, a viewer's key, busy, lost connection). */
  problem: string | null;
  starting: boolean;
  start(token: string): Promise<void>;
  follow(run: PipelineRunFieldsFragment): void;
}

const STARTING_PROBLEMS: Record<string, string> = {
  UNAUTHENTICATED: 'The pipeline token was not accepted.',
  FORBIDDEN: 'This session\'s API key may only read: paste the pipeline token or use an operator key.',
};

/**
 * Starts a pipeline run with the token (mutation runPipeline) and follows its progress over
 * server-sent events (subscription pipelineRunProgress). When the run succeeds its data is
 * published, so every answer the page holds is fetched again.
 */
export function usePipelineRun(): PipelineRunState {
  const queryClient = useQueryClient();
  const [run, setRun] = useState<PipelineRunFieldsFragment | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const stop = useRef<(() => void) | null>(null);

  const follow = useCallback(
    (started: PipelineRunFieldsFragment) => {
      stop.current?.();
      setRun(started);
      stop.current = subscribe(
        PipelineRunProgressDocument,
        { id: started.id },
        {
          next: ({ pipelineRunProgress }) => {
            setRun(pipelineRunProgress);
            if (pipelineRunProgress.status === 'succeeded') void queryClient.invalidateQueries();
          },
          error: (error) => setProblem(error.message),
          complete: () => void queryClient.invalidateQueries({ queryKey: ['pipeline-runs'] }),
        },
      );
    },
    [queryClient],
  );

  useEffect(() => () => stop.current?.(), []);

  const start = async (token: string) => {
    setProblem(null);
    setStarting(true);
    try {
      // Without a token, the session's API key (an operator key may run the pipeline).
      const { runPipeline } = await request(RunPipelineDocument, {}, token ? { authorization: `Bearer ${token}` } : {});
      follow(runPipeline);
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError(String(error));
      setProblem((apiError.code && STARTING_PROBLEMS[apiError.code]) ?? apiError.message);
    } finally {
      setStarting(false);
    }
  };

  return { run, problem, starting, start, follow };
}
