import { type PortResource } from '@ml2ts/driver-api';
import {
  presentStandardAttributes,
  type StandardAttributesBody,
  type StoredStandardAttributes,
} from './standard-attributes';

/** A port as `/v2.0/ports` shows it. */
export type PortBody = StandardAttributesBody & Record<string, unknown>;

/** The `binding:*` attributes, which only admins may see or set (Neutron's default policy). */
export const BINDING_ATTRIBUTES = [
  'binding:host_id',
  'binding:profile',
  'binding:vif_details',
  'binding:vif_type',
  'binding:vnic_type',
] as const;

type StoredPort = PortResource &
  StoredStandardAttributes & {
    allowed_address_pairs?: ReadonlyArray<{ ip_address: string; mac_address?: string }>;
  };

/**
 * The port's API body: its binding (`binding:*`), addresses, security groups, `tenant_id` beside
 * `project_id`, `ip_allocation: immediate` (addresses are given at create) and no extra DHCP
 * options.
 */
export function presentPort(port: PortResource, now: Date): PortBody {
  const stored = port as StoredPort;
  return {
    admin_state_up: port.admin_state_up,
    allowed_address_pairs: (stored.allowed_address_pairs ?? []).map((pair) => ({
      ip_address: pair.ip_address,
      mac_address: pair.mac_address ?? port.mac_address,
    })),
    'binding:host_id': port['binding:host_id'],
    'binding:profile': port['binding:profile'],
    'binding:vif_details': port['binding:vif_details'],
    'binding:vif_type': port['binding:vif_type'],
    'binding:vnic_type': port['binding:vnic_type'],
    device_id: port.device_id,
    device_owner: port.device_owner,
    extra_dhcp_opts: [],
    fixed_ips: port.fixed_ips.map((ip) => ({ ip_address: ip.ip_address, subnet_id: ip.subnet_id })),
    id: port.id,
    ip_allocation: 'immediate',
    mac_address: port.mac_address,
    name: port.name,
    network_id: port.network_id,
    project_id: port.project_id,
    security_groups: [...port.security_groups],
    status: port.status,
    tenant_id: port.project_id,
    ...presentStandardAttributes(stored, '', now),
  };
}
