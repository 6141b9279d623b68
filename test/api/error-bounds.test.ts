/**
 * api.md "Errors": no error, whatever its cause, quotes more than 100 characters of the request,
 * and no error response is larger than 4 KiB plus 1 KiB per error listed. Each request below
 * repeats one letter far beyond 100 characters, so any quote longer than 100 characters shows as
 * a run of 101 of that letter. The errors arise before any SQL, so one backend (SQLite) suffices.
 */
import { GraphQLError, Source } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boundedError, MAX_ERROR_BYTES } from '../../src/error-messages.ts';
import { APP_DATA } from './data.ts';
import { createTestApi, type TestApi } from './fixture.ts';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi(APP_DATA);
});
afterAll(async () => {
  await api.cleanup();
});

interface Answer {
  status: number;
  text: string;
  errors: { message: string; extensions?: Record<string, unknown> }[];
}

async function post(body: string): Promise<Answer> {
  const response = await api.yoga.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const text = await response.text();
  return { status: response.status, text, errors: (JSON.parse(text) as Pick<Answer, 'errors'>).errors };
}

/** The bounds of api.md "Errors" for one answer, and no run of 101 `letter`s anywhere in it. */
function expectBounded(answer: Answer, letter: string) {
  expect(answer.errors.length).toBeGreaterThan(0);
  expect(answer.text).toContain(letter.repeat(20));
  expect(answer.text).not.toContain(letter.repeat(101));
  expect(Buffer.byteLength(answer.text)).toBeLessThanOrEqual(4096 + 1024 * answer.errors.length);
  for (const error of answer.errors) expect(Buffer.byteLength(JSON.stringify(error))).toBeLessThanOrEqual(MAX_ERROR_BYTES);
}

const RANGE_QUERY = 'query ($range: DateRangeInput!) { overview(range: $range) { metrics { spend } } }';

describe('errors quote at most 100 characters of the request and stay small (api.md "Errors")', () => {
  it('a 1 MB malformed JSON body: HTTP 400, BAD_REQUEST, the parser message cut (it used to come back whole)', async () => {
    const answer = await post(`{"query": "${'x'.repeat(1_000_000)}`);
    expect(answer.status).toBe(400);
    expect(answer.errors).toHaveLength(1);
    expect(answer.errors[0]!.message).toBe('POST body sent invalid JSON.');
    expect(answer.errors[0]!.extensions!.code).toBe('BAD_REQUEST');
    const original = answer.errors[0]!.extensions!.originalError as { name: string; message: string };
    expect(original.name).toBe('SyntaxError');
    expect(original.message).toMatch(/^Unterminated string in JSON at position 1000011\b/);
    expect(original.message).toHaveLength(101);
    expect(original.message.endsWith('…')).toBe(true);
    expectBounded(answer, 'x');
    expect(answer.text.length).toBeLessThan(300);
  });

  it('a 900 KB unknown key in an input object variable: BAD_USER_INPUT-style coercion error, the key cut in both places it is shown', async () => {
    const key = 'k'.repeat(900_000);
    const answer = await post(JSON.stringify({ query: RANGE_QUERY, variables: { range: { start: '2024-03-01', end: '2024-03-03', [key]: 1 } } }));
    expect(answer.status).toBe(400);
    expect(answer.errors).toHaveLength(1);
    const { message } = answer.errors[0]!;
    // graphql-js prints the object without quotes around its keys: the printed value is cut to 100 characters
    expect(message).toBe(
      `Variable "$range" got invalid value ${`{ start: "2024-03-01", end: "2024-03-03", ${key}`.slice(0, 100)}…; ` +
        `Field "${key.slice(0, 100)}…" is not defined by type "DateRangeInput".`,
    );
    expectBounded(answer, 'k');
  });

  it('a 900 KB unknown top-level variable is ignored, as GraphQL says, and not echoed', async () => {
    const answer = await api.yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }', variables: { ['v'.repeat(900_000)]: 1 } }),
    });
    expect(await answer.text()).toBe('{"data":{"__typename":"Query"}}');
  });

  it('a huge string variable of the wrong type (Int): the value cut wherever the message shows it', async () => {
    const value = 'z'.repeat(900_000);
    const answer = await post(
      JSON.stringify({ query: 'query ($n: Int) { campaigns(range: { start: "2024-03-01", end: "2024-03-03" }, first: $n) { id } }', variables: { n: value } }),
    );
    expect(answer.status).toBe(400);
    const quoted = `"${'z'.repeat(99)}…"`;
    expect(answer.errors[0]!.message).toBe(`Variable "$n" got invalid value ${quoted}; Int cannot represent non-integer value: "${'z'.repeat(100)}…"`);
    expectBounded(answer, 'z');
  });

  it('a list variable of huge strings for an input object', async () => {
    const answer = await post(JSON.stringify({ query: RANGE_QUERY, variables: { range: ['w'.repeat(500_000), 'w'.repeat(500_000)] } }));
    expect(answer.errors[0]!.message).toMatch(/^Variable "\$range" got invalid value \[("w{100}…", )?"w{0,100}…"?(…)?\]?; Expected type "DateRangeInput" to be an object\.$/);
    expectBounded(answer, 'w');
  });

  it('a long parse error: the string literal it found is cut', async () => {
    const answer = await post(JSON.stringify({ query: `{ "${'p'.repeat(90_000)}" }` }));
    expect(answer.errors).toHaveLength(1);
    expect(answer.errors[0]!.message).toBe(`Syntax Error: Expected Name, found String "${'p'.repeat(100)}…".`);
    expect(answer.errors[0]!.extensions!.code).toBe('GRAPHQL_PARSE_FAILED');
    expectBounded(answer, 'p');
  });

  it('validation errors: fifty long unknown fields give fifty short errors, each within 1 KiB', async () => {
    const fields = Array.from({ length: 50 }, (_, index) => `f${index}${'q'.repeat(1_000)}`).join(' ');
    const answer = await post(JSON.stringify({ query: `{ ${fields} }` }));
    expect(answer.errors).toHaveLength(50);
    expect(answer.errors[7]!.message).toBe(`Cannot query field "f7${'q'.repeat(98)}…" on type "Query".`);
    expectBounded(answer, 'q');
  });

  it('an unknown parameter in the body is named short', async () => {
    const answer = await post(JSON.stringify({ query: '{ __typename }', ['u'.repeat(200_000)]: 1 }));
    expect(answer.status).toBe(400);
    expect(answer.errors[0]!.message).toBe(`Unexpected parameter "${'u'.repeat(100)}…" in the request body.`);
    expectBounded(answer, 'u');
  });
});

describe('boundedError (src/error-messages.ts)', () => {
  it('cuts an unquoted message, the locations and a long path key so the error fits 1 KiB, keeping the code and dropping large extensions', () => {
    const source = new Source('{ a }\n'.repeat(100));
    const error = new GraphQLError(`Something about ${'m'.repeat(5_000)}`, {
      source,
      positions: Array.from({ length: 50 }, (_, index) => index * 6 + 2),
      path: ['a'.repeat(1_000), 3],
      extensions: { code: 'BAD_USER_INPUT', echo: 'e'.repeat(1_000), http: { status: 400 } },
    });
    const bounded = boundedError(error);
    const json = JSON.stringify(bounded);
    expect(Buffer.byteLength(json)).toBeLessThanOrEqual(MAX_ERROR_BYTES);
    expect(Buffer.byteLength(json)).toBeGreaterThan(800);
    expect(bounded.message.startsWith('Something about mmm')).toBe(true);
    expect(bounded.message.endsWith('m…')).toBe(true);
    expect(bounded.locations).toHaveLength(10);
    expect(bounded.locations![9]).toEqual({ line: 10, column: 3 });
    expect(bounded.path).toEqual(['a'.repeat(100), 3]);
    expect(bounded.extensions).toEqual({ code: 'BAD_USER_INPUT', http: { status: 400 } });
    // the original is left as it was (validation results are cached and shared)
    expect(error.message).toHaveLength(5_016);
  });

  it('leaves a short error as it was', () => {
    const error = new GraphQLError('Invalid range: end 2024-03-01 is before start 2024-03-03.', { extensions: { code: 'BAD_USER_INPUT' } });
    expect(boundedError(error).toJSON()).toEqual(error.toJSON());
  });
});
