import { NeutronConfigError } from './neutron-config-error';

/** One `option = value` line (with its continuation lines) of a configuration file. */
export interface IniEntry {
  /** The file, as it was given to the reader. */
  readonly file: string;
  /** 1-based number of the line that names the option. */
  readonly line: number;
  /** The section it sits in, as written (`DEFAULT` stays upper case, others are lower-cased). */
  readonly section: string;
  /** The option name, as written. */
  readonly option: string;
  /**
   * The raw value: trimmed, one pair of matching surrounding quotes removed, continuation lines
   * joined with `\n`. Nothing is converted or substituted yet.
   */
  readonly value: string;
}

/**
 * Parses the text of one configuration file in the syntax Neutron's files use:
 *
 * - `[section]` headers; section names are lower-cased, except `DEFAULT`;
 * - `name = value` or `name: value` (whichever separator comes first), name and value trimmed,
 *   one pair of matching quotes around the value removed; an empty value is allowed;
 * - lines starting with `#` or `;` are comments; there are no comments at the end of a line
 *   (`a = 1 # x` sets `1 # x`);
 * - a line starting with a space or a tab continues the value above it (joined with a newline);
 *   a blank line ends a value;
 * - a repeated option is kept as often as it is written, in order (see `IniOptionTable`).
 *
 * Pure. `file` only names the file in entries and errors. Throws `NeutronConfigError` naming the
 * file and line for an option before any section header, a header without `]` or without a name,
 * an indented line that continues nothing, and a line that is neither header, option nor comment.
 */
export function parseIni(text: string, file: string): IniEntry[] {
  const entries: IniEntry[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  let section: string | undefined;
  let pending: { line: number; option: string; parts: string[] } | undefined;
  const flush = () => {
    if (pending === undefined || section === undefined) return;
    const value = unquote(pending.parts.join('\n').trim());
    entries.push({ file, line: pending.line, section, option: pending.option, value });
    pending = undefined;
  };

  lines.forEach((raw, index) => {
    const lineNumber = index + 1;
    const line = raw.trimEnd();
    if (line === '') {
      flush();
      return;
    }
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (pending === undefined) {
        throw new NeutronConfigError(
          { file, line: lineNumber },
          'this indented line continues no option: an indented line continues the value of the ' +
            'option right above it; remove the leading spaces, or remove the blank line or ' +
            'header above it',
        );
      }
      pending.parts.push(line.trim());
      return;
    }
    flush();
    if (line.startsWith('#') || line.startsWith(';')) return;
    if (line.startsWith('[')) {
      section = sectionName(line, file, lineNumber);
      return;
    }
    const [option, value] = splitOption(line, file, lineNumber);
    if (section === undefined) {
      throw new NeutronConfigError(
        { file, line: lineNumber, option },
        'the option comes before any section header: put it under [DEFAULT] or the section ' +
          'it belongs to',
      );
    }
    pending = { line: lineNumber, option, parts: [value] };
  });
  flush();
  return entries;
}

/** The name of a `[section]` header line; `DEFAULT` kept, other names lower-cased. */
function sectionName(line: string, file: string, lineNumber: number): string {
  if (!line.endsWith(']')) {
    throw new NeutronConfigError(
      { file, line: lineNumber },
      `the section header ${JSON.stringify(line)} has no closing ']': write [name]`,
    );
  }
  const name = line.slice(1, -1).trim();
  if (name === '') {
    throw new NeutronConfigError(
      { file, line: lineNumber },
      'the section header names no section: write [DEFAULT], [ml2], ...',
    );
  }
  return name === 'DEFAULT' ? name : name.toLowerCase();
}

/** Splits `name = value` or `name: value` at the first separator; both parts trimmed. */
function splitOption(line: string, file: string, lineNumber: number): [string, string] {
  const equals = line.indexOf('=');
  const colon = line.indexOf(':');
  const at = colon < 0 || (equals >= 0 && equals < colon) ? equals : colon;
  if (at < 0) {
    throw new NeutronConfigError(
      { file, line: lineNumber },
      `${JSON.stringify(shorten(line))} is neither a [section] header, an option ` +
        '(name = value) nor a comment (# ...): add "= value", or "#" in front to comment it out',
    );
  }
  const option = line.slice(0, at).trim();
  if (option === '') {
    throw new NeutronConfigError(
      { file, line: lineNumber },
      `${JSON.stringify(shorten(line))} sets a value without an option name: write name = value`,
    );
  }
  return [option, line.slice(at + 1).trim()];
}

/** `value` without one pair of matching surrounding quotes. */
function unquote(value: string): string {
  if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.at(-1) === value[0]) {
    return value.slice(1, -1);
  }
  return value;
}

/** At most 60 characters of `text`, for messages. */
function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
