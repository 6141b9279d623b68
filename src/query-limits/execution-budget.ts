/**
 * The per-request execution budget of api.md "Query limits": the values a request has resolved,
 * counted as its lists resolve (each item times the values its selection asks for). What the static
 * estimate lets through but the data makes large (e.g. long user lists) is stopped once it passes
 * the budget: no further list resolves, and the whole result becomes QUERY_TOO_COMPLEX with no data.
 */
import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import { getNamedType, isCompositeType, type FieldNode, type GraphQLFieldResolver, type GraphQLError, type GraphQLResolveInfo } from 'graphql';
import { queryTooComplex } from '../schema/errors.ts';
import { countSelection } from './cost-estimate.ts';

export class ExecutionBudget {
  private spent = 0;
  /** Set once the budget is passed; every later list resolve throws it. */
  stopped: GraphQLError | null = null;

  constructor(readonly maxValues: number) {}

  /** Throws when the budget is already spent, before a resolver can read anything. */
  check(): void {
    if (this.stopped) throw this.stopped;
  }

  /** Counts a resolved list; throws QUERY_TOO_COMPLEX when it passes the budget. */
  spendItems<T>(items: T, info: GraphQLResolveInfo): T {
    if (!Array.isArray(items)) return items;
    this.spent += items.length * valuesPerItem(info);
    if (this.spent > this.maxValues) {
      this.stopped ??= queryTooComplex(
        `Query too complex: it resolved ${this.spent.toLocaleString('en-US')} values, over the execution budget of ` +
          `${this.maxValues.toLocaleString('en-US')} values per request. Ask for fewer nodes, days or user lists.`,
        'execution_budget',
      );
      throw this.stopped;
    }
    return items;
  }
}

/** Values per item of a list field's selection, not counting the items of lists nested in it (they count when they resolve). */
const perItemCache = new WeakMap<FieldNode, number>();
function valuesPerItem(info: GraphQLResolveInfo): number {
  const node = info.fieldNodes[0]!;
  let values = perItemCache.get(node);
  if (values === undefined) {
    const itemType = getNamedType(info.returnType);
    const counter = { schema: info.schema, fragments: new Map(Object.entries(info.fragments)), variableValues: info.variableValues, listSize: () => 0 };
    const scope = { rangeDays: 1, maxRangeDays: 1 };
    values = isCompositeType(itemType)
      ? info.fieldNodes.reduce((sum, fieldNode) => sum + (fieldNode.selectionSet ? countSelection(counter, fieldNode.selectionSet, itemType, scope) : 0), 0)
      : 1;
    perItemCache.set(node, values);
  }
  return values;
}

/** Wraps every list field's resolver so the request's budget counts what it returns. */
export class ExecutionBudgetPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> {
    if (fieldConfig.type.kind !== 'List') return resolver;
    return (parent, args, context, info) => {
      const { budget } = context as { budget: ExecutionBudget };
      budget.check();
      const items: unknown = resolver(parent, args, context, info);
      return items instanceof Promise ? items.then((resolved) => budget.spendItems(resolved, info)) : budget.spendItems(items, info);
    };
  }
}

SchemaBuilder.registerPlugin('executionBudget', ExecutionBudgetPlugin);

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  export namespace PothosSchemaTypes {
    interface Plugins<Types extends SchemaTypes> {
      executionBudget: ExecutionBudgetPlugin<Types>;
    }
  }
}
