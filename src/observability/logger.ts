/**
 * JSON log lines on stdout (api.md "Operations", Logs): one per request and one per pipeline step,
 * at the level LOG_LEVEL names (pino's level names, or `silent`).
 */
import { pino, type DestinationStream, type Logger } from 'pino';
import { UsageError } from '../config.ts';

export type { Logger };

export const DEFAULT_LOG_LEVEL = 'info';

/** The level from LOG_LEVEL; anything but one of pino's level names is a UsageError. */
export function logLevelFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const level = env.LOG_LEVEL?.trim().toLowerCase() || DEFAULT_LOG_LEVEL;
  const names = [...Object.keys(pino.levels.values), 'silent'];
  if (!names.includes(level)) throw new UsageError(`invalid LOG_LEVEL ${JSON.stringify(level.slice(0, 100))}: expected one of ${names.join(', ')}`);
  return level;
}

/** A logger writing JSON lines to `destination` (stdout when omitted), with ISO times. */
export function createLogger(level: string = DEFAULT_LOG_LEVEL, destination?: DestinationStream): Logger {
  const options = { level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime };
  return destination ? pino(options, destination) : pino(options);
}

/** Logs nothing: for an API built without a logger (tests, tools). */
export const silentLogger = (): Logger => pino({ level: 'silent' });
