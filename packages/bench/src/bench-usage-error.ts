/** A command-line flag of `npm run bench` with a value it cannot use. */
export class BenchUsageError extends Error {
  /**
   * @param option the flag, e.g. `--runs`
   * @param value what was given (undefined when the value was missing)
   * @param allowed what the flag accepts
   */
  constructor(
    readonly option: string,
    readonly value: string | undefined,
    readonly allowed: string,
  ) {
    super(
      value === undefined
        ? `${option} needs a value: ${allowed}`
        : `${option} '${value}' is not usable: ${allowed}`,
    );
    this.name = 'BenchUsageError';
  }
}
