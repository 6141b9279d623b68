import type { ReactNode } from 'react';
import { ApiError } from '../../lib/graphql-client.ts';

/** What a person sees instead of data: while loading, when there is none yet, or when a request failed. */
export function Loading({ what }: { what: string }) {
  return (
    <p className="state state-loading" role="status">
      <span className="spinner" aria-hidden="true" /> Loading {what}…
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="state state-empty">{children}</p>;
}

const NO_DATA_TEXT = 'No data yet: no pipeline run has completed. Start one with the pipeline control above.';

export function Failure({ error, what }: { error: unknown; what: string }) {
  if (error instanceof ApiError && error.code === 'NO_DATA') return <Empty>{NO_DATA_TEXT}</Empty>;
  // The API key prompt says what is needed.
  if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') return <Empty>Waiting for an API key to load {what}.</Empty>;
  const message = error instanceof Error ? error.message : String(error);
  return (
    <p className="state state-error" role="alert">
      Could not load {what}: {message}
    </p>
  );
}
