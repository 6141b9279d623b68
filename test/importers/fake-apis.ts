/**
 * A local HTTP server on 127.0.0.1 that answers as the Meta Marketing API (Insights async report
 * jobs, paging) and Mixpanel (raw export, Engage) are documented to, including a job that takes a
 * few polls, a rate-limit error before the first success, and a job that fails.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  form: URLSearchParams;
  authorization?: string;
}

export interface FakeApis {
  baseUrl: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** Meta rows of one report, by breakdown (`ad` = none); two pages when there are more than two rows. */
export type MetaReports = Record<string, object[]>;

export interface FakeApiSetup {
  token: string;
  account: { id: string; timezone_name: string; currency: string };
  metaReports: MetaReports;
  /** Breakdowns whose report job ends `Job Failed`. */
  failingReports?: string[];
  /** Polls answered `Job Running` before `Job Completed`. */
  pollsUntilDone: number;
  mixpanel: { username: string; secret: string; exportLines: string[]; profiles: object[]; pageSize: number };
}

const readBody = (request: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk));
    request.on('end', () => resolve(body));
  });

export async function startFakeApis(setup: FakeApiSetup): Promise<FakeApis> {
  const requests: RecordedRequest[] = [];
  const polls = new Map<string, number>();
  const rateLimitedOnce = new Set<string>();
  let baseUrl = '';
  const metaError = (code: number, message: string) => ({ error: { message, type: 'OAuthException', code, fbtrace_id: 'AbC' } });

  const server: Server = createServer(async (request, response) => {
    const url = new URL(request.url!, 'http://127.0.0.1');
    const form = new URLSearchParams(await readBody(request));
    const recorded: RecordedRequest = { method: request.method!, path: url.pathname, query: url.searchParams, form, authorization: request.headers.authorization };
    requests.push(recorded);
    const send = (status: number, body: unknown, type = 'application/json') => {
      response.writeHead(status, { 'content-type': type });
      response.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    /** The first request of each kind is rate limited, as a busy API answers. */
    const firstIsRateLimited = (kind: string) => {
      if (rateLimitedOnce.has(kind)) return false;
      rateLimitedOnce.add(kind);
      return true;
    };

    if (url.pathname.startsWith('/meta/')) {
      const token = url.searchParams.get('access_token') ?? form.get('access_token');
      if (token !== setup.token) return send(400, metaError(190, 'Invalid OAuth access token.'));
      const path = url.pathname.slice('/meta/'.length);
      if (path === setup.account.id && request.method === 'GET') return send(200, { ...setup.account, name: 'Acme Apps' });
      if (path === `${setup.account.id}/insights` && request.method === 'POST') {
        if (firstIsRateLimited('meta-start')) return send(400, metaError(17, 'User request limit reached'));
        const breakdown = form.get('breakdowns') ?? 'ad';
        return send(200, { report_run_id: `rr-${breakdown}` });
      }
      const report = /^rr-([a-z_]+)(\/insights)?$/.exec(path);
      if (report && !report[2]) {
        const seen = (polls.get(report[1]!) ?? 0) + 1;
        polls.set(report[1]!, seen);
        if (seen <= setup.pollsUntilDone) return send(200, { id: path, async_status: 'Job Running', async_percent_completion: seen * 30 });
        if (setup.failingReports?.includes(report[1]!)) return send(200, { id: path, async_status: 'Job Failed', async_percent_completion: 0, error_message: 'Please reduce the amount of data' });
        return send(200, { id: path, async_status: 'Job Completed', async_percent_completion: 100 });
      }
      if (report?.[2]) {
        const rows = setup.metaReports[report[1]!] ?? [];
        const second = url.searchParams.get('after') === 'page2';
        const pageRows = rows.length > 2 ? (second ? rows.slice(2) : rows.slice(0, 2)) : rows;
        const next = rows.length > 2 && !second ? `${baseUrl}/meta/${path}?access_token=${setup.token}&limit=500&after=page2` : undefined;
        return send(200, { data: pageRows, paging: { cursors: { before: 'MA', after: 'MQ' }, ...(next ? { next } : {}) } });
      }
      return send(404, metaError(100, `Unknown path ${path}`));
    }

    const basic = `Basic ${Buffer.from(`${setup.mixpanel.username}:${setup.mixpanel.secret}`).toString('base64')}`;
    if (request.headers.authorization !== basic) return send(401, { error: 'Invalid credentials', status: 'error' });
    if (url.pathname === '/mixpanel-data/export') {
      if (firstIsRateLimited('export')) return send(429, { error: 'rate limit exceeded', status: 'error' });
      response.writeHead(200, { 'content-type': 'text/plain' });
      // Streamed in pieces that cut lines in two, as a long export arrives.
      const text = setup.mixpanel.exportLines.map((line) => `${line}\n`).join('');
      for (let at = 0; at < text.length; at += 37) response.write(text.slice(at, at + 37));
      return response.end();
    }
    if (url.pathname === '/mixpanel-query/engage' && request.method === 'POST') {
      if (firstIsRateLimited('engage')) return send(429, { error: 'rate limit exceeded', status: 'error' });
      const page = Number(form.get('page') ?? 0);
      if (page > 0 && form.get('session_id') !== 'sess-1') return send(400, { error: 'session_id required for page > 0', status: 'error' });
      const { pageSize, profiles } = setup.mixpanel;
      const results = profiles.slice(page * pageSize, (page + 1) * pageSize);
      return send(200, { page, page_size: pageSize, session_id: 'sess-1', status: 'ok', total: profiles.length, results });
    }
    return send(404, { error: `unknown path ${url.pathname}` });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { baseUrl, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
