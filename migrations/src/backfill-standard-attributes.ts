import { type QueryRunner } from 'typeorm';

/**
 * Fills the timestamps the standard-attributes migration adds, for the rows it found: networks
 * and ports were updated when they were created (`updated_at` = `created_at`); subnets and
 * segments, which kept no time, were created and updated at `migratedAt`. `revision_number`
 * needs nothing: its column default, 0, filled every row. Binding rows keep `updated_at` null
 * (no binding commit counted yet). Runs inside the migration's transaction where the dialect has
 * one.
 */
export async function backfillStandardAttributes(
  queryRunner: QueryRunner,
  dialect: 'sqlite' | 'postgres' | 'mysql',
  migratedAt: Date,
): Promise<void> {
  const quote = dialect === 'mysql' ? '`' : '"';
  const q = (name: string) => `${quote}${name}${quote}`;
  const [first, second] = dialect === 'postgres' ? ['$1', '$2'] : ['?', '?'];
  // UTC to the ms, in the text form every dialect's datetime columns take.
  const instant = migratedAt.toISOString().replace('T', ' ').replace('Z', '');
  for (const table of ['networks', 'ports']) {
    await queryRunner.query(`UPDATE ${q(table)} SET ${q('updated_at')} = ${q('created_at')}`);
  }
  for (const table of ['subnets', 'networksegments']) {
    await queryRunner.query(
      `UPDATE ${q(table)} SET ${q('created_at')} = ${first}, ${q('updated_at')} = ${second}`,
      [instant, instant],
    );
  }
}
