import {
  type Agent,
  fromSqliteDatetime,
  type Network,
  type NetworkSegment,
  type Port,
  type PortBinding,
  type PortBindingLevel,
  preparedStatement,
  toSqliteDatetime,
} from '@ml2ts/store';
import { type EntityManager } from 'typeorm';

/**
 * The binding hot path's reads and writes, as prepared statements on the store's connection
 * (TypeORM stays the schema owner; these statements follow its column names and value formats).
 * Every function runs synchronously inside the caller's unit of work.
 */

interface PortBindingRow {
  id: string;
  network_id: string;
  project_id: string;
  name: string;
  mac_address: string;
  fixed_ips: string;
  device_id: string;
  device_owner: string;
  status: string;
  admin_state_up: number;
  dns_name: string;
  created_at: string;
  host: string;
  vnic_type: string;
  profile: string;
  vif_type: string;
  vif_details: string;
  binding_status: string;
}

/** The port and its ACTIVE binding, or null. */
export function selectPortWithBinding(
  manager: EntityManager,
  portId: string,
): { port: Port; binding: PortBinding } | null {
  const row = preparedStatement(
    manager,
    `SELECT p.id, p.network_id, p.project_id, p.name, p.mac_address, p.fixed_ips, p.device_id,
            p.device_owner, p.status, p.admin_state_up, p.dns_name, p.created_at,
            b.host, b.vnic_type, b.profile, b.vif_type, b.vif_details, b.status AS binding_status
       FROM ports p JOIN ml2_port_bindings b ON b.port_id = p.id AND b.status = 'ACTIVE'
      WHERE p.id = ?`,
  ).get(portId) as PortBindingRow | undefined;
  if (!row) return null;
  return {
    port: {
      id: row.id,
      networkId: row.network_id,
      projectId: row.project_id,
      name: row.name,
      macAddress: row.mac_address,
      fixedIps: row.fixed_ips,
      deviceId: row.device_id,
      deviceOwner: row.device_owner,
      status: row.status,
      adminStateUp: row.admin_state_up === 1,
      dnsName: row.dns_name,
      createdAt: fromSqliteDatetime(row.created_at),
    },
    binding: {
      portId: row.id,
      host: row.host,
      vnicType: row.vnic_type,
      profile: row.profile,
      vifType: row.vif_type,
      vifDetails: row.vif_details,
      status: row.binding_status,
    },
  };
}

/** Every level row of the port, any host, by level. */
export function selectLevels(manager: EntityManager, portId: string): PortBindingLevel[] {
  const rows = preparedStatement(
    manager,
    `SELECT port_id, host, level, driver, segment_id FROM ml2_port_binding_levels
      WHERE port_id = ? ORDER BY level`,
  ).all(portId) as Array<{
    port_id: string;
    host: string;
    level: number;
    driver: string;
    segment_id: string | null;
  }>;
  return rows.map((row) => ({
    portId: row.port_id,
    host: row.host,
    level: row.level,
    driver: row.driver,
    segmentId: row.segment_id,
  }));
}

/** A network row, or null. */
export function selectNetwork(manager: EntityManager, networkId: string): Network | null {
  const row = preparedStatement(
    manager,
    `SELECT id, project_id, name, mtu, admin_state_up, router_external, vlan_transparent, created_at
       FROM networks WHERE id = ?`,
  ).get(networkId) as
    | {
        id: string;
        project_id: string;
        name: string;
        mtu: number;
        admin_state_up: number;
        router_external: number;
        vlan_transparent: number;
        created_at: string;
      }
    | undefined;
  if (!row) return null;
  return {
    id: row.id,
    projectId: row.project_id,
    name: row.name,
    mtu: row.mtu,
    adminStateUp: row.admin_state_up === 1,
    routerExternal: row.router_external === 1,
    vlanTransparent: row.vlan_transparent === 1,
    createdAt: fromSqliteDatetime(row.created_at),
  };
}

/** Every segment of a network, static ones by index first, then dynamic ones. */
export function selectSegments(manager: EntityManager, networkId: string): NetworkSegment[] {
  const rows = preparedStatement(
    manager,
    `SELECT id, network_id, network_type, physical_network, segmentation_id, segment_index,
            is_dynamic, mtu, name
       FROM networksegments WHERE network_id = ? ORDER BY is_dynamic, segment_index, rowid`,
  ).all(networkId) as Array<{
    id: string;
    network_id: string;
    network_type: string;
    physical_network: string | null;
    segmentation_id: number | null;
    segment_index: number;
    is_dynamic: number;
    mtu: number;
    name: string | null;
  }>;
  return rows.map((row) => ({
    id: row.id,
    networkId: row.network_id,
    networkType: row.network_type,
    physicalNetwork: row.physical_network,
    segmentationId: row.segmentation_id,
    segmentIndex: row.segment_index,
    isDynamic: row.is_dynamic === 1,
    mtu: row.mtu,
    name: row.name,
  }));
}

/** Agents registered on a host, every type. */
export function selectHostAgents(manager: EntityManager, host: string): Agent[] {
  const rows = preparedStatement(
    manager,
    `SELECT id, agent_type, "binary", topic, host, availability_zone, admin_state_up, created_at,
            started_at, heartbeat_timestamp, description, configurations, resource_versions, load
       FROM agents WHERE host = ?`,
  ).all(host) as Array<{
    id: string;
    agent_type: string;
    binary: string;
    topic: string;
    host: string;
    availability_zone: string | null;
    admin_state_up: number;
    created_at: string;
    started_at: string;
    heartbeat_timestamp: string;
    description: string | null;
    configurations: string;
    resource_versions: string | null;
    load: number;
  }>;
  return rows.map((row) => ({
    id: row.id,
    agentType: row.agent_type,
    binary: row.binary,
    topic: row.topic,
    host: row.host,
    availabilityZone: row.availability_zone,
    adminStateUp: row.admin_state_up === 1,
    createdAt: fromSqliteDatetime(row.created_at),
    startedAt: fromSqliteDatetime(row.started_at),
    heartbeatTimestamp: fromSqliteDatetime(row.heartbeat_timestamp),
    description: row.description,
    configurations: row.configurations,
    resourceVersions: row.resource_versions,
    load: row.load,
  }));
}

/** True when a port with this id exists. */
export function portExists(manager: EntityManager, portId: string): boolean {
  return preparedStatement(manager, `SELECT 1 FROM ports WHERE id = ?`).get(portId) !== undefined;
}

/** True when a port of the network already has this MAC. */
export function macInUse(manager: EntityManager, networkId: string, macAddress: string): boolean {
  return (
    preparedStatement(manager, `SELECT 1 FROM ports WHERE network_id = ? AND mac_address = ?`).get(
      networkId,
      macAddress,
    ) !== undefined
  );
}

/** Inserts a port row. */
export function insertPort(manager: EntityManager, port: Port): void {
  preparedStatement(
    manager,
    `INSERT INTO ports (id, network_id, project_id, name, mac_address, fixed_ips, device_id,
       device_owner, status, admin_state_up, dns_name, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    port.id,
    port.networkId,
    port.projectId,
    port.name,
    port.macAddress,
    port.fixedIps,
    port.deviceId,
    port.deviceOwner,
    port.status,
    port.adminStateUp ? 1 : 0,
    port.dnsName,
    toSqliteDatetime(port.createdAt),
  );
}

/** Writes the mutable columns of a port row. */
export function updatePort(manager: EntityManager, port: Port): void {
  preparedStatement(
    manager,
    `UPDATE ports SET name = ?, mac_address = ?, fixed_ips = ?, device_id = ?, device_owner = ?,
       status = ?, admin_state_up = ?, dns_name = ? WHERE id = ?`,
  ).run(
    port.name,
    port.macAddress,
    port.fixedIps,
    port.deviceId,
    port.deviceOwner,
    port.status,
    port.adminStateUp ? 1 : 0,
    port.dnsName,
    port.id,
  );
}

/** Inserts a binding row. */
export function insertBinding(manager: EntityManager, binding: PortBinding): void {
  preparedStatement(
    manager,
    `INSERT INTO ml2_port_bindings (port_id, host, vnic_type, profile, vif_type, vif_details, status)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    binding.portId,
    binding.host,
    binding.vnicType,
    binding.profile,
    binding.vifType,
    binding.vifDetails,
    binding.status,
  );
}

/** Deletes one binding row (the primary key includes the host). */
export function deleteBinding(manager: EntityManager, portId: string, host: string): void {
  preparedStatement(manager, `DELETE FROM ml2_port_bindings WHERE port_id = ? AND host = ?`).run(
    portId,
    host,
  );
}

/** Writes a binding result (vif_type and vif_details) to the row. */
export function updateBindingResult(manager: EntityManager, binding: PortBinding): void {
  preparedStatement(
    manager,
    `UPDATE ml2_port_bindings SET vif_type = ?, vif_details = ? WHERE port_id = ? AND host = ?`,
  ).run(binding.vifType, binding.vifDetails, binding.portId, binding.host);
}

/** Deletes the level rows of a port for one host. */
export function deleteLevels(manager: EntityManager, portId: string, host: string): void {
  preparedStatement(
    manager,
    `DELETE FROM ml2_port_binding_levels WHERE port_id = ? AND host = ?`,
  ).run(portId, host);
}

/** Inserts one level row. */
export function insertLevel(manager: EntityManager, level: PortBindingLevel): void {
  preparedStatement(
    manager,
    `INSERT INTO ml2_port_binding_levels (port_id, host, level, driver, segment_id)
     VALUES (?, ?, ?, ?, ?)`,
  ).run(level.portId, level.host, level.level, level.driver, level.segmentId);
}

/** Stores the port's binding trace, replacing the previous one. */
export function upsertTrace(
  manager: EntityManager,
  portId: string,
  trace: string,
  recordedAt: Date,
): void {
  preparedStatement(
    manager,
    `INSERT INTO ml2ts_binding_traces (port_id, trace, recorded_at) VALUES (?, ?, ?)
     ON CONFLICT (port_id) DO UPDATE SET trace = excluded.trace, recorded_at = excluded.recorded_at`,
  ).run(portId, trace, toSqliteDatetime(recordedAt));
}

/** Adds a provisioning block; an existing one is kept. */
export function insertProvisioningBlock(
  manager: EntityManager,
  portId: string,
  entity: string,
): void {
  preparedStatement(
    manager,
    `INSERT OR IGNORE INTO provisioningblocks (port_id, entity) VALUES (?, ?)`,
  ).run(portId, entity);
}
