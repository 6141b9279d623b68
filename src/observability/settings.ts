/** The operations settings of api.md (Environment, "Operations") from the environment; a bad value is a UsageError. */
import { reportTimezoneFromEnv } from '../config.ts';
import { freshnessThresholdsFromEnv } from '../freshness/freshness.ts';
import { scheduleSettingsFromEnv } from '../schedule/schedules.ts';
import { alertSettingsFromEnv } from '../alerts/monitor.ts';
import { logLevelFromEnv } from './logger.ts';

export function operationsSettingsFromEnv(env: NodeJS.ProcessEnv = process.env) {
  return {
    logLevel: logLevelFromEnv(env),
    metricsToken: env.METRICS_TOKEN || null,
    freshnessThresholds: freshnessThresholdsFromEnv(env),
    schedules: scheduleSettingsFromEnv(env, reportTimezoneFromEnv(env)),
    alerts: alertSettingsFromEnv(env),
  };
}
