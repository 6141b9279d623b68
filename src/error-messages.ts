/**
 * Bounded errors (api.md "Errors"): no error quotes more than 100 characters of the request, and
 * no error response is larger than 4 KiB plus 1 KiB per error listed. This runs on the final
 * result, whatever produced its errors (request parsing, document parsing, validation, variable
 * coercion, resolvers), so no source of errors can be forgotten:
 * - graphql-js and the resolvers quote input values, names and literals in double quotes, JSON
 *   style: every longer quoted string is cut to its first 100 characters;
 * - graphql-js shows a variable's invalid value as an object or list without quotes around its
 *   keys (`got invalid value { kkk…: 1 }`): that value is cut to 100 characters;
 * - yoga attaches the JSON parser's own message to a malformed body as `extensions.originalError`,
 *   and that message echoes the body: cut to 100 characters (the object is kept, since yoga answers
 *   HTTP 400 rather than 200 because of it); any other extension value larger than a code is
 *   dropped (yoga's `http`, never sent, is kept for the status);
 * - what is left is cut to fit each error into 1 KiB of JSON.
 */
import { GraphQLError } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';

export const MAX_QUOTED_CHARACTERS = 100;
/** The serialised size of one error, message, locations, path and extensions together. */
export const MAX_ERROR_BYTES = 1024;
/** An extension value larger than this (serialised) is not the code or a small detail: dropped. */
const MAX_EXTENSION_BYTES = 128;
/** Locations beyond these add nothing a client can act on. */
const MAX_LOCATIONS = 10;

const ELLIPSIS = '…';
const QUOTED = /"((?:[^"\\]|\\.)*)"/g;
const INVALID_VALUE = 'got invalid value ';

const jsonBytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value) ?? '');

/** The message with every quoted string longer than 100 characters cut, marked with "…". */
export function shortenQuotes(message: string): string {
  return message.replace(QUOTED, (quoted, inner: string) =>
    inner.length > MAX_QUOTED_CHARACTERS ? `"${inner.slice(0, MAX_QUOTED_CHARACTERS)}${ELLIPSIS}"` : quoted,
  );
}

/**
 * Where the value that graphql-js printed after "got invalid value " ends: at the first `; ` or
 * ` at "` outside quotes and brackets (the rest of its message), else at the end.
 */
function inspectedValueEnd(message: string, start: number): number {
  let depth = 0;
  for (let index = start; index < message.length; index += 1) {
    const char = message[index];
    if (char === '"') {
      for (index += 1; index < message.length && message[index] !== '"'; index += 1) if (message[index] === '\\') index += 1;
    } else if (char === '{' || char === '[') depth += 1;
    else if (char === '}' || char === ']') depth -= 1;
    else if (depth <= 0 && (message.startsWith('; ', index) || message.startsWith(' at "', index))) return index;
  }
  return message.length;
}

/** A printed value cut to 100 characters, a string it cuts closed again. */
function cutPrintedValue(value: string): string {
  if (value.length <= MAX_QUOTED_CHARACTERS) return value;
  let inString = false;
  let end = 0;
  for (; end < MAX_QUOTED_CHARACTERS; end += 1) {
    if (value[end] === '\\') end += 1;
    else if (value[end] === '"') inString = !inString;
  }
  return `${value.slice(0, end)}${ELLIPSIS}${inString ? '"' : ''}`;
}

/** A variable's invalid value, as graphql-js prints it, cut to 100 characters. */
function shortenInvalidValue(message: string): string {
  const at = message.indexOf(INVALID_VALUE);
  if (at < 0) return message;
  const start = at + INVALID_VALUE.length;
  const end = inspectedValueEnd(message, start);
  return `${message.slice(0, start)}${cutPrintedValue(message.slice(start, end))}${message.slice(end)}`;
}

/** yoga's `{ name, message }` of a JSON parser error, its message cut to 100 characters. */
function shortenOriginalError(originalError: unknown): unknown {
  if (!originalError || typeof originalError !== 'object' || !('message' in originalError)) return undefined;
  const { name, message } = originalError as { name?: unknown; message: unknown };
  const text = String(message);
  return { name, message: text.length > MAX_QUOTED_CHARACTERS ? text.slice(0, MAX_QUOTED_CHARACTERS) + ELLIPSIS : text };
}

/** `text` cut (marked with "…") so that it takes at most `maxBytes` as a JSON string. */
function cutToJsonBytes(text: string, maxBytes: number): string {
  if (jsonBytes(text) <= maxBytes) return text;
  let end = Math.min(text.length, maxBytes);
  while (end > 0 && jsonBytes(text.slice(0, end) + ELLIPSIS) > maxBytes) end = Math.floor(end * 0.9);
  return text.slice(0, end) + ELLIPSIS;
}

/** The same error within the bounds above; the HTTP status yoga reads from `extensions.http` is kept. */
export function boundedError(error: GraphQLError): GraphQLError {
  const { http, originalError, ...shown } = error.extensions ?? {};
  const extensions = Object.fromEntries(Object.entries(shown).filter(([, value]) => jsonBytes(value) <= MAX_EXTENSION_BYTES));
  if (originalError !== undefined) extensions.originalError = shortenOriginalError(originalError);
  const path = error.path?.map((key) => (typeof key === 'string' ? key.slice(0, MAX_QUOTED_CHARACTERS) : key));
  const positions = error.positions?.slice(0, MAX_LOCATIONS);
  const shape = { locations: error.locations?.slice(0, MAX_LOCATIONS), path, extensions };
  const message = cutToJsonBytes(shortenInvalidValue(shortenQuotes(error.message)), MAX_ERROR_BYTES - jsonBytes(shape) - '{"message":}'.length);
  return createGraphQLError(message, {
    source: error.source,
    positions,
    path,
    extensions: http === undefined ? extensions : { ...extensions, http },
    originalError: error.originalError,
  });
}

/** Errors that came out of a thrown object rather than a GraphQLError are made into one first. */
const asGraphQLError = (error: unknown) => (error instanceof GraphQLError ? error : createGraphQLError(String((error as Error)?.message ?? error)));

export const boundedErrors: Plugin = {
  onResultProcess({ result, setResult }) {
    const bound = <Result>(single: Result): Result =>
      single && typeof single === 'object' && 'errors' in single && Array.isArray(single.errors)
        ? { ...single, errors: single.errors.map((error) => boundedError(asGraphQLError(error))) }
        : single;
    setResult(Array.isArray(result) ? result.map(bound) : bound(result));
  },
};
