/**
 * The page's only way to data: the public GraphQL API at /graphql, with the typed documents that
 * codegen writes from src/operations (web/src/generated). Queries and mutations are sent by hash
 * (queries by GET); subscriptions arrive as server-sent events (graphql-sse over fetch, which can
 * send the key where EventSource cannot). Every request carries the session's API key (lib/api-key.ts).
 */
import { createClient, NetworkError } from 'graphql-sse';
import type { TypedDocumentString } from '../generated/graphql.ts';
import { apiKeyRefused, storedApiKey } from './api-key.ts';

const ENDPOINT = '/graphql';
const endpointUrl = () => new URL(ENDPOINT, window.location.href);

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

/** The session's key, unless the caller brings its own credential (the pipeline token). */
function withApiKey(headers: Record<string, string>): Record<string, string> {
  const key = storedApiKey();
  return headers.authorization || !key ? headers : { ...headers, authorization: `Bearer ${key}` };
}

/** The SHA-256 of each document, hex (null where the browser has no Web Crypto: plain HTTP on another host). */
const documentHashes = new Map<string, Promise<string | null>>();
function documentHash(query: string): Promise<string | null> {
  let hash = documentHashes.get(query);
  if (!hash) {
    hash = globalThis.crypto?.subtle
      ? crypto.subtle
          .digest('SHA-256', new TextEncoder().encode(query))
          .then((digest) => Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join(''))
      : Promise.resolve(null);
    documentHashes.set(query, hash);
  }
  return hash;
}

const ACCEPT = 'application/graphql-response+json, application/json';

interface Answer {
  ok: boolean;
  status: number;
  body: GraphQLResponse<unknown>;
}

async function answerOf(pending: Promise<Response>): Promise<Answer> {
  const response = await pending;
  const body = (await response.json().catch(() => ({}))) as GraphQLResponse<unknown>;
  return { ok: response.ok, status: response.status, body };
}

/**
 * Operations go by hash (automatic persisted queries): queries as GET, which the browser and a CDN
 * can cache and revalidate (ETag), mutations as POST. An unknown hash (PERSISTED_QUERY_NOT_FOUND)
 * is answered by sending the text with it once, which the server then keeps.
 */
async function send(query: string, variables: unknown, headers: Record<string, string>): Promise<Answer> {
  const hash = await documentHash(query);
  const post = (body: object) =>
    answerOf(fetch(endpointUrl(), { method: 'POST', headers: { 'content-type': 'application/json', accept: ACCEPT, ...headers }, body: JSON.stringify(body) }));
  if (hash === null) return post({ query, variables });
  const extensions = { persistedQuery: { version: 1, sha256Hash: hash } };
  let byHash: Answer;
  if (/^\s*query\b/.test(query)) {
    const url = endpointUrl();
    url.searchParams.set('variables', JSON.stringify(variables));
    url.searchParams.set('extensions', JSON.stringify(extensions));
    byHash = await answerOf(fetch(url, { headers: { accept: ACCEPT, ...headers } }));
  } else {
    byHash = await post({ variables, extensions });
  }
  const notFound = byHash.body.errors?.some((error) => error.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND');
  return notFound ? post({ query, variables, extensions }) : byHash;
}

export async function request<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  headers: Record<string, string> = {},
): Promise<TResult> {
  let answer: Answer;
  try {
    answer = await send(document.toString(), variables, withApiKey(headers));
  } catch {
    throw new ApiError('Cannot reach the API server.');
  }
  const body = answer.body as GraphQLResponse<TResult>;
  if (!body.errors && !answer.ok) throw new ApiError(`The API answered HTTP ${answer.status}.`);
  const [error] = body.errors ?? [];
  if (error?.extensions?.code === 'UNAUTHENTICATED' && !headers.authorization) apiKeyRefused(error.message);
  return resultOf(body);
}

export interface Subscriber<TResult> {
  next(result: TResult): void;
  error(error: ApiError): void;
  complete(): void;
}

const KEY_NOT_ACCEPTED = 'The API did not accept the key of this session.';

/** Follows a subscription over server-sent events; returns the function that stops it. */
export function subscribe<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  subscriber: Subscriber<TResult>,
): () => void {
  // No retries: a lost stream is reported rather than replayed.
  const client = createClient({ url: ENDPOINT, headers: () => withApiKey({}), retryAttempts: 0 });
  const stop = client.subscribe<TResult>(
    { query: document.toString(), variables: variables as Record<string, unknown> },
    {
      next: (result) => {
        try {
          subscriber.next(resultOf(result as GraphQLResponse<TResult>));
        } catch (error) {
          stop();
          subscriber.error(error instanceof ApiError ? error : new ApiError(String(error)));
        }
      },
      error: (error) => {
        if (error instanceof NetworkError && error.response?.status === 401) {
          apiKeyRefused(KEY_NOT_ACCEPTED);
          subscriber.error(new ApiError(KEY_NOT_ACCEPTED, 'UNAUTHENTICATED'));
        } else {
          subscriber.error(new ApiError('Lost the connection to the server while following the run.'));
        }
      },
      complete: () => subscriber.complete(),
    },
  );
  return () => {
    stop();
    client.dispose();
  };
}
