import { UsageError } from './usage-error';

/** The options a command accepts. */
export interface ArgumentSpec {
  /** Options that take a value (`--database URL` or `--database=URL`), without dashes. */
  readonly values?: readonly string[];
  /** Options without a value (`--help`), without dashes. */
  readonly flags?: readonly string[];
  /** Value options that may be given several times (`--config-file A --config-file B`). */
  readonly lists?: readonly string[];
}

/** A parsed command line. */
export interface ParsedArguments {
  readonly positionals: readonly string[];
  /** Value options given, by name (the last one wins). */
  readonly values: Readonly<Record<string, string>>;
  readonly flags: ReadonlySet<string>;
  /** Repeatable value options given, by name, in command-line order (absent: not given). */
  readonly lists: Readonly<Record<string, readonly string[]>>;
}

/**
 * Splits a command's arguments into positionals, value options and flags. `-h` means `--help`;
 * after `--` everything is positional. Pure. Throws `UsageError` for an unknown option, a value
 * option without a value, or a value given to a flag.
 */
export function parseArguments(argv: readonly string[], spec: ArgumentSpec): ParsedArguments {
  const valueNames = spec.values ?? [];
  const flagNames = spec.flags ?? [];
  const positionals: string[] = [];
  const values: Record<string, string> = {};
  const flags = new Set<string>();
  const listNames = spec.lists ?? [];
  const lists: Record<string, string[]> = {};
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i];
    if (argument === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (argument === '-h') {
      flags.add('help');
      continue;
    }
    if (!argument.startsWith('-') || argument === '-') {
      positionals.push(argument);
      continue;
    }
    if (!argument.startsWith('--')) throw new UsageError(`unknown option '${argument}'`);
    const equals = argument.indexOf('=');
    const name = argument.slice(2, equals < 0 ? undefined : equals);
    const inline = equals < 0 ? undefined : argument.slice(equals + 1);
    if (valueNames.includes(name) || listNames.includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined || value === '') {
        throw new UsageError(`option '--${name}' needs a value`);
      }
      if (listNames.includes(name)) (lists[name] ??= []).push(value);
      else values[name] = value;
    } else if (flagNames.includes(name)) {
      if (inline !== undefined) throw new UsageError(`option '--${name}' takes no value`);
      flags.add(name);
    } else {
      throw new UsageError(`unknown option '--${name}'`);
    }
  }
  return { positionals, values, flags, lists };
}
