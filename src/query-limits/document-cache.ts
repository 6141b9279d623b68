/**
 * yoga's parse and validation caches, bounded in bytes instead of entries (api.md "Resources and
 * HTTP"): a parsed document is kept by its source text with a size estimated from that text, and
 * validation results live only as long as their document (yoga keys them by the document object).
 * Documents that fail to parse, fail validation or are refused by a query limit are not kept.
 */
import type { DocumentNode } from 'graphql';
import type { YogaServerOptions } from 'graphql-yoga';
import { LRUCache } from 'lru-cache';

/** Heap bytes of a parsed document per character of its source (measured 39–48 with graphql 16; rounded up). */
const PARSED_BYTES_PER_CHARACTER = 64;

export const DEFAULT_DOCUMENT_CACHE_BYTES = 32 * 1024 * 1024;

export interface DocumentCache {
  options: NonNullable<YogaServerOptions<object, object>['parserAndValidationCache']>;
  /** Drops a refused document, so it holds no memory once its request is answered. */
  forget(document: DocumentNode): void;
}

export function createDocumentCache(maxBytes = DEFAULT_DOCUMENT_CACHE_BYTES): DocumentCache {
  const documents = new LRUCache<string, DocumentNode>({
    maxSize: maxBytes,
    sizeCalculation: (_, source) => Math.max(1, source.length * PARSED_BYTES_PER_CHARACTER),
  });
  return {
    options: {
      documentCache: documents,
      // Parse errors are answered and forgotten: the refused text is never kept.
      errorCache: { get: () => undefined, set: () => {} },
      validationCache: true,
    },
    forget: (document) => {
      const source = document.loc?.source.body;
      if (source !== undefined) documents.delete(source);
    },
  };
}
