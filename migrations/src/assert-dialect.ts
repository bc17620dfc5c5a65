import { type QueryRunner } from 'typeorm';

/** The data source types each migration history is written for. */
export const DIALECT_FAMILIES = {
  SQLite: ['better-sqlite3', 'sqlite'],
  PostgreSQL: ['postgres'],
  MySQL: ['mysql', 'mariadb'],
} as const;

/**
 * Throws, before anything runs, when `queryRunner` belongs to a database of another dialect than
 * the one `migration` is written in: its DDL would fail half-way or do something else.
 */
export function assertDialect(
  queryRunner: QueryRunner,
  migration: string,
  dialect: keyof typeof DIALECT_FAMILIES,
): void {
  const type = queryRunner.dataSource.options.type;
  const family: readonly string[] = DIALECT_FAMILIES[dialect];
  if (!family.includes(type)) {
    throw new Error(
      `${migration} is written in ${dialect}'s dialect and cannot run on a "${type}" database; ` +
        `allowed types: ${family.join(', ')}.`,
    );
  }
}
