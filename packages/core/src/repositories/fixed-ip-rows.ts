import { IpAddressInUse } from '@ml2ts/driver-api';
import { type Port } from '@ml2ts/store';

/** One fixed IP of a port, as its `fixed_ips` column stores it. */
export interface FixedIpRow {
  readonly ip_address: string;
  readonly subnet_id: string;
}

/**
 * The fixed IPs of a port row, from its `fixed_ips` JSON (written by the engine, so well
 * formed; an entry without both strings is skipped). Pure.
 */
export function parseFixedIps(port: Pick<Port, 'fixedIps'>): FixedIpRow[] {
  const parsed: unknown = JSON.parse(port.fixedIps);
  if (!Array.isArray(parsed)) return [];
  return parsed.filter(
    (entry): entry is FixedIpRow =>
      typeof entry === 'object' &&
      entry !== null &&
      typeof (entry as Record<string, unknown>).ip_address === 'string' &&
      typeof (entry as Record<string, unknown>).subnet_id === 'string',
  );
}

/**
 * The 409 for a port whose addresses the database found taken on its network: the unique
 * constraint of `ipallocations` does not say which one, so every address is named.
 */
export function addressInUse(port: Pick<Port, 'networkId'>, fixedIps: readonly FixedIpRow[]) {
  const addresses = fixedIps.map((ip) => ip.ip_address).join(', ');
  return new IpAddressInUse(addresses, port.networkId);
}
