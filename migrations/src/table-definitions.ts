import { type QueryRunner } from 'typeorm';

/** One table of a migration: the statement that creates it and those that create its indexes. */
export interface TableDefinition {
  readonly name: string;
  readonly create: string;
  /** Index name → `CREATE INDEX` statement; absent where the table statement declares them. */
  readonly indexes?: Readonly<Record<string, string>>;
}

/** Creates `tables` in order (parents before children), each followed by its indexes. */
export async function createTables(
  queryRunner: QueryRunner,
  tables: readonly TableDefinition[],
): Promise<void> {
  for (const table of tables) {
    await queryRunner.query(table.create);
    for (const createIndex of Object.values(table.indexes ?? {}))
      await queryRunner.query(createIndex);
  }
}

/**
 * Drops `tables` in reverse order (children before parents), running for each the statements
 * `dropStatements` gives (its indexes where the dialect keeps them apart, then the table).
 */
export async function dropTables(
  queryRunner: QueryRunner,
  tables: readonly TableDefinition[],
  dropStatements: (table: TableDefinition) => readonly string[],
): Promise<void> {
  for (const table of [...tables].reverse()) {
    for (const statement of dropStatements(table)) await queryRunner.query(statement);
  }
}
