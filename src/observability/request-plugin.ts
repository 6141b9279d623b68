/**
 * Per GraphQL request (api.md "Operations"): the duration histogram, error and refusal counters, and
 * one JSON log line with the request id, operation name, duration, HTTP status, error codes, cost
 * estimate and the credential's name (`anonymous` without one) — never the credential itself.
 */
import { randomUUID } from 'node:crypto';
import { Kind, type DocumentNode, type GraphQLError, type OperationDefinitionNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { ApiContext } from '../context.ts';
import { QUERY_LIMIT_NAMES, type QueryLimitName } from '../schema/errors.ts';
import type { Logger } from './logger.ts';
import { errorCodeLabel, type ApiMetrics } from './metrics.ts';
import { operationLabel } from './operation-names.ts';

/** A request id the client sends is kept when it looks like one; otherwise one is made. */
const REQUEST_ID = /^[\w.:-]{1,64}$/;
const MAX_LOGGED_NAME = 100;

interface RequestRecord {
  id: string;
  started: number;
  operationName: string | null;
  context: ApiContext | null;
  errorCodes: string[];
  refusedBy: QueryLimitName[];
}

const isLimitName = (value: unknown): value is QueryLimitName => QUERY_LIMIT_NAMES.includes(value as QueryLimitName);

function selectedOperation(document: DocumentNode, operationName: string | null | undefined): OperationDefinitionNode | undefined {
  return document.definitions.find(
    (definition): definition is OperationDefinitionNode =>
      definition.kind === Kind.OPERATION_DEFINITION && (!operationName || definition.name?.value === operationName),
  );
}

/**
 * The operation a request names when it was answered without executing (a response cache hit):
 * `operationName`, else the first named operation of the query text, from the URL or JSON body.
 */
async function namedOperation(request: Request, url: URL): Promise<string | null> {
  let params: { operationName?: unknown; query?: unknown } = Object.fromEntries(url.searchParams);
  if (request.method === 'POST' && request.headers.get('content-type')?.includes('application/json')) {
    try {
      params = (await request.clone().json()) as typeof params;
    } catch {
      return null;
    }
  }
  if (typeof params.operationName === 'string') return params.operationName;
  return typeof params.query === 'string' ? (/^\s*(?:query|mutation|subscription)\s+(\w+)/.exec(params.query)?.[1] ?? null) : null;
}

export function observeRequests({ metrics, logger, graphqlEndpoint }: { metrics: ApiMetrics; logger: Logger; graphqlEndpoint: string }): Plugin<ApiContext> {
  const records = new WeakMap<Request, RequestRecord>();
  return {
    onRequest({ request, url }) {
      if (url.pathname !== graphqlEndpoint) return;
      const given = request.headers.get('x-request-id');
      records.set(request, {
        id: given && REQUEST_ID.test(given) ? given : randomUUID(),
        started: performance.now(),
        operationName: null,
        context: null,
        errorCodes: [],
        refusedBy: [],
      });
    },
    onExecute({ args }) {
      const context = args.contextValue as ApiContext & { request: Request };
      const record = records.get(context.request);
      if (!record) return;
      record.context = context;
      record.operationName = selectedOperation(args.document, args.operationName)?.name?.value ?? null;
    },
    onResultProcess({ request, result }) {
      const record = records.get(request);
      if (!record || Symbol.asyncIterator in (result as object)) return;
      const results = Array.isArray(result) ? result : [result];
      for (const { errors } of results as Array<{ errors?: readonly GraphQLError[] }>) {
        for (const error of errors ?? []) {
          record.errorCodes.push(errorCodeLabel(error.extensions?.code));
          if (error.extensions?.code === 'QUERY_TOO_COMPLEX' && isLimitName(error.extensions.limit)) record.refusedBy.push(error.extensions.limit);
        }
      }
    },
    async onResponse({ request, response }) {
      const record = records.get(request);
      if (!record) return;
      const url = new URL(request.url, 'http://localhost');
      const operationName = record.context ? record.operationName : await namedOperation(request, url);
      const seconds = (performance.now() - record.started) / 1000;
      const operation = operationLabel(operationName);
      metrics.requestDuration.observe({ operation }, seconds);
      for (const code of record.errorCodes) metrics.errors.inc({ code });
      for (const limit of record.refusedBy) metrics.refused(limit);
      response.headers.set('x-request-id', record.id);
      logger.info(
        {
          requestId: record.id,
          method: request.method,
          operation,
          operationName: operationName?.slice(0, MAX_LOGGED_NAME) ?? null,
          durationMs: Math.round(seconds * 1e6) / 1e3,
          status: response.status,
          errorCodes: record.errorCodes,
          costEstimate: record.context?.costEstimate ?? null,
          credential: record.context?.identity.name ?? 'anonymous',
        },
        'request',
      );
    },
  };
}
