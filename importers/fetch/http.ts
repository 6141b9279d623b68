/**
 * HTTP for the fetchers: JSON requests that wait and retry when the API says it is rate limited
 * (for as long as a 429/503 answer's `Retry-After` asks, within a bound; else exponential
 * back-off), and fail with one line naming the API's own error message otherwise.
 */
export interface RetryPolicy {
  /** First wait after a rate-limit answer; doubled on each further one. */
  firstWaitMs: number;
  /** Rate-limit answers tolerated in a row before giving up. */
  attempts: number;
  /** The longest wait a `Retry-After` may ask for; one asking more ends the fetch. */
  maxWaitMs: number;
  /** Told about each wait, e.g. to print it. */
  onWait?: (message: string) => void;
}

export class FetchError extends Error {
  override name = 'FetchError';
}

export interface ApiAnswer {
  status: number;
  /** The `Retry-After` header, when the answer has one. */
  retryAfter: string | null;
  /** The body, parsed when it is JSON. */
  body: unknown;
  text: string;
}

/** Classifies an answer: `rate-limited` answers are retried after a wait, `failed` ones thrown. */
export type AnswerCheck = (answer: ApiAnswer) => 'ok' | 'rate-limited' | { failed: string };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function readAnswer(response: Response): Promise<ApiAnswer> {
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: kept as text.
  }
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body, text };
}

/** Sends a request until its answer is not rate limited, and returns that answer read and parsed. */
export async function requestJson(url: string, init: RequestInit, check: AnswerCheck, policy: RetryPolicy, label: string): Promise<ApiAnswer> {
  return (await send(url, init, check, policy, label, false)) as ApiAnswer;
}

/** Like requestJson, but a successful (2xx) response is returned unread, for its body to be streamed. */
export async function requestStream(url: string, init: RequestInit, check: AnswerCheck, policy: RetryPolicy, label: string): Promise<Response> {
  return (await send(url, init, check, policy, label, true)) as Response;
}

async function send(url: string, init: RequestInit, check: AnswerCheck, policy: RetryPolicy, label: string, stream: boolean): Promise<ApiAnswer | Response> {
  for (let attempt = 1; ; attempt++) {
    let response: Response;
    try {
      response = await fetch(url, init);
    } catch (error) {
      throw new FetchError(`${label}: cannot reach ${new URL(url).origin}: ${String((error as Error).cause ?? (error as Error).message)}`);
    }
    if (stream && response.ok) return response;
    const answer = await readAnswer(response);
    const verdict = check(answer);
    if (verdict === 'ok') return answer;
    // RFC 9110 §10.2.3: a 429 or 503 with Retry-After says when to come back.
    const askedWait = answer.status === 429 || answer.status === 503 ? retryAfterMs(answer.retryAfter, Date.now()) : undefined;
    if (verdict !== 'rate-limited' && askedWait === undefined) throw new FetchError(`${label}: ${verdict.failed}`);
    if (attempt >= policy.attempts) throw new FetchError(`${label}: still rate limited after ${attempt} attempts; try again later`);
    if (askedWait !== undefined && askedWait > policy.maxWaitMs) {
      throw new FetchError(`${label}: the API asks to retry after ${Math.ceil(askedWait / 1000)} s (Retry-After: ${answer.retryAfter}), longer than the ${Math.round(policy.maxWaitMs / 1000)} s this fetch waits; try again later`);
    }
    const wait = askedWait ?? policy.firstWaitMs * 2 ** (attempt - 1);
    policy.onWait?.(`${label}: rate limited, waiting ${wait >= 1000 ? `${Math.round(wait / 1000)} s` : `${wait} ms`} before retrying`);
    await sleep(wait);
  }
}

/** A `Retry-After` value (delay in seconds, or an HTTP date) as milliseconds from `now`; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (header === null) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The back-off the command line uses: FETCH_RETRY_MS (first wait, default 10 s), 8 attempts, Retry-After up to 15 minutes. */
export function retryPolicyFromEnv(env: NodeJS.ProcessEnv, onWait: (message: string) => void): RetryPolicy {
  const firstWaitMs = Number(env.FETCH_RETRY_MS ?? 10_000);
  return { firstWaitMs: Number.isFinite(firstWaitMs) && firstWaitMs >= 0 ? firstWaitMs : 10_000, attempts: 8, maxWaitMs: 15 * 60_000, onWait };
}
