/**
 * Compiled execution (graphql-jit through its envelop plugin) for the queries clients repeat. A
 * dashboard tree resolves thousands of fields, and graphql-js's generic executor costs about as much
 * as the SQL behind them (README, "Where the dashboard's time goes").
 *
 * Compiling costs more than executing once and the compiled code is large, so a document is
 * compiled only when it comes a second time, and only while it is one of the most recent
 * `RECENT_DOCUMENTS` documents: a stream of ever-new documents compiles nothing and holds nothing.
 * Subscriptions and requests whose variables do not coerce stay on graphql-js, whose error
 * messages name the scalar's problem (e.g. an impossible Date).
 */
import { getDocumentString, type Plugin } from '@envelop/core';
import { useGraphQlJit, type JITCache } from '@envelop/graphql-jit';
import { getOperationAST, getVariableValues, type ExecutionArgs } from 'graphql';

const RECENT_DOCUMENTS = 50;

/** A map that forgets its least recently used entries beyond `limit`. */
class RecentMap<Value> {
  private readonly entries = new Map<string, Value>();
  constructor(private readonly limit: number) {}

  get(key: string): Value | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: Value): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value!);
  }
}

export function compiledExecution(): Plugin {
  const seen = new RecentMap<true>(RECENT_DOCUMENTS);
  const compiled: JITCache = new RecentMap(RECENT_DOCUMENTS);
  const worthCompiling = ({ schema, document, operationName, variableValues }: ExecutionArgs) => {
    const operation = getOperationAST(document, operationName);
    if (!operation || operation.operation === 'subscription') return false;
    const source = getDocumentString(document) ?? '';
    if (!seen.get(source)) {
      seen.set(source, true);
      return false;
    }
    return !getVariableValues(schema, operation.variableDefinitions ?? [], variableValues ?? {}).errors;
  };
  return useGraphQlJit({}, { enableIf: worthCompiling, cache: compiled });
}
