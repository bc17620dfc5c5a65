import { type Logger } from '@ml2ts/driver-api';

/** A level of `Logger`. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/**
 * Logs through `logger`, swallowing whatever the logger throws: the transport logs from its
 * broker event handlers and consumers, which a failing logger must never break. Never throws.
 */
export function logSafely(
  logger: Logger,
  level: LogLevel,
  message: string,
  fields: Record<string, unknown>,
): void {
  try {
    logger[level](message, fields);
  } catch {
    // Nothing to report it to.
  }
}
