import { type QueryRunner } from 'typeorm';

/** How each dialect writes `ipallocations` rows, skipping an address already taken. */
const INSERT_SKIPPING_TAKEN: Readonly<Record<'sqlite' | 'postgres' | 'mysql', string>> = {
  sqlite: `INSERT OR IGNORE INTO "ipallocations" ("port_id", "ip_address", "subnet_id", "network_id") VALUES (?, ?, ?, ?)`,
  postgres: `INSERT INTO "ipallocations" ("port_id", "ip_address", "subnet_id", "network_id") VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
  mysql:
    'INSERT IGNORE INTO `ipallocations` (`port_id`, `ip_address`, `subnet_id`, `network_id`) VALUES (?, ?, ?, ?)',
};

/** Ports read per query while back-filling. */
const PAGE_SIZE = 1000;

/**
 * Fills `ipallocations` from the `fixed_ips` column of the existing ports, one row per fixed IP.
 * An address a port holds that another port of the network already holds (which earlier versions
 * could let through) is kept by the port read first and skipped for the other; the port's
 * `fixed_ips` text is left as it was. Runs inside the migration's transaction where the dialect
 * has one. Entries that are not `{ip_address, subnet_id}` strings are skipped.
 */
export async function backfillIpAllocations(
  queryRunner: QueryRunner,
  dialect: 'sqlite' | 'postgres' | 'mysql',
): Promise<void> {
  const quote = dialect === 'mysql' ? '`' : '"';
  const q = (name: string) => `${quote}${name}${quote}`;
  const limit = dialect === 'postgres' ? 'LIMIT $1 OFFSET $2' : 'LIMIT ? OFFSET ?';
  for (let offset = 0; ; offset += PAGE_SIZE) {
    const ports = ((await queryRunner.query(
      `SELECT ${q('id')}, ${q('network_id')}, ${q('fixed_ips')} FROM ${q('ports')} ORDER BY ${q('created_at')}, ${q('id')} ${limit}`,
      [PAGE_SIZE, offset],
    )) ?? []) as Array<{ id: string; network_id: string; fixed_ips: string }>;
    for (const port of ports) {
      for (const entry of parseFixedIps(port.fixed_ips)) {
        await queryRunner.query(INSERT_SKIPPING_TAKEN[dialect], [
          port.id,
          entry.ip_address,
          entry.subnet_id,
          port.network_id,
        ]);
      }
    }
    if (ports.length < PAGE_SIZE) return;
  }
}

function parseFixedIps(text: string): Array<{ ip_address: string; subnet_id: string }> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  return parsed.filter(
    (entry): entry is { ip_address: string; subnet_id: string } =>
      typeof entry === 'object' &&
      entry !== null &&
      typeof (entry as Record<string, unknown>).ip_address === 'string' &&
      typeof (entry as Record<string, unknown>).subnet_id === 'string',
  );
}
