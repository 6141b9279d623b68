/**
 * api.md "Errors": a missing or mistyped variable or argument is `BAD_USER_INPUT`, like every other
 * problem with what the client sent. graphql-js reports these without a code (variables, while
 * coercing them) or yoga marks them GRAPHQL_VALIDATION_FAILED (arguments, in validation); this
 * plugin gives them the code and leaves their messages and HTTP status as they are.
 */
import {
  KnownArgumentNamesRule,
  Kind,
  ProvidedRequiredArgumentsRule,
  UniqueArgumentNamesRule,
  validate,
  ValuesOfCorrectTypeRule,
  VariablesInAllowedPositionRule,
  type ASTNode,
  type GraphQLError,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** The validation rules about argument values, names and the variables given to arguments. */
const ARGUMENT_RULES = [
  KnownArgumentNamesRule,
  UniqueArgumentNamesRule,
  ProvidedRequiredArgumentsRule,
  ValuesOfCorrectTypeRule,
  VariablesInAllowedPositionRule,
];

const markBadUserInput = (error: GraphQLError) => {
  (error as { extensions: Record<string, unknown> }).extensions = { ...error.extensions, code: 'BAD_USER_INPUT' };
};

export const badUserInputCodes: Plugin = {
  onValidate({ params }) {
    return ({ valid, result }) => {
      if (valid) return;
      // Only documents that failed validation are checked again, against the argument rules alone.
      const argumentProblems = new Set(validate(params.schema, params.documentAST, ARGUMENT_RULES).map((error) => error.message));
      for (const error of result) if (argumentProblems.has(error.message)) markBadUserInput(error);
    };
  },
  onExecute() {
    return {
      onExecuteDone({ result }) {
        if (!('errors' in result) || !result.errors) return;
        // graphql-js names the variable's definition as the node of every variable coercion error.
        for (const error of result.errors) {
          if (error.nodes?.some((node: ASTNode) => node.kind === Kind.VARIABLE_DEFINITION)) markBadUserInput(error);
        }
      },
    };
  },
};
