/** The expected errors of api.md, as GraphQL errors with `extensions.code`. */
import { GraphQLError } from 'graphql';
import type { ApiContext } from '../context.ts';
import type { PublishedDataset } from '../db/tables/pipeline-runs-reads.ts';

export const badUserInput = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });

/** Fields that read metrics, names or the hierarchy need a published pipeline run. */
export function requirePublished(ctx: ApiContext): PublishedDataset {
  const dataset = ctx.dataset();
  if (!dataset) {
    throw new GraphQLError('No pipeline run has completed yet: run the pipeline to publish data.', {
      extensions: { code: 'NO_DATA' },
    });
  }
  return dataset;
}
