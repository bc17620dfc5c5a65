import {
  fromSqliteDatetime,
  type Network,
  type NetworkSegment,
  preparedStatement,
} from '@ml2ts/store';
import { EntityNetworkRepository } from './entity-network-repository';
import { fromOptionalSqliteDatetime } from './sqlite-optional-datetime';

interface NetworkRow {
  id: string;
  project_id: string;
  name: string;
  mtu: number;
  admin_state_up: number;
  router_external: number;
  vlan_transparent: number;
  created_at: string;
  description: string;
  shared: number;
  availability_zone_hints: string;
  revision_number: number;
  updated_at: string | null;
}

interface SegmentRow {
  id: string;
  network_id: string;
  network_type: string;
  physical_network: string | null;
  segmentation_id: number | null;
  segment_index: number;
  is_dynamic: number;
  mtu: number;
  name: string | null;
  description: string | null;
  revision_number: number;
  created_at: string | null;
  updated_at: string | null;
}

/**
 * `NetworkRepository` on SQLite: the reads every port operation and binding commit makes
 * (a network, its segments, the segment checks) as better-sqlite3 prepared statements on the
 * store's single connection, following TypeORM's column names and value formats; the rarer
 * writes go through the entity manager as on every database.
 */
export class SqliteNetworkRepository extends EntityNetworkRepository {
  override async find(networkId: string): Promise<Network | null> {
    const row = this.statement(
      `SELECT id, project_id, name, mtu, admin_state_up, router_external, vlan_transparent,
              created_at, description, shared, availability_zone_hints, revision_number, updated_at
         FROM networks WHERE id = ?`,
    ).get(networkId) as NetworkRow | undefined;
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
      description: row.description,
      shared: row.shared === 1,
      availabilityZoneHints: row.availability_zone_hints,
      revisionNumber: row.revision_number,
      updatedAt: fromOptionalSqliteDatetime(row.updated_at),
    };
  }

  override async segments(networkId: string): Promise<NetworkSegment[]> {
    const rows = this.statement(
      `SELECT id, network_id, network_type, physical_network, segmentation_id, segment_index,
              is_dynamic, mtu, name, description, revision_number, created_at, updated_at
         FROM networksegments WHERE network_id = ? ORDER BY is_dynamic, segment_index, id`,
    ).all(networkId) as SegmentRow[];
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
      description: row.description,
      revisionNumber: row.revision_number,
      createdAt: fromOptionalSqliteDatetime(row.created_at),
      updatedAt: fromOptionalSqliteDatetime(row.updated_at),
    }));
  }

  override async lockExistingSegments(segmentIds: readonly string[]): Promise<Set<string>> {
    const exists = this.statement(`SELECT 1 FROM networksegments WHERE id = ?`);
    return new Set(segmentIds.filter((id) => exists.get(id) !== undefined));
  }

  override async segmentInUseForRelease(segmentId: string): Promise<boolean | null> {
    if (this.statement(`SELECT 1 FROM networksegments WHERE id = ?`).get(segmentId) === undefined) {
      return null;
    }
    return this.segmentInUse(segmentId);
  }

  override async segmentInUse(segmentId: string): Promise<boolean> {
    return (
      this.statement(`SELECT 1 FROM ml2_port_binding_levels WHERE segment_id = ?`).get(
        segmentId,
      ) !== undefined
    );
  }

  private statement(sql: string) {
    return preparedStatement(this.manager, sql);
  }
}
