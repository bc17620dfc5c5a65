import { type Logger } from '@ml2ts/driver-api';

/** One line a `RecordingLogger` kept. */
export interface LogEntry {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly message: string;
  readonly fields?: Record<string, unknown>;
}

/**
 * A `Logger` that keeps every line in memory, for tests that check what a driver logs (bind it
 * to `DI.LOGGER`). Never throws, never blocks.
 */
export class RecordingLogger implements Logger {
  /** Every line, in order. */
  readonly entries: LogEntry[] = [];

  debug(message: string, fields?: Record<string, unknown>): void {
    this.entries.push({ level: 'debug', message, fields });
  }
  info(message: string, fields?: Record<string, unknown>): void {
    this.entries.push({ level: 'info', message, fields });
  }
  warn(message: string, fields?: Record<string, unknown>): void {
    this.entries.push({ level: 'warn', message, fields });
  }
  error(message: string, fields?: Record<string, unknown>): void {
    this.entries.push({ level: 'error', message, fields });
  }

  /** The lines of one level. */
  at(level: LogEntry['level']): readonly LogEntry[] {
    return this.entries.filter((entry) => entry.level === level);
  }
}
