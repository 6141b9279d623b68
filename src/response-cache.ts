/**
 * The response cache (issue 5): a repeated query is answered with the stored response body, keyed by
 * the request body and the published run (the data version), so a finished run makes every cached
 * answer stale at once. It works on whole HTTP bodies: a hit skips parsing, execution and
 * serialisation, and a miss costs one copy of the body.
 *
 * @graphql-yoga/plugin-response-cache was measured first: its per-result walk for entity
 * invalidation (which a version key makes unnecessary) made an uncached dashboard query 4.6× slower
 * (52 → 242 ms on the large data) and a hit still re-serialised the 316 KB result (3.9 ms).
 */
import { createHash } from 'node:crypto';
import { Kind, type DefinitionNode, type OperationDefinitionNode, type SelectionNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { LRUCache } from 'lru-cache';

/** Root fields whose answers change while the data version does not (live run history; dataStatus's freshness and next scheduled run). */
const LIVE_ROOT_FIELDS = new Set(['pipelineRun', 'pipelineRuns', 'dataStatus']);

interface CachedResponse {
  /** Encoded once: a hit writes these bytes as they are. */
  body: Uint8Array<ArrayBuffer>;
  contentType: string;
  lastModified: string;
}

export const DEFAULT_RESPONSE_CACHE_BYTES = 64 * 1024 * 1024;

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

  return {
    async onRequest({ request, endResponse, fetchAPI }) {
      if (request.method !== 'POST' || !request.headers.get('content-type')?.includes('application/json')) return;
      const length = Number(request.headers.get('content-length') ?? Number.NaN);
      if (!(length <= maxRequestBytes)) return;
      const version = await dataVersion();
      if (version !== entriesVersion) {
        entries.clear();
        entriesVersion = version;
      }
      const key = `${version}:${createHash('sha256').update(await request.clone().text()).digest('base64url')}`;
      const hit = entries.get(key);
      onLookup?.(hit ? 'hit' : 'miss');
      if (hit) {
        endResponse(
          new fetchAPI.Response(hit.body, {
            status: 200,
            headers: { 'content-type': hit.contentType, etag: `"${key}"`, 'last-modified': hit.lastModified },
          }),
        );
        return;
      }
      keyOf.set(request, key);
    },
    onExecute({ args }) {
      const operation = args.document.definitions.find(
        (definition: DefinitionNode): definition is OperationDefinitionNode =>
          definition.kind === Kind.OPERATION_DEFINITION && (!args.operationName || definition.name?.value === args.operationName),
      );
      const live = operation?.selectionSet.selections.some(
        (selection: SelectionNode) => selection.kind === Kind.FIELD && LIVE_ROOT_FIELDS.has(selection.name.value),
      );
      if (operation?.operation !== 'query' || live) return;
      const { request } = args.contextValue as { request: Request };
      return {
        onExecuteDone: ({ result }) => {
          if (!('errors' in result && result.errors?.length)) cacheable.add(request);
        },
      };
    },
    async onResponse({ request, response }) {
      const key = keyOf.get(request);
      if (key === undefined || !cacheable.has(request) || response.status !== 200) return;
      if (Number(response.headers.get('content-length')) > maxEntryBytes) return; // not worth copying
      const lastModified = new Date().toUTCString();
      entries.set(key, {
        body: new Uint8Array(await response.clone().arrayBuffer()),
        contentType: response.headers.get('content-type') ?? 'application/json',
        lastModified,
      });
      if (!entries.has(key)) return; // larger than an entry may be
      response.headers.set('etag', `"${key}"`);
      response.headers.set('last-modified', lastModified);
    },
  };
}
