import { type Logger } from '@ml2ts/driver-api';

/** One line a `RecordingLogger` received. */
export interface LoggedLine {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly message: string;
  readonly fields: Record<string, unknown>;
}

/** A logger that keeps every line, for tests to look at. */
export class RecordingLogger implements Logger {
  readonly lines: LoggedLine[] = [];

  debug(message: string, fields: Record<string, unknown> = {}): void {
    this.lines.push({ level: 'debug', message, fields });
  }

  info(message: string, fields: Record<string, unknown> = {}): void {
    this.lines.push({ level: 'info', message, fields });
  }

  warn(message: string, fields: Record<string, unknown> = {}): void {
    this.lines.push({ level: 'warn', message, fields });
  }

  error(message: string, fields: Record<string, unknown> = {}): void {
    this.lines.push({ level: 'error', message, fields });
  }

  /** Every line as one text, fields included, for "never logs X" checks. */
  text(): string {
    return this.lines
      .map((line) => `${line.level} ${line.message} ${JSON.stringify(line.fields)}`)
      .join('\n');
  }

  /** True when some line's message contains `fragment`. */
  has(fragment: string): boolean {
    return this.lines.some((line) => line.message.includes(fragment));
  }
}
