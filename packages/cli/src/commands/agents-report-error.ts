import { UsageError } from '../usage-error';

/**
 * `ml2ts agents report` cannot use its FILE: unreadable, not JSON, not a list of agent states,
 * or an entry the engine refuses. A `UsageError` (exit code 2). The message names the file
 * (and the entry, counted from 1, with its agent type and host when known) and says what to fix.
 */
export class AgentsReportError extends UsageError {
  /** The FILE, as given on the command line. */
  readonly file: string;
  /** The entry at fault, counted from 1; undefined when the problem is the whole file. */
  readonly entry: number | undefined;

  constructor(
    file: string,
    entry: number | undefined,
    problem: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}${entry === undefined ? '' : `, entry ${entry}`}: ${problem}`);
    this.name = 'AgentsReportError';
    this.file = file;
    this.entry = entry;
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}
