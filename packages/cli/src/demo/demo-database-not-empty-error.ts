/**
 * `ml2ts demo` on a PostgreSQL or MariaDB database that already holds something, without
 * `--keep`: the demo never deletes from a server database, so it refuses to mix its story into
 * data it did not write. Nothing was written.
 */
export class DemoDatabaseNotEmptyError extends Error {
  /** The database, its password replaced by `***`. */
  readonly database: string;
  /** Tables that are not ml2ts's, when there are some. */
  readonly foreignTables: readonly string[];
  /** ml2ts tables that hold rows, as `table (rows)`. */
  readonly filledTables: readonly string[];

  constructor(database: string, foreignTables: readonly string[], filledTables: readonly string[]) {
    const detail =
      foreignTables.length > 0
        ? `it holds tables that are not ml2ts's (${listed(foreignTables)}). Give the demo a ` +
          'database of its own (an empty one: CREATE DATABASE ...)'
        : `it already holds ml2ts data (${listed(filledTables)}). The demo never deletes from a ` +
          'server database: give it an empty one, or add --keep to run it on top of what is there';
    super(`Database ${database} is not empty: ${detail}. Nothing was written.`);
    this.name = 'DemoDatabaseNotEmptyError';
    this.database = database;
    this.foreignTables = foreignTables;
    this.filledTables = filledTables;
  }
}

/** The first five names, and how many more there are. */
function listed(names: readonly string[]): string {
  const shown = names.slice(0, 5).join(', ');
  return names.length > 5 ? `${shown} and ${names.length - 5} more` : shown;
}
