import { BindingStatus } from '@ml2ts/driver-api';
import { VERSIONED_RESOURCE_VERSIONS, type VersionedObjectPrimitive } from '@ml2ts/agent-rpc';
import {
  type NetworkSegment,
  type Port,
  type PortBinding,
  type PortBindingLevel,
} from '@ml2ts/store';
import { toPortResource } from '../../ml2/view-mappers';
import { parseJsonObject } from '../../support/canonical-json';
import { networkSegmentObject, type SegmentHosts } from './network-segment-object';
import {
  NESTED_OBJECT_VERSIONS,
  pythonJsonDumps,
  setUnlessNull,
  versionedObject,
} from './primitive';

/** Everything stored about one port that its versioned object shows. */
export interface PortObjectSource {
  /** The port row. */
  readonly port: Port;
  /** Every binding row of the port (ACTIVE and INACTIVE, any host). */
  readonly bindings: readonly PortBinding[];
  /** Every level row of the port (any host). */
  readonly levels: readonly PortBindingLevel[];
  /** The ids of the port's security groups (any order). */
  readonly securityGroupIds: readonly string[];
  /** The segments the levels may point at (those of the port's network), by id. */
  readonly segmentsById: ReadonlyMap<string, NetworkSegment>;
  /** The hosts of a segment (its `hosts`). */
  readonly segmentHosts: SegmentHosts;
}

/**
 * A port as Neutron's `Port` 1.7 object, what the OVS agent builds a device's details from:
 *
 * - `bindings`: every binding row, the ACTIVE one first, then the INACTIVE ones by host, each
 *   with `profile` and `vif_details` as JSON text (the details as the bound driver gave them,
 *   without the API's `bound_drivers`; null while there are none, i.e. unbound or failed);
 * - `binding_levels`: every level row with its segment nested (null when the segment is gone),
 *   by level; at equal levels the ACTIVE binding's host comes last, so that the last level (the
 *   one the agent wires) is the ACTIVE binding's bottom level;
 * - `fixed_ips` as `IPAllocation` and `allowed_address_pairs` as `AllowedAddressPair` objects,
 *   in the API's order; `security_group_ids` sorted;
 * - `revision_number` and `updated_at` as the API shows them (the port row's and its ACTIVE
 *   binding's together).
 *
 * Fields ml2ts has no state for carry Neutron's value for "none": `dns` (ml2ts keeps a port's
 * `dns_name`, not the DNS integration's record), `qos_policy_id` and `qos_network_policy_id`
 * (no QoS), `data_plane_status`, `security` (`port_security_enabled` is accepted, not stored;
 * an agent then takes port security as enabled), `dhcp_options` and `distributed_bindings`
 * (no extra DHCP options, no DVR) empty. Pure.
 */
export function portObject(source: PortObjectSource): VersionedObjectPrimitive {
  const { port } = source;
  const active = source.bindings.find((binding) => binding.status === BindingStatus.ACTIVE);
  const shown = toPortResource(
    port,
    active ?? withoutBinding(port.id),
    [],
    [],
    source.securityGroupIds,
  );
  const bindings = [...source.bindings].sort(
    (a, b) => Number(a !== active) - Number(b !== active) || compareText(a.host, b.host),
  );
  const activeHost = active?.host;
  const levels = [...source.levels].sort(
    (a, b) =>
      a.level - b.level ||
      Number(a.host === activeHost) - Number(b.host === activeHost) ||
      compareText(a.host, b.host),
  );
  const data: Record<string, unknown> = {
    admin_state_up: shown.admin_state_up,
    allowed_address_pairs: shown.allowed_address_pairs.map((pair) =>
      versionedObject('AllowedAddressPair', NESTED_OBJECT_VERSIONS.AllowedAddressPair, {
        ip_address: pair.ip_address,
        mac_address: pair.mac_address,
        port_id: port.id,
      }),
    ),
    binding_levels: levels.map((level) => bindingLevelObject(level, source)),
    bindings: bindings.map(portBindingObject),
    created_at: shown.created_at,
    data_plane_status: null,
    description: shown.description,
    device_id: shown.device_id,
    device_owner: shown.device_owner,
    dhcp_options: [],
    distributed_bindings: [],
    dns: null,
    fixed_ips: shown.fixed_ips.map((ip) =>
      versionedObject('IPAllocation', NESTED_OBJECT_VERSIONS.IPAllocation, {
        ip_address: ip.ip_address,
        network_id: port.networkId,
        port_id: port.id,
        subnet_id: ip.subnet_id,
      }),
    ),
    id: port.id,
    mac_address: shown.mac_address,
    name: shown.name,
    network_id: shown.network_id,
    project_id: shown.project_id,
    qos_network_policy_id: null,
    qos_policy_id: null,
    revision_number: shown.revision_number,
    security: null,
    security_group_ids: [...shown.security_groups],
    status: shown.status,
    updated_at: shown.updated_at,
  };
  return versionedObject('Port', VERSIONED_RESOURCE_VERSIONS.Port, data);
}

/** One binding row as a `PortBinding` 1.0 object. */
function portBindingObject(binding: PortBinding): VersionedObjectPrimitive {
  const details = parseJsonObject(binding.vifDetails).value;
  return versionedObject('PortBinding', NESTED_OBJECT_VERSIONS.PortBinding, {
    host: binding.host,
    port_id: binding.portId,
    profile: pythonJsonDumps(parseJsonObject(binding.profile).value),
    status: binding.status,
    // Neutron stores empty details as '' and shows them as null.
    vif_details: Object.keys(details).length === 0 ? null : pythonJsonDumps(details),
    vif_type: binding.vifType,
    vnic_type: binding.vnicType,
  });
}

/** One level row as a `PortBindingLevel` 1.1 object, its segment nested. */
function bindingLevelObject(
  level: PortBindingLevel,
  source: PortObjectSource,
): VersionedObjectPrimitive {
  const segment = level.segmentId === null ? undefined : source.segmentsById.get(level.segmentId);
  const data: Record<string, unknown> = {
    driver: level.driver,
    host: level.host,
    level: level.level,
    port_id: level.portId,
    segment: segment ? networkSegmentObject(segment, source.segmentHosts(segment)) : null,
  };
  setUnlessNull(data, 'segment_id', level.segmentId);
  return versionedObject('PortBindingLevel', NESTED_OBJECT_VERSIONS.PortBindingLevel, data);
}

/**
 * What counts of a binding in the port's revision and `updated_at` when the port has no ACTIVE
 * binding row (never the case for ports the engine wrote): nothing.
 */
export function withoutBinding(portId: string): PortBinding {
  return {
    portId,
    host: '',
    vnicType: '',
    profile: '',
    vifType: '',
    vifDetails: '',
    status: BindingStatus.ACTIVE,
    revisionNumber: 0,
    updatedAt: null,
  };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
