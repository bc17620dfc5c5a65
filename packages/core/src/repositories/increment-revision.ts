/**
 * An entity-manager update value that adds 1 to the row's `revision_number` in the database
 * (`SET revision_number = revision_number + 1`), so that concurrent writers of one row never
 * lose an increment. The column name is unquoted: it needs no quoting on any dialect.
 */
export function incrementRevision(): string {
  return 'revision_number + 1';
}
