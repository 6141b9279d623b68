/** A problem with what the pipeline was given (sources, parameters): reported as one line, nothing written. */
export class PipelineInputError extends Error {
  override name = 'PipelineInputError';
}

/** A second run was asked for while one is in progress on the same app database (CLI or API). */
export class PipelineBusyError extends Error {
  override name = 'PipelineBusyError';
  constructor(readonly runningId: number) {
    super(`a pipeline run is already in progress: run ${runningId}`);
  }
}

/** A self-check failed: the computed tables contradict the metric rules, so the run is not published. */
export class SelfCheckError extends Error {
  override name = 'SelfCheckError';
}

/** A scheduled time already has its run, started by another replica's tick. */
export class ScheduledTimeTakenError extends Error {
  override name = 'ScheduledTimeTakenError';
  constructor(readonly runId: number) {
    super(`this scheduled time already started run ${runId}`);
  }
}

/** The publish guard (metrics.md M33) held the run: it is recorded as `held`, its tables kept to publish later. */
export class PipelineHeldError extends Error {
  override name = 'PipelineHeldError';
  constructor(
    readonly runId: number,
    message: string,
  ) {
    super(message);
  }
}
