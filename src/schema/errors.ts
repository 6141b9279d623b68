/**
 * The expected errors of api.md, as GraphQL errors with `extensions.code`. They are made by yoga's
 * own factory, so yoga recognises them as expected (and does not mask them) whichever copy of
 * `graphql` a module loader hands to this file.
 */
import { createGraphQLError } from 'graphql-yoga';
import type { Role } from '../auth/identity.ts';
import type { ApiContext } from '../context.ts';
import type { PublishedDataset } from '../db/tables/pipeline-runs-reads.ts';

export const badUserInput = (message: string) => createGraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });

/** The query limits of api.md "Query limits", as refusals name them (`extensions.limit`, the refusals metric's label). */
export const QUERY_LIMIT_NAMES = ['document_bytes', 'tokens', 'depth', 'aliases', 'cost', 'execution_budget', 'heavy_queue'] as const;
export type QueryLimitName = (typeof QUERY_LIMIT_NAMES)[number];

/** A query limit of api.md ("Query limits") refused or stopped the request; the message names the limit and the measured value. */
export const queryTooComplex = (message: string, limit: QueryLimitName) =>
  createGraphQLError(message, { extensions: { code: 'QUERY_TOO_COMPLEX', limit } });

/** Fields that read metrics, names or the hierarchy need a published pipeline run. */
export async function requirePublished(ctx: ApiContext): Promise<PublishedDataset> {
  const dataset = await ctx.dataset();
  if (!dataset) {
    throw createGraphQLError('No pipeline run has completed yet: run the pipeline to publish data.', {
      extensions: { code: 'NO_DATA' },
    });
  }
  return dataset;
}

/** The request's identity must have `role` (api.md "Access control"): anonymous → UNAUTHENTICATED, a weaker role → FORBIDDEN. */
export function requireRole(ctx: ApiContext, role: Role, action: string): void {
  const { identity } = ctx;
  if (identity.kind === 'anonymous') {
    throw createGraphQLError(`${action} needs a credential with the ${role} role: send "Authorization: Bearer <API key or PIPELINE_TOKEN>".`, {
      extensions: { code: 'UNAUTHENTICATED' },
    });
  }
  if (identity.role !== role) {
    throw createGraphQLError(`${action} needs the ${role} role; "${identity.name}" is a ${identity.role}.`, { extensions: { code: 'FORBIDDEN' } });
  }
}

export const pipelineBusy = (runningId: number) =>
  createGraphQLError(`A pipeline run is already in progress: run ${runningId}.`, {
    extensions: { code: 'PIPELINE_BUSY', runId: String(runningId) },
  });

export const pipelineNotConfigured = () =>
  createGraphQLError('This server has no source database: start it with --source <source.sqlite> (or SOURCE_DATABASE_PATH).', {
    extensions: { code: 'PIPELINE_NOT_CONFIGURED' },
  });
