/**
 * Meta Marketing API Insights at level=ad, one row per ad and day, through asynchronous report
 * jobs: POST /act_<id>/insights starts a job (report_run_id), GET /<report_run_id> is polled until
 * `Job Completed` (or `Job Failed`), then the results are paged through `paging.next`. One report
 * per breakdown, since the importer takes one breakdown per row. Each page is saved as it came.
 */
import { join } from 'node:path';
import { FetchError, requestJson, type AnswerCheck, type ApiAnswer, type RetryPolicy } from './http.ts';
import { PageFolder } from './output.ts';

export const META_BREAKDOWNS = ['country', 'region', 'impression_device'] as const;
export const DEFAULT_META_GRAPH_URL = 'https://graph.facebook.com/v23.0';

const FIELDS = [
  'account_id', 'account_currency', 'campaign_id', 'campaign_name', 'adset_id', 'adset_name', 'ad_id', 'ad_name',
  'date_start', 'date_stop', 'spend', 'impressions', 'clicks', 'actions', 'conversions',
];

/**
 * Error codes Meta uses for throttling (application, user, ad account, Insights platform limits):
 * worth waiting for, unlike any other error.
 */
const RATE_LIMIT_CODES = new Set([4, 17, 32, 613, 80000, 80001, 80002, 80003, 80004, 80005, 80006, 80008, 80009, 80014]);

export interface MetaInsightsFetch {
  account: string;
  since: string;
  until: string;
  breakdowns: readonly string[];
  out: string;
  token: string;
  baseUrl: string;
  pollMs: number;
  retry: RetryPolicy;
  log: (line: string) => void;
}

export interface MetaInsightsFetched {
  timezoneName: string | null;
  currency: string | null;
  reports: { breakdown: string | null; folder: string; pages: number; rows: number }[];
}

const checkMeta: AnswerCheck = ({ status, body, text }) => {
  const error = (body as { error?: { code?: number; message?: string; error_user_msg?: string } } | null)?.error;
  if (status === 429 || (error && RATE_LIMIT_CODES.has(Number(error.code)))) return 'rate-limited';
  if (error) return { failed: `Meta API error ${error.code ?? status}: ${error.error_user_msg ?? error.message ?? 'no message'}` };
  if (status >= 400) return { failed: `HTTP ${status}: ${text.slice(0, 200)}` };
  if (typeof body !== 'object' || body === null) return { failed: `the answer is not JSON: ${text.slice(0, 200)}` };
  return 'ok';
};

export async function fetchMetaInsights(options: MetaInsightsFetch): Promise<MetaInsightsFetched> {
  const { baseUrl, token, account } = options;
  const get = (path: string, params: Record<string, string>, label: string) =>
    requestJson(`${baseUrl}/${path}?${new URLSearchParams({ ...params, access_token: token })}`, {}, checkMeta, options.retry, label);

  const info = (await get(account, { fields: 'name,timezone_name,currency' }, `ad account ${account}`)).body as Record<string, string | undefined>;
  options.log(`ad account ${account}${info.name ? ` (${info.name})` : ''}: time zone ${info.timezone_name ?? 'unknown'}, currency ${info.currency ?? 'unknown'}`);

  const reports: MetaInsightsFetched['reports'] = [];
  for (const breakdown of [null, ...options.breakdowns]) {
    const label = breakdown ? `insights by ${breakdown}` : 'insights';
    const folder = new PageFolder(join(options.out, breakdown ?? 'ad'));
    try {
      const reportRunId = await startReport(options, breakdown, label);
      await waitForReport(options, reportRunId, label, get);
      let rows = 0;
      let answer: ApiAnswer | undefined = await get(`${reportRunId}/insights`, { limit: '500' }, label);
      while (answer) {
        const page = answer.body as { data?: unknown[]; paging?: { next?: string } };
        folder.write('page', answer.text);
        rows += page.data?.length ?? 0;
        const next = page.paging?.next;
        answer = next ? await requestJson(next, {}, checkMeta, options.retry, label) : undefined;
      }
      folder.complete();
      options.log(`${label}: ${rows.toLocaleString('en-US')} rows in ${folder.pages} pages → ${folder.path}`);
      reports.push({ breakdown, folder: folder.path, pages: folder.pages, rows });
    } catch (error) {
      folder.discard();
      throw error;
    }
  }
  return { timezoneName: info.timezone_name ?? null, currency: info.currency ?? null, reports };
}

async function startReport(options: MetaInsightsFetch, breakdown: string | null, label: string): Promise<string> {
  const form = new URLSearchParams({
    level: 'ad',
    time_increment: '1',
    time_range: JSON.stringify({ since: options.since, until: options.until }),
    fields: FIELDS.join(','),
    ...(breakdown ? { breakdowns: breakdown } : {}),
    access_token: options.token,
  });
  const answer = await requestJson(`${options.baseUrl}/${options.account}/insights`, { method: 'POST', body: form }, checkMeta, options.retry, label);
  const id = (answer.body as { report_run_id?: string | number }).report_run_id;
  if (id === undefined) throw new FetchError(`${label}: Meta started no report job (no report_run_id in ${answer.text.slice(0, 200)})`);
  return String(id);
}

async function waitForReport(
  options: MetaInsightsFetch,
  reportRunId: string,
  label: string,
  get: (path: string, params: Record<string, string>, label: string) => Promise<ApiAnswer>,
): Promise<void> {
  for (;;) {
    const status = (await get(reportRunId, { fields: 'async_status,async_percent_completion,error_message' }, label)).body as {
      async_status?: string;
      async_percent_completion?: number;
      error_message?: string;
    };
    if (status.async_status === 'Job Completed') return;
    if (status.async_status === 'Job Failed' || status.async_status === 'Job Skipped') {
      throw new FetchError(`${label}: Meta report job ${reportRunId} ended with "${status.async_status}"${status.error_message ? `: ${status.error_message}` : ''}`);
    }
    options.log(`${label}: job ${reportRunId} ${status.async_status ?? 'pending'} (${status.async_percent_completion ?? 0} %)`);
    await new Promise((resolve) => setTimeout(resolve, options.pollMs));
  }
}
