/** Where the CLI writes. Injected so that tests capture the output. Writers must not throw. */
export interface CliIo {
  /** Results (JSON, reports). */
  readonly stdout: (text: string) => void;
  /** Errors and diagnostics. */
  readonly stderr: (text: string) => void;
}

/** The process's own streams. */
export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** Exit codes of `ml2ts`. */
export const ExitCode = {
  OK: 0,
  /** The command ran and failed (a scenario that cannot run, a database error, ...). */
  FAILURE: 1,
  /** The command line itself is wrong. */
  USAGE: 2,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
