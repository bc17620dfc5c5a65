/** Where a problem sits in the configuration files, as far as it is known. */
export interface NeutronConfigLocation {
  /** The file, as it was given; undefined when the problem is about no single file. */
  readonly file?: string;
  /** 1-based line number in `file`. */
  readonly line?: number;
  /** The section, as written (`DEFAULT`, `ml2`, ...). */
  readonly section?: string;
  /** The option name, as written. */
  readonly option?: string;
}

/**
 * A Neutron configuration file ml2ts cannot use: unreadable or too large, a malformed line, a
 * bad value for an option ml2ts reads, or a setting ml2ts refuses (`auth_strategy = keystone`,
 * another `core_plugin`). The message starts with the place (`neutron.conf:12: [DEFAULT]
 * bind_port: ...`) and says what to write instead; the fields hold the place for callers that
 * format it themselves. Thrown before anything starts.
 */
export class NeutronConfigError extends Error {
  /** The file, as it was given; undefined when the problem is about no single file. */
  readonly file: string | undefined;
  /** 1-based line number in `file`, when the problem is on one line. */
  readonly line: number | undefined;
  /** The section of the option, when the problem is about one option. */
  readonly section: string | undefined;
  /** The option, when the problem is about one option. */
  readonly option: string | undefined;
  /** What is wrong and what to do, without the place. */
  readonly problem: string;

  constructor(location: NeutronConfigLocation, problem: string, options?: { cause?: unknown }) {
    super(`${describeLocation(location)}: ${problem}`, options);
    this.name = 'NeutronConfigError';
    this.file = location.file;
    this.line = location.line;
    this.section = location.section;
    this.option = location.option;
    this.problem = problem;
  }
}

/** `file:line: [section] option`, leaving out what is not known. */
function describeLocation(location: NeutronConfigLocation): string {
  const place =
    location.file === undefined
      ? 'Neutron configuration'
      : location.line === undefined
        ? location.file
        : `${location.file}:${location.line}`;
  if (location.section === undefined) return place;
  const option = location.option === undefined ? '' : ` ${location.option}`;
  return `${place}: [${location.section}]${option}`;
}
