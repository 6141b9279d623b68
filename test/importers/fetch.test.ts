/**
 * The fetchers against a local server that answers as the documented APIs do (they cannot reach
 * Meta or Mixpanel from here): async report jobs polled to completion, pages followed, rate limits
 * waited out, a failed job reported; the files they write import as the importer expects.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImport } from '../../importers/command.ts';
import { fetchMetaInsights } from '../../importers/fetch/meta-insights.ts';
import { fetchMixpanelEvents, fetchMixpanelProfiles } from '../../importers/fetch/mixpanel.ts';
import { useTempDir } from '../fixtures/source-db.ts';
import Database from 'better-sqlite3';
import { startFakeApis, type FakeApis } from './fake-apis.ts';
import { runScript } from './helpers.ts';

const tempDir = useTempDir('fetch-test-');
const META_ROW = { account_id: '123', account_currency: 'USD', adset_id: '20', campaign_id: '30', date_start: '2025-06-01', date_stop: '2025-06-01' };
const SETUP = {
  token: 'test-token',
  account: { id: 'act_123', timezone_name: 'America/Los_Angeles', currency: 'USD' },
  metaReports: {
    ad: [
      { ...META_ROW, ad_id: '10', spend: '1.50', impressions: '100', clicks: '3', actions: [{ action_type: 'start_trial_mobile_app', value: '1' }] },
      { ...META_ROW, ad_id: '11', spend: '2.25', impressions: '200', clicks: '4' },
      { ...META_ROW, ad_id: '12', spend: '3', impressions: '300', clicks: '5' },
    ],
    country: [{ ...META_ROW, ad_id: '10', country: 'US', spend: '1.50', impressions: '100', clicks: '3' }],
  },
  failingReports: ['region'],
  pollsUntilDone: 2,
  mixpanel: {
    username: 'svc.user',
    secret: 's3cret',
    exportLines: [
      JSON.stringify({ event: 'RC Trial started', properties: { time: 1748736000, distinct_id: 'u1', $insert_id: 'e1' } }),
      JSON.stringify({ event: 'RC Initial purchase', properties: { time: 1748739600, distinct_id: 'u2', $insert_id: 'e2', revenue: 9.99 } }),
    ],
    profiles: Array.from({ length: 5 }, (_, i) => ({ $distinct_id: `u${i + 1}`, $properties: { 'abi_~ad_id': '10', $country_code: 'US' } })),
    pageSize: 2,
  },
};
const fast = { firstWaitMs: 5, attempts: 3, maxWaitMs: 1000 };

let apis: FakeApis;
beforeAll(async () => {
  apis = await startFakeApis(SETUP);
});
afterAll(() => apis.close());

const count = (into: string, table: string) => {
  const db = new Database(into, { readonly: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('fetch meta-insights', () => {
  it('starts a report job per breakdown, polls it to completion, follows paging.next, waits out a rate limit; the pages import', async () => {
    const out = join(tempDir(), 'meta');
    const lines: string[] = [];
    const result = await fetchMetaInsights({
      account: 'act_123',
      since: '2025-06-01',
      until: '2025-06-01',
      breakdowns: ['country'],
      out,
      token: SETUP.token,
      baseUrl: `${apis.baseUrl}/meta`,
      pollMs: 1,
      retry: { ...fast, onWait: (line) => lines.push(line) },
      log: (line) => lines.push(line),
    });
    expect(result).toEqual({
      timezoneName: 'America/Los_Angeles',
      currency: 'USD',
      reports: [
        { breakdown: null, folder: join(out, 'ad'), pages: 2, rows: 3 },
        { breakdown: 'country', folder: join(out, 'country'), pages: 1, rows: 1 },
      ],
    });
    expect(lines).toContain('insights: rate limited, waiting 5 ms before retrying');
    expect(lines.filter((line) => line.includes('Job Running'))).toEqual([
      'insights: job rr-ad Job Running (30 %)',
      'insights: job rr-ad Job Running (60 %)',
      'insights by country: job rr-country Job Running (30 %)',
      'insights by country: job rr-country Job Running (60 %)',
    ]);
    const start = apis.requests.find((r) => r.method === 'POST' && r.form.get('breakdowns') === 'country')!;
    expect(Object.fromEntries(start.form)).toMatchObject({
      level: 'ad',
      time_increment: '1',
      time_range: '{"since":"2025-06-01","until":"2025-06-01"}',
      breakdowns: 'country',
    });
    expect(readdirSync(join(out, 'ad'))).toEqual(['page-0001.json', 'page-0002.json']);

    const into = join(tempDir(), 'source.sqlite');
    await runImport(['meta-insights', out, '--into', into], { env: {} });
    expect(count(into, 'ad_performance_daily')).toBe(3);
    expect(count(into, 'ad_performance_daily_country')).toBe(1);
  });

  it('reports a failed job in one line and leaves no partial folder', async () => {
    const out = join(tempDir(), 'meta');
    await expect(
      fetchMetaInsights({
        account: 'act_123', since: '2025-06-01', until: '2025-06-01', breakdowns: ['region'], out, token: SETUP.token,
        baseUrl: `${apis.baseUrl}/meta`, pollMs: 1, retry: fast, log: () => {},
      }),
    ).rejects.toThrow('insights by region: Meta report job rr-region ended with "Job Failed": Please reduce the amount of data');
    expect(existsSync(join(out, 'region.partial'))).toBe(false);
  });

  it('names the API error of a bad token', async () => {
    await expect(
      fetchMetaInsights({
        account: 'act_123', since: '2025-06-01', until: '2025-06-01', breakdowns: [], out: join(tempDir(), 'meta'), token: 'wrong',
        baseUrl: `${apis.baseUrl}/meta`, pollMs: 1, retry: fast, log: () => {},
      }),
    ).rejects.toThrow('ad account act_123: Meta API error 190: Invalid OAuth access token.');
  });
});

describe('fetch mixpanel', () => {
  const access = { project: '42', username: 'svc.user', secret: 's3cret', retry: fast, log: () => {} };

  it('streams the raw export to a JSON-lines file with Basic auth and the event names, after a 429', async () => {
    const out = join(tempDir(), 'events.jsonl');
    const lines = await fetchMixpanelEvents({ ...access, from: '2025-06-01', to: '2025-06-30', events: ['RC Trial started', 'RC Initial purchase'], out, baseUrl: `${apis.baseUrl}/mixpanel-data` });
    expect(lines).toBe(2);
    expect(readFileSync(out, 'utf8')).toBe(`${SETUP.mixpanel.exportLines.join('\n')}\n`);
    const request = apis.requests.filter((r) => r.path === '/mixpanel-data/export').at(-1)!;
    expect(Object.fromEntries(request.query)).toEqual({ project_id: '42', from_date: '2025-06-01', to_date: '2025-06-30', event: '["RC Trial started","RC Initial purchase"]' });
    expect(request.authorization).toBe(`Basic ${Buffer.from('svc.user:s3cret').toString('base64')}`);

    const into = join(tempDir(), 'source.sqlite');
    await runImport(['mixpanel-events', out, '--into', into], { env: {} });
    expect(count(into, 'mixpanel_event')).toBe(2);
  });

  it('pages Engage with session_id and page until a page is not full', async () => {
    const out = join(tempDir(), 'profiles');
    expect(await fetchMixpanelProfiles({ ...access, where: 'properties["$last_seen"] >= "2025-06-01T00:00:00"', out, baseUrl: `${apis.baseUrl}/mixpanel-query` })).toBe(5);
    const pages = apis.requests.filter((r) => r.path === '/mixpanel-query/engage').slice(-3);
    expect(pages.map((r) => Object.fromEntries(r.form))).toEqual([
      { where: 'properties["$last_seen"] >= "2025-06-01T00:00:00"' },
      { where: 'properties["$last_seen"] >= "2025-06-01T00:00:00"', session_id: 'sess-1', page: '1' },
      { where: 'properties["$last_seen"] >= "2025-06-01T00:00:00"', session_id: 'sess-1', page: '2' },
    ]);
    expect(readdirSync(out)).toEqual(['engage-0001.json', 'engage-0002.json', 'engage-0003.json']);
    const into = join(tempDir(), 'source.sqlite');
    await runImport(['mixpanel-profiles', out, '--into', into], { env: {} });
    expect(count(into, 'mixpanel_user')).toBe(5);
  });

  it('fails in one line on bad credentials', async () => {
    await expect(fetchMixpanelEvents({ ...access, secret: 'nope', from: '2025-06-01', to: '2025-06-01', out: join(tempDir(), 'e.jsonl'), baseUrl: `${apis.baseUrl}/mixpanel-data` })).rejects.toThrow(
      'event export: Mixpanel API error (HTTP 401): Invalid credentials',
    );
  });
});

describe('npm run fetch (command line)', () => {
  const runCli = (args: string[], env: NodeJS.ProcessEnv) => runScript('importers/fetch/cli.ts', args, env);

  it('prints where the pages went and the account time zone to run the pipeline with', async () => {
    const out = join(tempDir(), 'meta');
    const result = await runCli(['meta-insights', '--account', 'act_123', '--since', '2025-06-01', '--until', '2025-06-01', '--breakdowns', 'none', '--out', out], {
      META_ACCESS_TOKEN: SETUP.token,
      META_GRAPH_URL: `${apis.baseUrl}/meta`,
      FETCH_POLL_MS: '1',
      FETCH_RETRY_MS: '1',
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      `wrote ${out}\nthe account's time zone is America/Los_Angeles: run the pipeline with --timezone America/Los_Angeles\nnext: npm run import -- meta-insights ${out} --into <source.sqlite>\n`,
    );
  });

  it('names a missing token in one line', async () => {
    const result = await runCli(['meta-insights', '--account', 'act_123', '--since', '2025-06-01', '--until', '2025-06-02'], { META_ACCESS_TOKEN: '' });
    expect(result).toEqual({ code: 2, stdout: '', stderr: 'error: set META_ACCESS_TOKEN to a Marketing API access token with ads_read\n' });
  });
});
