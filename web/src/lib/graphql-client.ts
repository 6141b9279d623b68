/**
 * The page's only way to data: the public GraphQL API at /graphql, with the typed documents that
 * codegen writes from src/operations (web/src/generated). Queries and mutations are POSTed;
 * subscriptions arrive as server-sent events.
 */
import type { TypedDocumentString } from '../generated/graphql.ts';

const ENDPOINT = '/graphql';

interface GraphQLResponse<TResult> {
  data?: TResult | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** An error the API answered (its `extensions.code`, e.g. NO_DATA), or a failed request. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

function resultOf<TResult>(body: GraphQLResponse<TResult>): TResult {
  const [error] = body.errors ?? [];
  if (error) throw new ApiError(error.message, error.extensions?.code);
  if (!body.data) throw new ApiError('The API answered without data.');
  return body.data;
}

export async function request<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  headers: Record<string, string> = {},
): Promise<TResult> {
  let response: Response;
  try {
    response = await fetch(ENDPOINT, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...headers },
      body: JSON.stringify({ query: document.toString(), variables }),
    });
  } catch {
    throw new ApiError('Cannot reach the API server.');
  }
  const body = (await response.json().catch(() => ({}))) as GraphQLResponse<TResult>;
  if (!body.errors && !response.ok) throw new ApiError(`The API answered HTTP ${response.status}.`);
  return resultOf(body);
}

export interface Subscriber<TResult> {
  next(result: TResult): void;
  error(error: ApiError): void;
  complete(): void;
}

/** Follows a subscription over server-sent events; returns the function that stops it. */
export function subscribe<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  subscriber: Subscriber<TResult>,
): () => void {
  const url = new URL(ENDPOINT, window.location.href);
  url.searchParams.set('query', document.toString());
  url.searchParams.set('variables', JSON.stringify(variables));
  const source = new EventSource(url);
  source.addEventListener('next', (event) => {
    try {
      subscriber.next(resultOf(JSON.parse((event as MessageEvent<string>).data) as GraphQLResponse<TResult>));
    } catch (error) {
      source.close();
      subscriber.error(error instanceof ApiError ? error : new ApiError(String(error)));
    }
  });
  source.addEventListener('complete', () => {
    source.close();
    subscriber.complete();
  });
  // EventSource would reconnect on its own and replay the subscription; report the loss instead.
  source.onerror = () => {
    if (source.readyState === EventSource.CLOSED || source.readyState === EventSource.CONNECTING) {
      source.close();
      subscriber.error(new ApiError('Lost the connection to the server while following the run.'));
    }
  };
  return () => source.close();
}
