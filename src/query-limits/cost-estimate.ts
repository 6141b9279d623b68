/**
 * The static cost estimate of api.md "Query limits": how many values a query may return, worked out
 * from its shape before any SQL runs. Arguments are read after the request's variables are applied
 * (with the schema's defaults), so a literal and a variable give the same estimate. List sizes the
 * arguments do not fix come from ASSUMED_LIST_SIZES, generous ceilings of an account's shape rather
 * than the published data, so the estimate of a query never depends on the account it runs on.
 */
import {
  getArgumentValues,
  getNamedType,
  getNullableType,
  getOperationAST,
  getVariableValues,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import { rangeLength } from '../schema/date.ts';
import { MAX_FIRST, MAX_IDS, MAX_SPARKLINE_DAYS } from '../schema/limits.ts';

/** List sizes the arguments do not fix: ceilings well above the largest account the benchmark uses (11 adsets per campaign, 16 ads per adset, 39 regions). */
export const ASSUMED_LIST_SIZES = {
  adsetsPerCampaign: 50,
  adsPerAdset: 50,
  /** Rows of one breakdown of one node, whatever the dimension. */
  breakdownValues: 50,
  namesPerEntity: 10,
  /** Ids of one user list per day of the range (`userIds`). */
  usersPerListDay: 1_000,
  /** `hierarchy` without `adIds` lists every ad. */
  adsPerAccount: 10_000,
  /** Any other list, e.g. in introspection. */
  otherList: 20,
};

export interface Scope {
  /** Days of the range that applies here (the root field's range; one day inside a daily row). */
  rangeDays: number;
  maxRangeDays: number;
}

type Args = Record<string, unknown>;

const clamp = (value: unknown, min: number, max: number, fallback: number) =>
  typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
const idCount = (ids: unknown) => (Array.isArray(ids) ? Math.min(ids.length, MAX_IDS) : 0);

/** Items a list field yields per parent, by field name (the names mean the same on every type). */
const LIST_SIZES: Record<string, (args: Args, scope: Scope) => number> = {
  campaigns: (args) => clamp(args.first, 0, MAX_FIRST, MAX_FIRST),
  adsets: () => ASSUMED_LIST_SIZES.adsetsPerCampaign,
  ads: () => ASSUMED_LIST_SIZES.adsPerAdset,
  breakdown: () => ASSUMED_LIST_SIZES.breakdownValues,
  sparkline: (args) => clamp(args.days, 1, MAX_SPARKLINE_DAYS, MAX_SPARKLINE_DAYS),
  daily: (_, scope) => scope.rangeDays,
  dailyMetrics: (args, scope) => idCount(args.ids) * scope.rangeDays,
  userIds: (_, scope) => ASSUMED_LIST_SIZES.usersPerListDay * scope.rangeDays,
  nameHistory: () => ASSUMED_LIST_SIZES.namesPerEntity,
  canonicalNames: (args) => idCount(args.ids),
  hierarchy: (args) => (Array.isArray(args.adIds) ? idCount(args.adIds) : ASSUMED_LIST_SIZES.adsPerAccount),
  pipelineRuns: (args) => clamp(args.last, 1, 1000, 1000),
};

/** Below these fields each item is one day, so a `userIds` there covers one day. */
const DAILY_ROW_FIELDS = new Set(['daily', 'dailyMetrics']);

/** Days of a DateRangeInput argument value; the longest accepted range when it is not a valid one. */
function daysOf(range: unknown, maxRangeDays: number): number | null {
  if (range === undefined || range === null) return null;
  const { start, end } = range as { start?: unknown; end?: unknown };
  if (typeof start !== 'string' || typeof end !== 'string') return maxRangeDays;
  const days = rangeLength({ start, end });
  return clamp(days, 1, maxRangeDays, maxRangeDays);
}

/** How many items a list field yields per parent, given its arguments and the range in force. */
export type ListSize = (field: GraphQLField<unknown, unknown>, args: Args, scope: Scope) => number;

export interface SelectionCounter {
  schema: GraphQLSchema;
  fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  /** The request's coerced variables (arguments are read with them and the schema's defaults). */
  variableValues: Record<string, unknown>;
  listSize: ListSize;
}

export const fragmentsOf = (document: DocumentNode) =>
  new Map(
    document.definitions
      .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );

/**
 * The values a selection returns per item of `type`: every selected field counts 1, a field with a
 * selection adds its selection once per item, as many items as `listSize` says for a list field.
 */
export function countSelection(counter: SelectionCounter, selectionSet: SelectionSetNode, type: GraphQLCompositeType, scope: Scope): number {
  const { schema, fragments, variableValues, listSize } = counter;
  const fieldOf = (parent: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined => {
    if (parent === schema.getQueryType()) {
      if (name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
      if (name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
    }
    return isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
  };
  const argumentsOf = (field: GraphQLField<unknown, unknown>, node: FieldNode): Args => {
    try {
      return getArgumentValues(field, node, variableValues);
    } catch {
      return {}; // the field itself fails at execution, so its subtree never runs
    }
  };
  const compositeOr = (name: string | undefined, fallback: GraphQLCompositeType) => {
    const named = name === undefined ? undefined : schema.getType(name);
    return named && isCompositeType(named) ? named : fallback;
  };

  const count = (set: SelectionSetNode, parent: GraphQLCompositeType, current: Scope, fragmentPath: readonly string[]): number => {
    let values = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        values += count(selection.selectionSet, compositeOr(selection.typeCondition?.name.value, parent), current, fragmentPath);
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || fragmentPath.includes(fragment.name.value)) continue;
        const fragmentType = compositeOr(fragment.typeCondition.name.value, parent);
        values += count(fragment.selectionSet, fragmentType, current, [...fragmentPath, fragment.name.value]);
        continue;
      }
      values += 1;
      const field = fieldOf(parent, selection.name.value);
      const isList = field !== undefined && isListType(getNullableType(field.type));
      if (!field || (!selection.selectionSet && !isList)) continue;
      const args = argumentsOf(field, selection);
      const rangeDays = Math.max(daysOf(args.range, current.maxRangeDays) ?? 0, daysOf(args.compareTo, current.maxRangeDays) ?? 0);
      const fieldScope = rangeDays > 0 ? { ...current, rangeDays } : current;
      const items = isList ? listSize(field, args, fieldScope) : 1;
      const itemType = getNamedType(field.type);
      const itemScope = DAILY_ROW_FIELDS.has(field.name) ? { ...fieldScope, rangeDays: 1 } : fieldScope;
      // A leaf list (e.g. userIds) counts one value per item.
      const perItem = selection.selectionSet && isCompositeType(itemType) ? count(selection.selectionSet, itemType, itemScope, fragmentPath) : 1;
      values += items * perItem;
    }
    return values;
  };
  return count(selectionSet, type, scope, []);
}

/** List sizes of the estimate: from the arguments where they fix it, else ASSUMED_LIST_SIZES. */
const estimatedListSize: ListSize = (field, args, scope) => LIST_SIZES[field.name]?.(args, scope) ?? ASSUMED_LIST_SIZES.otherList;

export interface CostEstimateInput {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
  maxRangeDays: number;
}

/**
 * The estimated number of values the operation returns. Null when the operation or its variables
 * are invalid (execution then reports that before any resolver runs).
 */
export function estimateCost({ schema, document, operationName, variables, maxRangeDays }: CostEstimateInput): number | null {
  const operation = getOperationAST(document, operationName);
  const rootType = operation && schema.getRootType(operation.operation);
  if (!operation || !rootType) return null;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {});
  if (coerced.errors) return null;
  const counter = { schema, fragments: fragmentsOf(document), variableValues: coerced.coerced, listSize: estimatedListSize };
  return countSelection(counter, operation.selectionSet, rootType, { rangeDays: maxRangeDays, maxRangeDays });
}
