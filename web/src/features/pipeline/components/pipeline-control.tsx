import { useEffect, useState, type FormEvent } from 'react';
import type { PipelineRunFieldsFragment } from '../../../generated/graphql.ts';
import { formatPercent } from '../../../lib/format.ts';
import { useLatestRun } from '../api/use-data-status.ts';
import { usePipelineRun } from '../api/use-pipeline-run.ts';

function RunProgress({ run }: { run: PipelineRunFieldsFragment }) {
  const progress = run.status === 'succeeded' ? 1 : (run.progress ?? 0);
  return (
    <div className="run-progress">
      <progress max={1} value={progress} aria-label={`Pipeline run ${run.id}`} />
      <span data-testid="run-status" className={`run-status run-${run.status}`}>
        Run {run.id}: {run.status}
        {run.status === 'running' && ` · ${run.step ?? 'starting'} · ${formatPercent(progress)}`}
      </span>
      {run.error && (
        <p className="error-text" role="alert">
          Run {run.id} failed: {run.error}
        </p>
      )}
    </div>
  );
}

/** The pipeline token, the run button, and the progress of the run started or found running. */
export function PipelineControl() {
  const [token, setToken] = useState('');
  const pipeline = usePipelineRun();
  const latest = useLatestRun();
  const { follow } = pipeline;
  const latestRun = latest.data ?? null;

  // A run already going when the page opens (started elsewhere) is followed too.
  useEffect(() => {
    if (latestRun?.status === 'running') follow(latestRun);
  }, [latestRun, follow]);

  const shown = pipeline.run ?? latestRun;
  const running = shown?.status === 'running';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void pipeline.start(token);
  };
  return (
    <section className="pipeline-control" aria-label="Pipeline">
      <form onSubmit={submit}>
        <label>
          Pipeline token{' '}
          <input
            type="password"
            name="token"
            autoComplete="off"
            value={token}
            onChange={(event) => setToken(event.target.value)}
            placeholder="printed by npm start; empty: your operator key"
          />
        </label>
        <button type="submit" disabled={pipeline.starting || running}>
          {running ? 'Running…' : 'Run pipeline'}
        </button>
      </form>
      {pipeline.problem && (
        <p className="error-text" role="alert">
          {pipeline.problem}
        </p>
      )}
      {shown && <RunProgress run={shown} />}
    </section>
  );
}
