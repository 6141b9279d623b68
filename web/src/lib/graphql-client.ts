/**
 * The page's only way to data: the public GraphQL API at /graphql, with the typed documents that
 * codegen writes from src/operations (web/src/generated). Queries and mutations are sent by hash
 * (queries by GET); subscriptions arrive as server-sent events.
 */
import type { TypedDocumentString } from '../generated/graphql.ts';

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

/**
 * Operations go by hash (automatic persisted queries): queries as GET, which the browser and a CDN
 * can cache and revalidate (ETag), mutations as POST. An unknown hash (PERSISTED_QUERY_NOT_FOUND)
 * is answered by sending the text with it once, which the server then keeps.
 */
async function send(query: string, variables: unknown, headers: Record<string, string>): Promise<Response> {
  const hash = await documentHash(query);
  const post = (body: object) =>
    fetch(endpointUrl(), { method: 'POST', headers: { 'content-type': 'application/json', accept: ACCEPT, ...headers }, body: JSON.stringify(body) });
  if (hash === null) return post({ query, variables });
  const extensions = { persistedQuery: { version: 1, sha256Hash: hash } };
  let byHash: Response;
  if (/^\s*query\b/.test(query)) {
    const url = endpointUrl();
    url.searchParams.set('variables', JSON.stringify(variables));
    url.searchParams.set('extensions', JSON.stringify(extensions));
    byHash = await fetch(url, { headers: { accept: ACCEPT, ...headers } });
  } else {
    byHash = await post({ variables, extensions });
  }
  const notFound = /PERSISTED_QUERY_NOT_FOUND/.test(await byHash.clone().text());
  return notFound ? post({ query, variables, extensions }) : byHash;
}

export async function request<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  headers: Record<string, string> = {},
): Promise<TResult> {
  let response: Response;
  try {
    response = await send(document.toString(), variables, headers);
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
  const url = endpointUrl();
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
