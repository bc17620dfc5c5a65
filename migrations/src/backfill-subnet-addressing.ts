import { type QueryRunner } from 'typeorm';

/** Subnets read per query while back-filling. */
const PAGE_SIZE = 1000;

/** The addressing a subnet gets when it was created without any: gateway and pools. */
interface DefaultAddressing {
  readonly gatewayIp: string | null;
  readonly allocationPools: ReadonlyArray<{ start: string; end: string }>;
}

/**
 * Fills the addressing columns the subnet-addressing migration adds, for the subnets it found
 * (all IPv4: earlier versions kept no other): `project_id` from the subnet's network, and the
 * defaults a new subnet of the CIDR gets, `gateway_ip` the first address after the network
 * address and `allocation_pools` every address between it and the broadcast address (see
 * `defaultAddressing`). Names, DNS servers and host routes keep their column defaults (`''`,
 * `[]`), IPv6 modes stay null. A CIDR that is not a canonical IPv4 CIDR (none should exist) gets
 * no gateway and no pools. Runs inside the migration's transaction where the dialect has one.
 * This computation is the migration's own, frozen with it.
 */
export async function backfillSubnetAddressing(
  queryRunner: QueryRunner,
  dialect: 'sqlite' | 'postgres' | 'mysql',
): Promise<void> {
  const quote = dialect === 'mysql' ? '`' : '"';
  const q = (name: string) => `${quote}${name}${quote}`;
  const [first, second, third] = dialect === 'postgres' ? ['$1', '$2', '$3'] : ['?', '?', '?'];
  await queryRunner.query(
    `UPDATE ${q('subnets')} SET ${q('project_id')} = (SELECT ${q('project_id')} FROM ${q('networks')} WHERE ${q('networks')}.${q('id')} = ${q('subnets')}.${q('network_id')})`,
  );
  for (let offset = 0; ; offset += PAGE_SIZE) {
    const subnets = ((await queryRunner.query(
      `SELECT ${q('id')}, ${q('cidr')} FROM ${q('subnets')} ORDER BY ${q('id')} LIMIT ${first} OFFSET ${second}`,
      [PAGE_SIZE, offset],
    )) ?? []) as Array<{ id: string; cidr: string }>;
    for (const subnet of subnets) {
      const addressing = defaultAddressing(subnet.cidr);
      await queryRunner.query(
        `UPDATE ${q('subnets')} SET ${q('gateway_ip')} = ${first}, ${q('allocation_pools')} = ${second} WHERE ${q('id')} = ${third}`,
        [addressing.gatewayIp, JSON.stringify(addressing.allocationPools), subnet.id],
      );
    }
    if (subnets.length < PAGE_SIZE) return;
  }
}

/**
 * The default gateway and pools of an IPv4 CIDR: gateway = network + 1; pools = network + 1 ..
 * broadcast − 1 without the gateway; a /32 is its own pool (its gateway lies outside), a /31 has
 * no pool. Pure.
 */
export function defaultAddressing(cidr: string): DefaultAddressing {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  const octets = match?.slice(1, 5).map(Number) ?? [];
  const prefix = Number(match?.[5]);
  if (!match || octets.some((octet) => octet > 255) || prefix > 32) {
    return { gatewayIp: null, allocationPools: [] };
  }
  const network = octets.reduce((value, octet) => value * 256 + octet, 0);
  const size = 2 ** (32 - prefix);
  if (network % size !== 0) return { gatewayIp: null, allocationPools: [] };
  const gateway = network + 1 <= 0xffffffff ? network + 1 : null;
  const gatewayIp = gateway === null ? null : dottedQuad(gateway);
  if (size === 1) {
    return {
      gatewayIp,
      allocationPools: [{ start: dottedQuad(network), end: dottedQuad(network) }],
    };
  }
  const low = network + 1;
  const high = network + size - 2;
  if (low >= high) return { gatewayIp, allocationPools: [] };
  // The gateway is `low` itself: the one pool starts right after it.
  return { gatewayIp, allocationPools: [{ start: dottedQuad(low + 1), end: dottedQuad(high) }] };
}

function dottedQuad(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}
