/** What the fake Meta and Mixpanel answer on simulated days of `npm run sync` (api.md "Operations", Sync). */
import type { FakeApiSetup, FakeApis } from './fake-apis.ts';

const row = (ad: string, date: string, spend: string, extra: object = {}) => ({
  account_id: '123', account_currency: 'USD', campaign_id: '30', campaign_name: 'Summer', adset_id: '20', adset_name: 'Broad',
  ad_id: ad, ad_name: `Ad ${ad}`, date_start: date, date_stop: date, spend, impressions: '100', clicks: '3', ...extra,
});
const event = (name: string, at: string, user: string, id: string) =>
  JSON.stringify({ event: name, properties: { time: Date.parse(`${at}Z`) / 1000, distinct_id: user, $insert_id: id } });
const profile = (user: string, country: string) => ({ $distinct_id: user, $properties: { 'abi_~ad_id': '10', 'abi_~advertising_partner_name': 'Facebook', $country_code: country } });

/** What each day's API answers for the ranges sync asks (the fake does not filter by range). */
export const DAY_1 = {
  meta: { ad: [row('10', '2025-06-01', '1.50'), row('11', '2025-06-01', '2.00'), row('10', '2025-06-02', '1.75'), row('10', '2025-06-03', '2.25')], country: [row('10', '2025-06-02', '1.75', { country: 'US' })] },
  events: [event('RC Trial started', '2025-06-01T09:00:00', 'u1', 'e1'), event('RC Trial started', '2025-06-03T10:00:00', 'u2', 'e2')],
  profiles: [profile('u1', 'US'), profile('u2', 'DE')],
};
/** Day 2: Meta restates 06-02 (and repeats 06-03 unchanged) and adds 06-04; Mixpanel repeats e2 (the overlap) and adds e3; u2 moved. */
export const DAY_2 = {
  meta: { ad: [row('10', '2025-06-02', '1.80'), row('10', '2025-06-03', '2.25'), row('10', '2025-06-04', '2.50')], country: [row('10', '2025-06-02', '1.80', { country: 'US' })] },
  events: [event('RC Trial started', '2025-06-03T10:00:00', 'u2', 'e2'), event('RC Initial purchase', '2025-06-04T08:00:00', 'u1', 'e3')],
  profiles: [profile('u1', 'US'), profile('u2', 'FR')],
};
/** Everything as it stands after day 2, fetched at once. */
export const EVERYTHING = {
  meta: { ad: [row('10', '2025-06-01', '1.50'), row('11', '2025-06-01', '2.00'), row('10', '2025-06-02', '1.80'), row('10', '2025-06-03', '2.25'), row('10', '2025-06-04', '2.50')], country: DAY_2.meta.country },
  events: [...DAY_1.events, DAY_2.events[1]!],
  profiles: DAY_2.profiles,
};

export type Day = typeof DAY_1;
export const setupOf = (day: Day, more: Partial<FakeApiSetup> = {}): FakeApiSetup => ({
  token: 'test-token',
  account: { id: 'act_123', timezone_name: 'UTC', currency: 'USD' },
  metaReports: day.meta,
  pollsUntilDone: 1,
  mixpanel: { username: 'svc.user', secret: 's3cret', exportLines: day.events, profiles: day.profiles, pageSize: 1000 },
  ...more,
});

export const envFor = (apis: FakeApis): NodeJS.ProcessEnv => ({
  META_ACCESS_TOKEN: 'test-token',
  META_GRAPH_URL: `${apis.baseUrl}/meta`,
  FETCH_POLL_MS: '1',
  FETCH_RETRY_MS: '1',
  MIXPANEL_SERVICE_ACCOUNT_USERNAME: 'svc.user',
  MIXPANEL_SERVICE_ACCOUNT_SECRET: 's3cret',
  MIXPANEL_EXPORT_URL: `${apis.baseUrl}/mixpanel-data`,
  MIXPANEL_API_URL: `${apis.baseUrl}/mixpanel-query`,
});
