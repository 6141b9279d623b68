/**
 * Error messages quote at most 100 characters of the offending input (api.md "Resources and HTTP"):
 * graphql-js and the resolvers quote input values, names and literals in double quotes, JSON style,
 * so every longer quoted string in a message is cut to its first 100 characters. This runs on the
 * final result, so it covers parse, validation, variable and resolver errors alike.
 */
import type { Plugin } from 'graphql-yoga';

export const MAX_QUOTED_CHARACTERS = 100;

const QUOTED = /"((?:[^"\\]|\\.)*)"/g;

/** The message with every quoted string longer than 100 characters cut, marked with "…". */
export function shortenQuotes(message: string): string {
  return message.replace(QUOTED, (quoted, inner: string) =>
    inner.length > MAX_QUOTED_CHARACTERS ? `"${inner.slice(0, MAX_QUOTED_CHARACTERS)}…"` : quoted,
  );
}

export const shortenQuotedInput: Plugin = {
  onResultProcess({ result }) {
    for (const single of Array.isArray(result) ? result : [result]) {
      if (!('errors' in single) || !single.errors) continue;
      for (const error of single.errors) {
        const short = shortenQuotes(error.message);
        // Messages are own properties of each error; cached validation errors are cut once and stay cut.
        if (short !== error.message) (error as { message: string }).message = short;
      }
    }
  },
};
