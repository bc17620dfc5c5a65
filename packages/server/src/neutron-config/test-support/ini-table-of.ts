import { IniOptionTable } from '../ini-option-table';
import { type IniEntry, parseIni } from '../parse-ini';

/**
 * The options of configuration files given as texts, by file name in reading order, as
 * `readIniFiles` would return them for files with these contents. Each text is dedented (the
 * indentation of its first non-blank line is removed from every line), so tests can indent it.
 */
export function iniTableOf(files: Readonly<Record<string, string>>): IniOptionTable {
  const entries: IniEntry[] = [];
  for (const [file, text] of Object.entries(files)) entries.push(...parseIni(dedent(text), file));
  return new IniOptionTable(Object.keys(files), entries);
}

/** `text` without the indentation of its first non-blank line, on every line. */
export function dedent(text: string): string {
  const indent = /^[ \t]*(?=\S)/m.exec(text)?.[0] ?? '';
  return text
    .split('\n')
    .map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line))
    .join('\n');
}
