import {
  fromSqliteDatetime,
  type Port,
  type PortBinding,
  type PortBindingLevel,
  preparedStatement,
  toSqliteDatetime,
} from '@ml2ts/store';
import { BindingStatus } from '@ml2ts/driver-api';
import { isUniqueViolation } from '@ml2ts/store';
import { addressInUse, parseFixedIps } from './fixed-ip-rows';
import { portInsertConflict } from './port-insert-conflict';
import { fromOptionalSqliteDatetime, toOptionalSqliteDatetime } from './sqlite-optional-datetime';
import { EntityPortRepository } from './entity-port-repository';
import {
  type BindingResultSwap,
  type PortReadOptions,
  type PortWithBinding,
} from './port-repository';

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
  description: string;
  allowed_address_pairs: string;
  revision_number: number;
  updated_at: string | null;
  host: string;
  vnic_type: string;
  profile: string;
  vif_type: string;
  vif_details: string;
  binding_status: string;
  binding_revision: number;
  binding_updated_at: string | null;
  /** JSON list of the port's tags, when asked for. */
  tags?: string;
  /** JSON list of the port's security groups, when asked for. */
  security_groups?: string;
}

/** The columns of a port and its ACTIVE binding that `findWithBinding` reads. */
const PORT_WITH_BINDING_COLUMNS = `p.id, p.network_id, p.project_id, p.name, p.mac_address,
  p.fixed_ips, p.device_id, p.device_owner, p.status, p.admin_state_up, p.dns_name,
  p.created_at, p.description, p.allowed_address_pairs, p.revision_number, p.updated_at,
  b.host, b.vnic_type, b.profile, b.vif_type, b.vif_details, b.status AS binding_status,
  b.revision_number AS binding_revision, b.updated_at AS binding_updated_at`;

/**
 * `PortRepository` on SQLite: better-sqlite3 prepared statements (prepared once per connection)
 * on the store's single connection, following TypeORM's column names and value formats (TypeORM
 * stays the schema owner), for everything a create, update, bind or delete of a port does; the
 * rarer reads and writes are the entity manager's, as on every database. Each statement runs
 * synchronously inside the unit of work.
 */
export class SqlitePortRepository extends EntityPortRepository {
  override async findWithBinding(
    portId: string,
    options: PortReadOptions = {},
  ): Promise<PortWithBinding | null> {
    // Tags and security groups come with the row, as JSON lists: no statements of their own.
    const tags = options.withTags
      ? `, (SELECT json_group_array(tag) FROM tags
              WHERE resource_type = 'ports' AND resource_id = p.id) AS tags`
      : '';
    const groups = options.withSecurityGroups
      ? `, (SELECT json_group_array(security_group_id) FROM securitygroupportbindings
              WHERE port_id = p.id) AS security_groups`
      : '';
    const row = this.statement(
      `SELECT ${PORT_WITH_BINDING_COLUMNS}${tags}${groups}
         FROM ports p JOIN ml2_port_bindings b ON b.port_id = p.id AND b.status = 'ACTIVE'
        WHERE p.id = ?`,
    ).get(portId) as PortBindingRow | undefined;
    if (!row) return null;
    return {
      ...(row.tags === undefined ? {} : { tags: (JSON.parse(row.tags) as string[]).sort() }),
      ...(row.security_groups === undefined
        ? {}
        : { securityGroups: (JSON.parse(row.security_groups) as string[]).sort() }),
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
        description: row.description,
        allowedAddressPairs: row.allowed_address_pairs,
        revisionNumber: row.revision_number,
        updatedAt: fromOptionalSqliteDatetime(row.updated_at),
      },
      binding: {
        portId: row.id,
        host: row.host,
        vnicType: row.vnic_type,
        profile: row.profile,
        vifType: row.vif_type,
        vifDetails: row.vif_details,
        status: row.binding_status,
        revisionNumber: row.binding_revision,
        updatedAt: fromOptionalSqliteDatetime(row.binding_updated_at),
      },
    };
  }

  override async levels(portId: string): Promise<PortBindingLevel[]> {
    const rows = this.statement(
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

  override async portExists(portId: string): Promise<boolean> {
    return this.statement(`SELECT 1 FROM ports WHERE id = ?`).get(portId) !== undefined;
  }

  override async macInUse(networkId: string, macAddress: string): Promise<boolean> {
    return (
      this.statement(`SELECT 1 FROM ports WHERE network_id = ? AND mac_address = ?`).get(
        networkId,
        macAddress,
      ) !== undefined
    );
  }

  override async insertPort(port: Port): Promise<void> {
    const insert = this.statement(
      `INSERT INTO ports (id, network_id, project_id, name, mac_address, fixed_ips, device_id,
         device_owner, status, admin_state_up, dns_name, created_at, description,
         allowed_address_pairs, revision_number, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    try {
      insert.run(
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
        port.description,
        port.allowedAddressPairs,
        port.revisionNumber,
        toOptionalSqliteDatetime(port.updatedAt),
      );
    } catch (error) {
      throw portInsertConflict(error, port) ?? error;
    }
    this.insertFixedIpRows(port);
  }

  override async replaceFixedIps(port: Port): Promise<void> {
    this.statement(`DELETE FROM ipallocations WHERE port_id = ?`).run(port.id);
    this.insertFixedIpRows(port);
  }

  private insertFixedIpRows(port: Port): void {
    const fixedIps = parseFixedIps(port);
    const allocate = this.statement(
      `INSERT INTO ipallocations (port_id, ip_address, subnet_id, network_id) VALUES (?, ?, ?, ?)`,
    );
    try {
      for (const ip of fixedIps) allocate.run(port.id, ip.ip_address, ip.subnet_id, port.networkId);
    } catch (error) {
      if (isUniqueViolation(error)) throw addressInUse(port, fixedIps);
      throw error;
    }
  }

  override async updatePort(
    port: Port,
    options: { readonly bumpRevision?: boolean } = {},
  ): Promise<void> {
    this.statement(
      `UPDATE ports SET name = ?, mac_address = ?, fixed_ips = ?, device_id = ?, device_owner = ?,
         status = ?, admin_state_up = ?, dns_name = ?, description = ?,
         allowed_address_pairs = ?, updated_at = ?, revision_number = revision_number + ?
       WHERE id = ?`,
    ).run(
      port.name,
      port.macAddress,
      port.fixedIps,
      port.deviceId,
      port.deviceOwner,
      port.status,
      port.adminStateUp ? 1 : 0,
      port.dnsName,
      port.description,
      port.allowedAddressPairs,
      toOptionalSqliteDatetime(port.updatedAt),
      options.bumpRevision === false ? 0 : 1,
      port.id,
    );
  }

  override async insertBinding(binding: PortBinding): Promise<void> {
    this.statement(
      `INSERT INTO ml2_port_bindings (port_id, host, vnic_type, profile, vif_type, vif_details,
         status, revision_number, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      binding.portId,
      binding.host,
      binding.vnicType,
      binding.profile,
      binding.vifType,
      binding.vifDetails,
      binding.status,
      binding.revisionNumber,
      toOptionalSqliteDatetime(binding.updatedAt),
    );
  }

  override async deleteBinding(portId: string, host: string): Promise<void> {
    this.statement(`DELETE FROM ml2_port_bindings WHERE port_id = ? AND host = ?`).run(
      portId,
      host,
    );
  }

  override async swapBindingResult(swap: BindingResultSwap): Promise<boolean> {
    const [first, second = first] = swap.fromVifTypes;
    const result = this.statement(
      `UPDATE ml2_port_bindings SET vif_type = ?, vif_details = ?, updated_at = ?,
         revision_number = revision_number + 1
        WHERE port_id = ? AND host = ? AND vnic_type = ? AND profile = ?
          AND vif_type IN (?, ?) AND status = 'ACTIVE'`,
    ).run(
      swap.vifType,
      swap.vifDetails,
      toSqliteDatetime(swap.updatedAt),
      swap.portId,
      swap.host,
      swap.vnicType,
      swap.profile,
      first,
      second,
    );
    return result.changes === 1;
  }

  override async deleteLevels(portId: string, host: string): Promise<void> {
    this.statement(`DELETE FROM ml2_port_binding_levels WHERE port_id = ? AND host = ?`).run(
      portId,
      host,
    );
  }

  override async insertLevel(level: PortBindingLevel): Promise<void> {
    this.statement(
      `INSERT INTO ml2_port_binding_levels (port_id, host, level, driver, segment_id)
       VALUES (?, ?, ?, ?, ?)`,
    ).run(level.portId, level.host, level.level, level.driver, level.segmentId);
  }

  override async upsertTrace(portId: string, trace: string, recordedAt: Date): Promise<void> {
    this.statement(
      `INSERT INTO ml2ts_binding_traces (port_id, trace, recorded_at) VALUES (?, ?, ?)
       ON CONFLICT (port_id) DO UPDATE SET trace = excluded.trace,
         recorded_at = excluded.recorded_at`,
    ).run(portId, trace, toSqliteDatetime(recordedAt));
  }

  override async addProvisioningBlock(portId: string, entity: string): Promise<void> {
    this.statement(`INSERT OR IGNORE INTO provisioningblocks (port_id, entity) VALUES (?, ?)`).run(
      portId,
      entity,
    );
  }

  override async portIdsOnHostWithVifType(host: string, vifType: string): Promise<string[]> {
    return (
      this.statement(
        `SELECT port_id FROM ml2_port_bindings WHERE host = ? AND vif_type = ? AND status = ?`,
      ).all(host, vifType, BindingStatus.ACTIVE) as Array<{ port_id: string }>
    ).map((row) => row.port_id);
  }

  override async portIdsWithHostAndVifType(vifType: string): Promise<string[]> {
    return (
      this.statement(
        `SELECT port_id FROM ml2_port_bindings WHERE host <> '' AND vif_type = ? AND status = ?`,
      ).all(vifType, BindingStatus.ACTIVE) as Array<{ port_id: string }>
    ).map((row) => row.port_id);
  }

  override async fixedIpInUse(
    networkId: string,
    subnetId: string,
    ipAddress: string,
  ): Promise<boolean> {
    return (
      this.statement(
        `SELECT 1 FROM ipallocations WHERE network_id = ? AND ip_address = ? AND subnet_id = ?`,
      ).get(networkId, ipAddress, subnetId) !== undefined
    );
  }

  override async subnetInUse(networkId: string, subnetId: string): Promise<boolean> {
    return (
      this.statement(`SELECT 1 FROM ipallocations WHERE subnet_id = ? AND network_id = ?`).get(
        subnetId,
        networkId,
      ) !== undefined
    );
  }

  override async delete(portId: string): Promise<void> {
    // Bindings, levels, fixed IPs, trace, blocks and group memberships cascade.
    this.statement(`DELETE FROM ports WHERE id = ?`).run(portId);
  }

  override async updateStatus(portId: string, status: string, updatedAt: Date): Promise<void> {
    this.statement(
      `UPDATE ports SET status = ?, updated_at = ?, revision_number = revision_number + 1
        WHERE id = ?`,
    ).run(status, toSqliteDatetime(updatedAt), portId);
  }

  override async removeProvisioningBlock(portId: string, entity: string): Promise<void> {
    this.statement(`DELETE FROM provisioningblocks WHERE port_id = ? AND entity = ?`).run(
      portId,
      entity,
    );
  }

  override async countProvisioningBlocks(portId: string): Promise<number> {
    const row = this.statement(
      `SELECT COUNT(*) AS blocks FROM provisioningblocks WHERE port_id = ?`,
    ).get(portId) as { blocks: number };
    return row.blocks;
  }

  private statement(sql: string) {
    return preparedStatement(this.manager, sql);
  }
}
