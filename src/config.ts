/**
 * Configuration from environment variables (api.md); command-line flags override them.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { redactSecrets } from './redact.ts';

/** The event names of metrics.md M3: each kind is a list, since each project may rename them. */
export interface EventNames {
  trialStarted: readonly string[];
  trialConverted: readonly string[];
  initialPurchase: readonly string[];
  /** A refund is one of these events with revenue_usd < 0. */
  refund: readonly string[];
}

/** The variable that sets each kind's names (api.md). */
export const EVENT_NAME_VARIABLES: Record<keyof EventNames, string> = {
  trialStarted: 'EVENT_TRIAL_STARTED',
  trialConverted: 'EVENT_TRIAL_CONVERTED',
  initialPurchase: 'EVENT_INITIAL_PURCHASE',
  refund: 'EVENT_REFUND',
};

/** M3: RevenueCat's own names, then the renamed ones many projects (and the demo data) use. */
export const DEFAULT_EVENT_NAMES: EventNames = {
  trialStarted: ['rc_trial_started_event', 'RC Trial started'],
  trialConverted: ['rc_trial_converted_event', 'RC Trial converted'],
  initialPurchase: ['rc_initial_purchase_event', 'RC Initial purchase'],
  refund: ['rc_cancellation_event', 'RC Cancellation'],
};

/** A comma list of names, trimmed, blanks dropped. */
export const commaList = (text: string) =>
  text
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);

/** Each EVENT_* variable is a comma list; an unset or blank one keeps the defaults. */
export function eventNamesFromEnv(env: NodeJS.ProcessEnv = process.env): EventNames {
  const names = (kind: keyof EventNames) => {
    const listed = commaList(env[EVENT_NAME_VARIABLES[kind]] ?? '');
    return listed.length > 0 ? listed : DEFAULT_EVENT_NAMES[kind];
  };
  return {
    trialStarted: names('trialStarted'),
    trialConverted: names('trialConverted'),
    initialPurchase: names('initialPurchase'),
    refund: names('refund'),
  };
}

/** Every configured name of every kind, once. */
export const allEventNames = (names: EventNames): string[] => [...new Set(Object.values(names).flat())];

/**
 * What the pipeline (M3) and the importer say when none of the events found has a configured
 * trial-start or initial-purchase name: the most frequent names found and the variables to set.
 */
export function unknownEventNamesHint(found: ReadonlyArray<{ name: string; events: number }>): string {
  const shown = found.map(({ name, events }) => `${JSON.stringify(name.slice(0, 60))} (${events.toLocaleString('en-US')})`).join(', ');
  return (
    `none has a configured trial-start or initial-purchase name; most frequent names found: ${shown}; ` +
    `set ${EVENT_NAME_VARIABLES.trialStarted} and ${EVENT_NAME_VARIABLES.initialPurchase} (comma lists, metrics.md M3) to your project's names`
  );
}

/** How many of the most frequent event names unknownEventNamesHint shows. */
export const EVENT_NAMES_SHOWN = 5;

/** A share 0..1 from a flag or variable `name`; anything else is a UsageError. */
export function parseShare(name: string, text: string): number {
  const share = Number(text);
  if (text.trim() === '' || !Number.isFinite(share) || share < 0 || share > 1) {
    throw new UsageError(`invalid ${name} ${JSON.stringify(text.slice(0, 40))}: expected a share from 0 to 1, e.g. 0.001`);
  }
  return share;
}

/** M32: MAX_SKIPPED_SHARE, default 0.001 (0.1 % of a table's rows). */
export const maxSkippedShareFromEnv = (env: NodeJS.ProcessEnv = process.env) =>
  env.MAX_SKIPPED_SHARE ? parseShare('MAX_SKIPPED_SHARE', env.MAX_SKIPPED_SHARE) : 0.001;

/** M33: MAX_RESTATEMENT_SHARE, default 0.5 (half of a measure's total over the days both runs cover). */
export const maxRestatementShareFromEnv = (env: NodeJS.ProcessEnv = process.env) =>
  env.MAX_RESTATEMENT_SHARE ? parseShare('MAX_RESTATEMENT_SHARE', env.MAX_RESTATEMENT_SHARE) : 0.5;

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
