import { type IniOptionTable } from './ini-option-table';
import { ignoredOptionReason } from './ignored-option-reason';
import { type IgnoredOption } from './neutron-config';
import { NeutronConfigError } from './neutron-config-error';
import { type OptionType, OptionValueError } from './option-types';
import { type IniEntry } from './parse-ini';
import { substituteReferences } from './substitute-references';

/** An option's converted value and the line it came from. */
export interface ReadOption<T> {
  readonly value: T;
  readonly entry: IniEntry;
}

/**
 * Reads typed options out of an `IniOptionTable` and keeps track of which lines were used, so
 * that every other line can be reported as ignored. Values are substituted (see
 * `substituteReferences`) and converted with the option's type.
 */
export class OptionReader {
  private readonly used = new Set<IniEntry>();
  private readonly reasons = new Map<IniEntry, string>();

  constructor(private readonly table: IniOptionTable) {}

  /** The files read, in order. */
  get files(): readonly string[] {
    return this.table.files;
  }

  /**
   * The value of a one-valued option (the last line that sets it), converted with `type`; every
   * line of the option counts as used. Undefined when no file sets it. Throws
   * `NeutronConfigError` naming the file, line and option when the value does not fit `type`.
   */
  read<T>(section: string, option: string, type: OptionType<T>): ReadOption<T> | undefined {
    const entries = this.table.all(section, option);
    for (const entry of entries) this.used.add(entry);
    const entry = entries.at(-1);
    return entry === undefined ? undefined : { value: this.convert(entry, type), entry };
  }

  /**
   * Every value of a multi-valued option, one per line that sets it (in file order, then line
   * order), each converted with `type`; all count as used. Throws like `read`.
   */
  readAll<T>(section: string, option: string, type: OptionType<T>): ReadOption<T>[] {
    const entries = this.table.all(section, option);
    for (const entry of entries) this.used.add(entry);
    return entries.map((entry) => ({ value: this.convert(entry, type), entry }));
  }

  /**
   * Marks the option as known but not used, with `reason` (instead of the general one) in the
   * `ignored` list.
   */
  note(section: string, option: string, reason: string): void {
    for (const entry of this.table.all(section, option)) this.reasons.set(entry, reason);
  }

  /** Every line no `read` or `readAll` used, in file and line order, with why. */
  ignored(): IgnoredOption[] {
    return this.table.entries
      .filter((entry) => !this.used.has(entry))
      .map((entry) => ({
        file: entry.file,
        line: entry.line,
        section: entry.section,
        option: entry.option,
        reason: this.reasons.get(entry) ?? ignoredOptionReason(entry.section, entry.option),
      }));
  }

  /** An error about `entry`, or about an option no file sets (then naming every file). */
  error(
    at: IniEntry | { section: string; option: string },
    problem: string,
    cause?: unknown,
  ): NeutronConfigError {
    const location =
      'file' in at
        ? at
        : {
            section: at.section,
            option: at.option,
            file: this.files.length === 1 ? this.files[0] : undefined,
          };
    return new NeutronConfigError(location, problem, cause === undefined ? undefined : { cause });
  }

  private convert<T>(entry: IniEntry, type: OptionType<T>): T {
    try {
      const raw = substituteReferences(entry.value, entry.section, (section, option) => {
        const found = this.table.last(section, option);
        return found && { section: found.section, value: found.value };
      });
      return type.parse(raw);
    } catch (error) {
      if (!(error instanceof OptionValueError)) throw error;
      throw this.error(
        entry,
        `${error.message}: correct the value, or remove the line to get the default`,
        error,
      );
    }
  }
}
