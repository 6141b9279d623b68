/** The `Count` scalar (api.md "Large counts"): whole numbers past 2^31, exact up to 2^53 − 1. */
import { Kind, print } from 'graphql';
import { builder } from './builder.ts';
import { badUserInput } from './errors.ts';

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/** A whole number 0..2^53−1, else BAD_USER_INPUT. */
function parseCount(value: unknown): number {
  if (!isCount(value)) {
    throw badUserInput(`Invalid Count ${String(JSON.stringify(value)).slice(0, 100)}: expected a whole number from 0 to 2^53 - 1.`);
  }
  return value;
}

builder.scalarType('Count', {
  description:
    'A whole number ≥ 0 written as a JSON number, exact up to 2^53 − 1 (impressions and clicks of a year pass the 2^31 of `Int`).',
  serialize: (value) => {
    // A stored count is a whole number; anything else is a bug, never a value to round and serve.
    if (!isCount(value)) throw new Error(`not a Count: ${String(value)}`);
    return value;
  },
  parseValue: parseCount,
  parseLiteral: (node) => parseCount(node.kind === Kind.INT ? Number(node.value) : print(node)),
});
