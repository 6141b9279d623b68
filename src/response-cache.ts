/**
 * The response cache: a repeated query is answered with the stored response body, keyed by
 * the request (method, `Accept`, body or URL query) and the published run (the data version), so a
 * finished run makes every cached answer stale at once. It works on whole HTTP bodies: a hit skips
 * parsing, execution and serialisation, and a miss costs one copy of the body.
 *
 * HTTP caching (api.md "HTTP caching and live fields"): an answer is replayed only to requests it
 * was produced for — `Accept` is part of the key and named in `Vary`, so the media type replayed is
 * the one yoga negotiated for that `Accept`; every cacheable answer, GET or POST, carries an `ETag`
 * and `If-None-Match` with it gets 304 without a body; operations that reach live data (schema/live.ts)
 * are never stored.
 *
 * @graphql-yoga/plugin-response-cache was measured first: its per-result walk for entity
 * invalidation (which a version key makes unnecessary) made an uncached dashboard query 4.6× slower
 * (52 → 242 ms on the large data) and a hit still re-serialised the 316 KB result (3.9 ms).
 */
import { createHash } from 'node:crypto';
import {
  BREAK,
  getOperationAST,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type ASTNode,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { LRUCache } from 'lru-cache';
import { fragmentsOf } from './query-limits/cost-estimate.ts';
import { isLiveField } from './schema/live.ts';

interface CachedResponse {
  /** Encoded once: a hit writes these bytes as they are. */
  body: Uint8Array<ArrayBuffer>;
  contentType: string;
  lastModified: string;
}

export const DEFAULT_RESPONSE_CACHE_BYTES = 64 * 1024 * 1024;

/**
 * Headers of every cacheable answer: browsers and CDNs may keep it per `Accept`, and must ask again
 * (cheaply, with `If-None-Match`) before reusing it, since a publish changes it at any moment.
 */
const cachingHeaders = (etag: string, lastModified: string) => ({
  etag,
  'last-modified': lastModified,
  vary: 'Accept',
  'cache-control': 'no-cache',
});

/** True when `If-None-Match` names `etag` (weak comparison, RFC 9110 13.1.2) or is `*`. */
function matchesIfNoneMatch(request: Request, etag: string): boolean {
  const header = request.headers.get('if-none-match');
  if (header === null) return false;
  return header.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed.replace(/^W\//, '') === etag;
  });
}

const liveByDocument = new WeakMap<DocumentNode, Map<string, boolean>>();

/**
 * True when the operation reaches a live field or type anywhere in its resolved selection: through
 * fragments, inline fragments, aliases or nested selections (each field is looked up on the type it is
 * selected on, as execution would).
 */
export function readsLiveData(schema: GraphQLSchema, document: DocumentNode, operationName?: string | null): boolean {
  let byOperation = liveByDocument.get(document);
  if (!byOperation) liveByDocument.set(document, (byOperation = new Map()));
  const cached = byOperation.get(operationName ?? '');
  if (cached !== undefined) return cached;

  const operation = getOperationAST(document, operationName);
  const fragments = fragmentsOf(document);
  const pending: ASTNode[] = operation ? [operation] : [];
  const reached = new Set<string>();
  let live = operation === null;
  while (!live && pending.length > 0) {
    const typeInfo = new TypeInfo(schema);
    visit(
      pending.pop()!,
      visitWithTypeInfo(typeInfo, {
        Field() {
          const field = typeInfo.getFieldDef();
          if (field && isLiveField(field)) {
            live = true;
            return BREAK;
          }
        },
        FragmentSpread({ name: { value: name } }) {
          const fragment = fragments.get(name);
          if (fragment && !reached.has(name)) {
            reached.add(name);
            pending.push(fragment);
          }
        },
      }),
    );
  }
  byOperation.set(operationName ?? '', live);
  return live;
}

export interface ResponseCacheOptions {
  /** The published run, or null before any: part of every key. */
  dataVersion: () => Promise<number | null>;
  /** Bytes of response bodies kept, least recently used dropped first; a body over an eighth of it is not kept. */
  maxBytes?: number;
  /** Only request bodies that declare a length up to this are read for the key (larger ones get 413 later). */
  maxRequestBytes: number;
  /** Told the outcome of every lookup (the response cache metric, api.md "Operations"). */
  onLookup?: (result: 'hit' | 'miss') => void;
}

export function responseCache({ dataVersion, maxBytes = DEFAULT_RESPONSE_CACHE_BYTES, maxRequestBytes, onLookup }: ResponseCacheOptions): Plugin {
  const maxEntryBytes = maxBytes / 8;
  const entries = new LRUCache<string, CachedResponse>({
    maxSize: maxBytes,
    maxEntrySize: maxEntryBytes,
    sizeCalculation: (response, key) => response.body.byteLength + key.length,
  });
  let entriesVersion: number | null = null;
  const keyOf = new WeakMap<Request, string>();
  const cacheable = new WeakSet<Request>();

  /** What identifies the request's answer: the GET URL's query or the POSTed JSON body; null for anything else. */
  async function requestIdentity(request: Request): Promise<string | null> {
    if (request.method === 'GET') {
      const { search } = new URL(request.url);
      return search === '' ? null : search;
    }
    if (request.method !== 'POST' || !request.headers.get('content-type')?.includes('application/json')) return null;
    const length = Number(request.headers.get('content-length') ?? Number.NaN);
    return length <= maxRequestBytes ? request.clone().text() : null;
  }

  return {
    async onRequest({ request, endResponse, fetchAPI }) {
      const identity = await requestIdentity(request);
      if (identity === null) return;
      const version = await dataVersion();
      if (version !== entriesVersion) {
        entries.clear();
        entriesVersion = version;
      }
      const digest = createHash('sha256')
        .update(`${request.method}\n${request.headers.get('accept') ?? ''}\n${identity}`)
        .digest('base64url');
      const key = `${version}:${digest}`;
      const hit = entries.get(key);
      onLookup?.(hit ? 'hit' : 'miss');
      if (hit) {
        const etag = `"${key}"`;
        const headers = cachingHeaders(etag, hit.lastModified);
        endResponse(
          matchesIfNoneMatch(request, etag)
            ? new fetchAPI.Response(null, { status: 304, headers })
            : new fetchAPI.Response(hit.body, { status: 200, headers: { ...headers, 'content-type': hit.contentType } }),
        );
        return;
      }
      keyOf.set(request, key);
    },
    onExecute({ args }) {
      if (getOperationAST(args.document, args.operationName)?.operation !== 'query') return;
      if (readsLiveData(args.schema, args.document, args.operationName)) return;
      const { request } = args.contextValue as { request: Request };
      return {
        onExecuteDone: ({ result }) => {
          if (!('errors' in result && result.errors?.length)) cacheable.add(request);
        },
      };
    },
    async onResponse({ request, response, setResponse, fetchAPI }) {
      const key = keyOf.get(request);
      if (key === undefined) return;
      if (!cacheable.has(request) || response.status !== 200) {
        // A GET answer that is live, an error or a PersistedQueryNotFound (404, heuristically cacheable) is not for keeping.
        if (request.method === 'GET') response.headers.set('cache-control', 'no-store');
        return;
      }
      if (Number(response.headers.get('content-length')) > maxEntryBytes) return; // not worth copying
      const lastModified = new Date().toUTCString();
      entries.set(key, {
        body: new Uint8Array(await response.clone().arrayBuffer()),
        contentType: response.headers.get('content-type') ?? 'application/json',
        lastModified,
      });
      if (!entries.has(key)) return; // larger than an entry may be
      const etag = `"${key}"`;
      const headers = cachingHeaders(etag, lastModified);
      if (matchesIfNoneMatch(request, etag)) {
        setResponse(new fetchAPI.Response(null, { status: 304, headers }));
        return;
      }
      // `Vary` is added to, not replaced: CORS may already vary the answer by `Origin`.
      for (const [name, value] of Object.entries(headers)) response.headers[name === 'vary' ? 'append' : 'set'](name, value);
    },
  };
}
