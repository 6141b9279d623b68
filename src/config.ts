/**
 * Configuration from environment variables (api.md); command-line flags override them.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { redactSecrets } from './redact.ts';

/** The RevenueCat event names of metrics.md M3; each project may rename them. */
export interface EventNames {
  trialStarted: string;
  trialConverted: string;
  initialPurchase: string;
  /** A refund is this event with revenue_usd < 0. */
  refund: string;
}

export function eventNamesFromEnv(env: NodeJS.ProcessEnv = process.env): EventNames {
  return {
    trialStarted: env.EVENT_TRIAL_STARTED || 'RC Trial started',
    trialConverted: env.EVENT_TRIAL_CONVERTED || 'RC Trial converted',
    initialPurchase: env.EVENT_INITIAL_PURCHASE || 'RC Initial purchase',
    refund: env.EVENT_REFUND || 'RC Cancellation',
  };
}

export const DEFAULT_TIMEZONE = 'UTC';
export const DEFAULT_PORT = 4000;
export const DEFAULT_HOST = '127.0.0.1';

/** The reporting time zone of metrics.md M2 when a run does not name one. */
export const reportTimezoneFromEnv = (env: NodeJS.ProcessEnv = process.env) => env.REPORT_TIMEZONE || DEFAULT_TIMEZONE;

/** A TCP port from a flag or PORT; anything else is a UsageError. */
export function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`invalid port ${JSON.stringify(value)}: expected 0..65535`);
  return port;
}

export const DEFAULT_MAX_REQUEST_BYTES = 1024 * 1024;

/** The HTTP settings of api.md from MAX_REQUEST_BYTES and CORS_ORIGINS; a bad value is a UsageError. */
export function httpSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): { maxRequestBytes: number; corsOrigins: string[] | null } {
  const bytes = env.MAX_REQUEST_BYTES?.trim() || String(DEFAULT_MAX_REQUEST_BYTES);
  if (!/^\d+$/.test(bytes) || Number(bytes) < 1) {
    throw new UsageError(`invalid MAX_REQUEST_BYTES ${JSON.stringify(bytes.slice(0, 100))}: expected a positive whole number of bytes`);
  }
  // A comma list of origins such as https://app.example.com; empty or '*' means any origin.
  const origins = (env.CORS_ORIGINS ?? '').split(',').map((origin) => origin.trim()).filter(Boolean);
  return { maxRequestBytes: Number(bytes), corsOrigins: origins.length === 0 || origins.includes('*') ? null : origins };
}

/** An error in what the user asked for: printed as one line, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Parses command-line flags strictly; an unknown flag or missing value is a UsageError. */
export function parseFlags<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** Runs a command's main function; expected errors become one line on stderr and a non-zero exit. */
export async function runCommand(main: () => Promise<void> | void): Promise<void> {
  try {
    await main();
  } catch (error) {
    const err = error as Error;
    process.stderr.write(`error: ${redactSecrets(err.message.split('\n')[0]!)}\n`);
    if (process.env.DEBUG) process.stderr.write(`${redactSecrets(String(err.stack))}\n`);
    process.exitCode = err instanceof UsageError ? 2 : 1;
  }
}
