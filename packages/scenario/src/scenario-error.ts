/**
 * A scenario the runner cannot run: malformed JSON, a missing or mistyped key, an unknown
 * `config` key, a label that nothing declared before it is used. `key` is the path of the
 * offending key (for example `config.vni_range` or `steps[2].port`), or `''` for the whole
 * scenario; `file` is the scenario file, when the scenario came from one.
 */
export class ScenarioError extends Error {
  /** Path of the offending key in the scenario, e.g. `ports[0].network`. */
  readonly key: string;
  /** The scenario file, when known. */
  readonly file: string | undefined;
  /** The problem alone, without key and file. */
  readonly problem: string;

  constructor(key: string, problem: string, options?: { cause?: unknown; file?: string }) {
    const where = key === '' ? '' : `scenario key ${key}: `;
    const file = options?.file;
    super(`${file === undefined ? '' : `${file}: `}${where}${problem}`, options);
    this.name = 'ScenarioError';
    this.key = key;
    this.file = file;
    this.problem = problem;
  }

  /** The same error, naming the file the scenario came from. */
  inFile(file: string): ScenarioError {
    return new ScenarioError(this.key, this.problem, { cause: this.cause, file });
  }
}
