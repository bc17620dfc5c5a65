import { type Logger } from '@ml2ts/driver-api';

/** One logged line. */
export interface LogRecord {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly message: string;
  readonly fields: Record<string, unknown>;
}

/** A logger that keeps every line, for assertions. */
export class RecordingLogger implements Logger {
  readonly records: LogRecord[] = [];

  debug(message: string, fields: Record<string, unknown> = {}): void {
    this.records.push({ level: 'debug', message, fields });
  }
  info(message: string, fields: Record<string, unknown> = {}): void {
    this.records.push({ level: 'info', message, fields });
  }
  warn(message: string, fields: Record<string, unknown> = {}): void {
    this.records.push({ level: 'warn', message, fields });
  }
  error(message: string, fields: Record<string, unknown> = {}): void {
    this.records.push({ level: 'error', message, fields });
  }

  /** The lines at `level`. */
  at(level: LogRecord['level']): LogRecord[] {
    return this.records.filter((record) => record.level === level);
  }

  /** Every line as JSON, for "never logs X" checks. */
  text(): string {
    return JSON.stringify(this.records);
  }
}
