/** A problem with what the pipeline was given (sources, parameters): reported as one line, nothing written. */
export class PipelineInputError extends Error {
  override name = 'PipelineInputError';
}

/** A self-check failed: the computed tables contradict the metric rules, so the run is not published. */
export class SelfCheckError extends Error {
  override name = 'SelfCheckError';
}
