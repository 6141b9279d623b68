import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './graphql-client.ts';

/** Answers only change when a pipeline run is published, and then the page invalidates them all. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: Infinity,
      refetchOnWindowFocus: false,
      // An answer from the API (bad input, NO_DATA, …) will not change by asking again.
      retry: (failures, error) => !(error instanceof ApiError && error.code) && failures < 2,
    },
  },
});
