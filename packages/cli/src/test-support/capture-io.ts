import { type CliIo } from '../cli-io';

/** A `CliIo` that keeps what is written, for tests. */
export interface CapturedIo extends CliIo {
  readonly out: () => string;
  readonly err: () => string;
}

/** Captures stdout and stderr in memory. */
export function captureIo(): CapturedIo {
  let stdout = '';
  let stderr = '';
  return {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    out: () => stdout,
    err: () => stderr,
  };
}
