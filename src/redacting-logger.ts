/** yoga's logger with secrets redacted (src/redact.ts): it logs every masked error with its message and stack. */
import { createLogger, type YogaLogger } from 'graphql-yoga';
import { redactSecrets } from './redact.ts';

const redactArgument = (value: unknown) =>
  typeof value === 'string' ? redactSecrets(value) : value instanceof Error ? redactSecrets(value.stack ?? `${value.name}: ${value.message}`) : value;

export function redactingLogger(logger: YogaLogger = createLogger()): YogaLogger {
  const wrap =
    (log: (...args: unknown[]) => void) =>
    (...args: unknown[]) =>
      log(...args.map(redactArgument));
  return { debug: wrap(logger.debug), info: wrap(logger.info), warn: wrap(logger.warn), error: wrap(logger.error) };
}
