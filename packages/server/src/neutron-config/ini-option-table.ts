import { type IniEntry } from './parse-ini';

/**
 * The options of one or more configuration files, read in order: a later file overrides an
 * earlier one option by option, and within a file a later line overrides an earlier one, for
 * options holding one value (`last`). Options holding several values (`all`) get every line, in
 * file order then line order. Immutable once built.
 */
export class IniOptionTable {
  private readonly byOption = new Map<string, IniEntry[]>();

  /** `files` are the files read, in order; `entries` their entries in the same order. */
  constructor(
    readonly files: readonly string[],
    readonly entries: readonly IniEntry[],
  ) {
    for (const entry of entries) {
      const key = keyOf(entry.section, entry.option);
      const list = this.byOption.get(key);
      if (list) list.push(entry);
      else this.byOption.set(key, [entry]);
    }
  }

  /** The line that sets a one-value option: the last one written; undefined when none. */
  last(section: string, option: string): IniEntry | undefined {
    return this.byOption.get(keyOf(section, option))?.at(-1);
  }

  /** Every line that sets the option, in file order then line order (a multi-valued option). */
  all(section: string, option: string): readonly IniEntry[] {
    return this.byOption.get(keyOf(section, option)) ?? [];
  }
}

function keyOf(section: string, option: string): string {
  return `${section}\u0000${option}`;
}
