/**
 * The fetchers' credentials and endpoints from the environment (README "Bringing your own data"),
 * shared by `npm run fetch` and `npm run sync`.
 */
import { UsageError } from '../../src/config.ts';
import { retryPolicyFromEnv } from './http.ts';
import { DEFAULT_META_GRAPH_URL } from './meta-insights.ts';
import { DEFAULT_MIXPANEL_API_URL, DEFAULT_MIXPANEL_EXPORT_URL, type MixpanelAccess } from './mixpanel.ts';

export function requiredEnv(env: NodeJS.ProcessEnv, name: string, what: string): string {
  const value = env[name];
  if (!value) throw new UsageError(`set ${name} to ${what}`);
  return value;
}

/** Everything a Meta Insights fetch needs besides what to fetch. */
export function metaAccess(env: NodeJS.ProcessEnv, log: (line: string) => void) {
  return {
    token: requiredEnv(env, 'META_ACCESS_TOKEN', 'a Marketing API access token with ads_read'),
    baseUrl: env.META_GRAPH_URL || DEFAULT_META_GRAPH_URL,
    pollMs: Number(env.FETCH_POLL_MS ?? 5000),
    retry: retryPolicyFromEnv(env, log),
    log,
  };
}

export function mixpanelAccess(env: NodeJS.ProcessEnv, project: string, log: (line: string) => void): MixpanelAccess {
  return {
    project,
    username: requiredEnv(env, 'MIXPANEL_SERVICE_ACCOUNT_USERNAME', "the Mixpanel service account's username"),
    secret: requiredEnv(env, 'MIXPANEL_SERVICE_ACCOUNT_SECRET', "the Mixpanel service account's secret"),
    retry: retryPolicyFromEnv(env, log),
    log,
  };
}

export const mixpanelExportUrl = (env: NodeJS.ProcessEnv) => env.MIXPANEL_EXPORT_URL || DEFAULT_MIXPANEL_EXPORT_URL;
export const mixpanelApiUrl = (env: NodeJS.ProcessEnv) => env.MIXPANEL_API_URL || DEFAULT_MIXPANEL_API_URL;

/** Users seen since `from` and created by the end of `to` are the ones whose events fall in the range. */
export function profilesWhere(from: string | undefined, to: string | undefined): string | undefined {
  const conditions = [
    ...(from ? [`properties["$last_seen"] >= "${from}T00:00:00"`] : []),
    ...(to ? [`properties["$created"] <= "${to}T23:59:59"`] : []),
  ];
  return conditions.length > 0 ? conditions.join(' and ') : undefined;
}
