import { OptionValueError } from './option-types';

/** `$$`, `$name`, `${name}` or `${section.name}`. */
const REFERENCE = /\$(?:(\$)|([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_.-]*)\})/g;

/** How deep references may nest (`a = $b`, `b = $c`, ...) before it counts as a loop. */
const MAX_DEPTH = 10;

/**
 * The raw value of the option `option` of `section` and the section it was found in; undefined
 * when no file sets it.
 */
export type ReferenceLookup = (
  section: string,
  option: string,
) => { readonly section: string; readonly value: string } | undefined;

/**
 * Replaces references to other options in `raw`, the value of an option of `section`, as
 * Neutron's files allow (`connection = sqlite:///$state_path/neutron.db`): `$name` and `${name}`
 * are the value of `name` in the same section or else in `DEFAULT`, `${other.name}` that of
 * `name` in section `other`; referenced values are substituted in turn (in their own section).
 * `$$` is a literal `$`; a `$` followed by anything else stays as it is.
 *
 * Pure. Throws `OptionValueError` for a reference no file sets (saying to set it), and for
 * references that loop or nest deeper than 10.
 */
export function substituteReferences(
  raw: string,
  section: string,
  lookup: ReferenceLookup,
  depth = 0,
): string {
  if (!raw.includes('$')) return raw;
  return raw.replace(REFERENCE, (match, dollar?: string, bare?: string, braced?: string) => {
    if (dollar !== undefined) return '$';
    const name = bare ?? braced ?? '';
    const dot = braced === undefined ? -1 : name.indexOf('.');
    const named = dot < 0 ? undefined : name.slice(0, dot);
    const option = dot < 0 ? name : name.slice(dot + 1);
    const found =
      named === undefined
        ? (lookup(section, option) ?? lookup('DEFAULT', option))
        : lookup(named, option);
    if (found === undefined) {
      const where = named === undefined ? `[${section}] or [DEFAULT]` : `[${named}]`;
      throw new OptionValueError(
        `${match} refers to the option ${option}, which no configuration file sets in ${where}: ` +
          `set it, or write $$ for a literal $`,
      );
    }
    if (depth >= MAX_DEPTH) {
      throw new OptionValueError(
        `${match} starts references nested more than ${MAX_DEPTH} deep (a loop?): ` +
          'write the value out',
      );
    }
    return substituteReferences(found.value, found.section, lookup, depth + 1);
  });
}
