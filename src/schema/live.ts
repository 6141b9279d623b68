/**
 * Live data (api.md "HTTP caching and live fields"): what changes without a publish, such as the run
 * history, is marked in the schema, on its type (every field returning it is live) or on a field, so
 * the response cache can refuse any operation that reaches it, however it is spelt.
 */
import { getNamedType, type GraphQLField } from 'graphql';

/** Schema extensions of a live type or field: `extensions: LIVE`. */
export const LIVE = Object.freeze({ live: true });

const isMarked = (extensions: Readonly<Record<string, unknown>> | null | undefined) => extensions?.live === true;

/** True when the field, or the type it returns, is marked live. */
export const isLiveField = (field: GraphQLField<unknown, unknown>) => isMarked(field.extensions) || isMarked(getNamedType(field.type).extensions);
