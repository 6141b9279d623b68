/**
 * Automatic persisted queries (api.md "HTTP caching and live fields"): a client sends the SHA-256 of
 * a document instead of its text; an unknown hash answers `PersistedQueryNotFound`
 * (PERSISTED_QUERY_NOT_FOUND), so the client sends text and hash once and the hash alone afterwards,
 * by GET where the operation is a query, which browsers and CDNs can cache.
 *
 * The store holds document texts, bounded in bytes like the other caches (api.md "Resources and
 * HTTP"): least recently used dropped first, and a text over the document limit is never kept (it is
 * refused before parsing anyway).
 */
import { useAPQ, type APQStore } from '@graphql-yoga/plugin-apq';
import type { Plugin } from 'graphql-yoga';
import { LRUCache } from 'lru-cache';

export const DEFAULT_PERSISTED_QUERY_BYTES = 8 * 1024 * 1024;

/** A SHA-256 in hex: the plugin keeps a text only under the hash it matches. */
const HASH_LENGTH = 64;

export interface PersistedQueryOptions {
  /** Longest document kept, in bytes (the document size limit). */
  maxDocumentBytes: number;
  /** Bytes of document texts and hashes kept. */
  maxBytes?: number;
}

/** Document texts by hash, least recently used dropped first beyond `maxBytes`. */
export function persistedQueryStore({ maxDocumentBytes, maxBytes = DEFAULT_PERSISTED_QUERY_BYTES }: PersistedQueryOptions): APQStore {
  const documents = new LRUCache<string, string>({
    maxSize: maxBytes,
    maxEntrySize: maxDocumentBytes + HASH_LENGTH,
    sizeCalculation: (query, hash) => Buffer.byteLength(query) + hash.length,
  });
  return { get: (hash) => documents.get(hash), set: (hash, query) => documents.set(hash, query) };
}

/**
 * An unknown hash is answered with HTTP 200 and the error code, as GraphQL errors are: a 404 would be
 * logged as a failed load by every browser on the first use of each query after a restart.
 */
export const persistedQueries = (options: PersistedQueryOptions): Plugin =>
  useAPQ({ store: persistedQueryStore(options), responseConfig: { forceStatusCodeOk: true } });
