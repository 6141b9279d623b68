/**
 * Mixpanel with service-account credentials (HTTP Basic): the raw event export (JSON lines,
 * streamed to a file) and the Engage profile query (pages, continued with `session_id` and `page`
 * while a page is full).
 */
import { createWriteStream, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FetchError, requestJson, requestStream, type AnswerCheck, type RetryPolicy } from './http.ts';
import { PageFolder } from './output.ts';

export const DEFAULT_MIXPANEL_EXPORT_URL = 'https://data.mixpanel.com/api/2.0';
export const DEFAULT_MIXPANEL_API_URL = 'https://mixpanel.com/api/query';

export interface MixpanelAccess {
  project: string;
  username: string;
  secret: string;
  retry: RetryPolicy;
  log: (line: string) => void;
}

const authorization = (access: MixpanelAccess) => `Basic ${Buffer.from(`${access.username}:${access.secret}`).toString('base64')}`;

const checkMixpanel: AnswerCheck = ({ status, body, text }) => {
  if (status === 429) return 'rate-limited';
  const error = (body as { error?: string } | null)?.error;
  if (status >= 400 || error) return { failed: `Mixpanel API error (HTTP ${status}): ${error ?? text.slice(0, 200)}` };
  return 'ok';
};

export interface MixpanelEventsFetch extends MixpanelAccess {
  from: string;
  to: string;
  /** Event names to export; undefined exports every event. */
  events?: readonly string[];
  out: string;
  baseUrl: string;
}

/** Streams the export into `out` (a temporary name until complete); returns the lines written. */
export async function fetchMixpanelEvents(options: MixpanelEventsFetch): Promise<number> {
  const params = new URLSearchParams({ project_id: options.project, from_date: options.from, to_date: options.to });
  if (options.events) params.set('event', JSON.stringify(options.events));
  const response = await requestStream(
    `${options.baseUrl}/export?${params}`,
    { headers: { authorization: authorization(options), accept: 'text/plain' } },
    checkMixpanel,
    options.retry,
    'event export',
  );
  if (!response.body) throw new FetchError('event export: the answer has no body');
  mkdirSync(dirname(options.out), { recursive: true });
  const partial = `${options.out}.partial`;
  let lines = 0;
  const countLines = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      for (let at = chunk.indexOf(10); at >= 0; at = chunk.indexOf(10, at + 1)) lines++;
      done(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream), countLines, createWriteStream(partial));
    renameSync(partial, options.out);
  } catch (error) {
    rmSync(partial, { force: true });
    throw new FetchError(`event export: the download broke off: ${(error as Error).message}`);
  }
  options.log(`event export: ${lines.toLocaleString('en-US')} events → ${options.out}`);
  return lines;
}

export interface MixpanelProfilesFetch extends MixpanelAccess {
  /** A segmentation expression (`where`), if any. */
  where?: string;
  out: string;
  baseUrl: string;
}

interface EngagePage {
  page?: number;
  page_size?: number;
  session_id?: string;
  results?: unknown[];
}

/** Saves each Engage page as `engage-NNNN.json` in the folder `out`; returns the profiles fetched. */
export async function fetchMixpanelProfiles(options: MixpanelProfilesFetch): Promise<number> {
  const folder = new PageFolder(options.out);
  let profiles = 0;
  try {
    let request: Record<string, string> = options.where ? { where: options.where } : {};
    for (;;) {
      const answer = await requestJson(
        `${options.baseUrl}/engage?${new URLSearchParams({ project_id: options.project })}`,
        { method: 'POST', headers: { authorization: authorization(options) }, body: new URLSearchParams(request) },
        checkMixpanel,
        options.retry,
        'profiles',
      );
      const page = answer.body as EngagePage;
      if (!Array.isArray(page.results)) throw new FetchError(`profiles: the answer has no results: ${answer.text.slice(0, 200)}`);
      folder.write('engage', answer.text);
      profiles += page.results.length;
      // A page shorter than the page size is the last one.
      if (page.results.length === 0 || page.results.length < (page.page_size ?? 1000) || page.session_id === undefined) break;
      request = { ...request, session_id: page.session_id, page: String((page.page ?? 0) + 1) };
    }
    folder.complete();
  } catch (error) {
    folder.discard();
    throw error;
  }
  options.log(`profiles: ${profiles.toLocaleString('en-US')} profiles in ${folder.pages} pages → ${options.out}`);
  return profiles;
}
