/**
 * The query limits of api.md as yoga plugins, in the order a request meets them: document size
 * (before parsing), tokens (while parsing), depth and aliases (validation), the cost estimate (after
 * variables are known, before any resolver), the execution budget (while resolving). Every refusal
 * is QUERY_TOO_COMPLEX with a message naming the limit and the measured value.
 */
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { GraphQLError, Lexer, Source, TokenKind, type ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { ApiContext } from '../context.ts';
import { queryTooComplex, type QueryLimitName } from '../schema/errors.ts';
import { estimateCost } from './cost-estimate.ts';
import type { DocumentCache } from './document-cache.ts';

export interface QueryLimits {
  /** Longest document, in UTF-8 bytes; a longer one is refused before it is parsed. */
  maxDocumentBytes: number;
  maxTokens: number;
  /** Deepest field nesting (fragments do not add depth). */
  maxDepth: number;
  maxAliases: number;
  /** Highest accepted cost estimate: the values a query may return (see cost-estimate.ts). */
  maxCost: number;
  /** The execution budget: values a request may resolve. */
  maxResolvedValues: number;
}

/**
 * Calibrated on the always-served class: the whole tree at `first: 1000` with every metric, the
 * comparison, a 366-day sparkline and a breakdown per node is estimated at about 1.1e10 (under the
 * assumed 50 adsets per campaign and 50 ads per adset) and resolves about 3.3 million values on the
 * large benchmark account (5 million with the comparison); the cyclic fan-out of the hostile load (bench/hostile.ts) is
 * estimated at 4.6e11.
 */
export const DEFAULT_QUERY_LIMITS: QueryLimits = {
  maxDocumentBytes: 100_000,
  maxTokens: 10_000,
  maxDepth: 10,
  maxAliases: 20,
  maxCost: 20_000_000_000,
  maxResolvedValues: 12_000_000,
};

const formatted = (value: number) => value.toLocaleString('en-US');

/** Counts a document's tokens (only called on documents within the byte limit). */
function tokenCount(source: string): number {
  const lexer = new Lexer(new Source(source));
  let tokens = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) tokens += 1;
  } catch {
    // a syntax error further on: the tokens up to it are the measured value
  }
  return tokens;
}

/** graphql-armor's refusals ("Syntax Error: Query depth limit of 10 exceeded, found 12.") as QUERY_TOO_COMPLEX. */
const armorOptions = (limit: QueryLimitName) => ({
  propagateOnRejection: false,
  onReject: [
    (context: ValidationContext | null, error: GraphQLError) =>
      context?.reportError(queryTooComplex(`Query too complex: ${error.message.replace(/^Syntax Error: /, '')}`, limit)),
  ],
});

export function queryLimitPlugins(limits: QueryLimits, maxRangeDays: number, documentCache: DocumentCache): Plugin<ApiContext>[] {
  const documentLimits: Plugin<ApiContext> = {
    onParse({ params, parseFn, setParseFn }) {
      const source = typeof params.source === 'string' ? params.source : params.source.body;
      const bytes = Buffer.byteLength(source);
      if (bytes > limits.maxDocumentBytes) {
        throw queryTooComplex(`Query too complex: the document is ${formatted(bytes)} bytes, over the limit of ${formatted(limits.maxDocumentBytes)} bytes.`, 'document_bytes');
      }
      setParseFn((text, options) => {
        try {
          return parseFn(text, { ...options, maxTokens: limits.maxTokens });
        } catch (error) {
          if (!(error instanceof GraphQLError) || !/contains more that \d+ tokens/.test(error.message)) throw error;
          throw queryTooComplex(
            `Query too complex: the document has ${formatted(tokenCount(source))} tokens, over the limit of ${formatted(limits.maxTokens)}.`,
            'tokens',
          );
        }
      });
    },
    onValidate: ({ params }) => ({ result }) => {
      if (result.length > 0) documentCache.forget(params.documentAST);
    },
  };

  const costAndBudget: Plugin<ApiContext> = {
    onExecute({ args, setResultAndStopExecution }) {
      const cost = estimateCost({
        schema: args.schema,
        document: args.document,
        operationName: args.operationName,
        variables: args.variableValues,
        maxRangeDays,
      });
      args.contextValue.costEstimate = cost;
      if (cost !== null && cost > limits.maxCost) {
        documentCache.forget(args.document);
        setResultAndStopExecution({
          errors: [
            queryTooComplex(
              `Query too complex: its estimated cost is ${formatted(cost)}, over the limit of ${formatted(limits.maxCost)} ` +
                '(the values it may return, counting every list at its largest). Ask for fewer nodes, days, lists or aliases.',
              'cost',
            ),
          ],
        });
        return;
      }
      const { budget } = args.contextValue;
      return {
        onExecuteDone: ({ result, setResult }) => {
          if (budget.stopped && !(Symbol.asyncIterator in result)) setResult({ data: null, errors: [budget.stopped] });
        },
      };
    },
  };

  return [
    documentLimits,
    maxDepthPlugin({ n: limits.maxDepth, flattenFragments: true, ...armorOptions('depth') }),
    maxAliasesPlugin({ n: limits.maxAliases, ...armorOptions('aliases') }),
    costAndBudget,
  ];
}
