import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { BindingStatus, PortStatus, VifType, VnicType } from '@ml2ts/driver-api';
import { DEFAULT_BUSY_TIMEOUT_MS, openStore } from '@ml2ts/store';
import { type BindingMeasurement } from '../measurement';
import { turnEventLoopEvery } from '../event-loop-turn';
import { computeHostName } from '../ovs-agent-report';
import { ratePerSecond, summarizeLatencies } from '../statistics';
import { WARM_UP_PORTS } from './engine-binding-case';

/** The floor jobs: the rows of one engine flow, written with plain prepared statements. */
export type FloorBindingJob = 'floor-create-bind' | 'floor-create-with-host';

/** The `vif_details` the openvswitch driver stores for a port bound on a plain OVS host. */
const OVS_VIF_DETAILS = JSON.stringify({
  connectivity: 'l2',
  port_filter: true,
  ovs_hybrid_plug: null,
  datapath_type: 'system',
});

/**
 * Measures the floor of an engine binding flow: the same rows the engine writes per port, in the
 * same transactions, with better-sqlite3 prepared statements and nothing around them (no reads,
 * no driver, no ORM). The schema is the engine's: `openStore` migrates the file first and is
 * closed again; the connection gets the store's settings (WAL, NORMAL sync, foreign keys).
 *
 * - `floor-create-bind` (engine: `createPort`, then `updatePort` with the host): transaction 1
 *   inserts the port and its host-less binding; transaction 2 replaces the binding row by one
 *   with the host and adds the `L2` provisioning block; transaction 3 (the binding commit)
 *   updates the binding's vif type and details, inserts the level and stores the trace.
 * - `floor-create-with-host` (engine: one `createPort` with the host): transaction 1 inserts the
 *   port, its binding with the host and the block; transaction 2 is the binding commit.
 *
 * The bind latency is that of transactions 2 and 3 (create-bind) or of all (create-with-host).
 * Blocks while it runs (the statements are synchronous), with an event-loop turn per thousand ports.
 */
export async function measureFloorBinding(
  job: FloorBindingJob,
  size: number,
  databasePath: string,
): Promise<BindingMeasurement> {
  const store = await openStore({ database: databasePath });
  await store.close();
  const database = new Database(databasePath, { timeout: DEFAULT_BUSY_TIMEOUT_MS });
  try {
    database.pragma('foreign_keys = ON');
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
    const writer = new FloorWriter(database, computeHostName(1));
    const bindOne = job === 'floor-create-bind' ? writer.createThenBind : writer.createWithHost;

    const warmUp = writer.createNetwork(1);
    const scratch = new Float64Array(1);
    for (let index = 0; index < WARM_UP_PORTS; index++) {
      bindOne.call(writer, warmUp, scratch, scratch, 0);
      await turnEventLoopEvery(index);
    }

    const network = writer.createNetwork(2);
    const bindLatencies = new Float64Array(size);
    const createLatencies = new Float64Array(size);
    const started = performance.now();
    for (let index = 0; index < size; index++) {
      bindOne.call(writer, network, createLatencies, bindLatencies, index);
      await turnEventLoopEvery(index);
    }
    const elapsedMs = performance.now() - started;
    return {
      kind: 'binding',
      job,
      size,
      elapsedMs,
      portsPerSecond: ratePerSecond(size, elapsedMs),
      bindLatencyMs: summarizeLatencies(bindLatencies),
      createLatencyMs: job === 'floor-create-bind' ? summarizeLatencies(createLatencies) : null,
    };
  } finally {
    database.close();
  }
}

/** A network with its one static VXLAN segment, as the floor's ports need them. */
interface FloorNetwork {
  id: string;
  segmentId: string;
  vni: number;
}

/** The floor's prepared statements and the per-port transactions built from them. */
class FloorWriter {
  private macCounter = 0;
  private readonly insertNetwork;
  private readonly insertSegment;
  private readonly insertPort;
  private readonly insertBinding;
  private readonly deleteBinding;
  private readonly insertBlock;
  private readonly commitBinding;
  private readonly insertLevel;
  private readonly saveTrace;

  /** Prepares every statement (the schema must be migrated). */
  constructor(
    private readonly database: Database.Database,
    private readonly host: string,
  ) {
    this.insertNetwork = database.prepare(
      `INSERT INTO "networks" ("id", "project_id", "name", "mtu", "admin_state_up", "router_external", "vlan_transparent", "created_at") VALUES (?, ?, ?, ?, 1, 0, 0, ?)`,
    );
    this.insertSegment = database.prepare(
      `INSERT INTO "networksegments" ("id", "network_id", "network_type", "physical_network", "segmentation_id", "segment_index", "is_dynamic", "mtu", "name") VALUES (?, ?, 'vxlan', NULL, ?, 0, 0, 1450, NULL)`,
    );
    this.insertPort = database.prepare(
      `INSERT INTO "ports" ("id", "network_id", "project_id", "name", "mac_address", "fixed_ips", "device_id", "device_owner", "status", "admin_state_up", "dns_name", "created_at") VALUES (?, ?, 'bench-project', '', ?, '[]', ?, 'compute:nova', ?, 1, '', ?)`,
    );
    this.insertBinding = database.prepare(
      `INSERT INTO "ml2_port_bindings" ("port_id", "host", "vnic_type", "profile", "vif_type", "vif_details", "status") VALUES (?, ?, ?, '', ?, '', ?)`,
    );
    this.deleteBinding = database.prepare(
      `DELETE FROM "ml2_port_bindings" WHERE "port_id" = ? AND "host" = ?`,
    );
    this.insertBlock = database.prepare(
      `INSERT OR IGNORE INTO "provisioningblocks" ("port_id", "entity") VALUES (?, 'L2')`,
    );
    this.commitBinding = database.prepare(
      `UPDATE "ml2_port_bindings" SET "vif_type" = ?, "vif_details" = ? WHERE "port_id" = ? AND "host" = ?`,
    );
    this.insertLevel = database.prepare(
      `INSERT INTO "ml2_port_binding_levels" ("port_id", "host", "level", "driver", "segment_id") VALUES (?, ?, 0, 'openvswitch', ?)`,
    );
    this.saveTrace = database.prepare(
      `INSERT OR REPLACE INTO "ml2ts_binding_traces" ("port_id", "trace", "recorded_at") VALUES (?, ?, ?)`,
    );
  }

  /** Inserts a tenant VXLAN network and its segment (VNI `vni`). */
  createNetwork(vni: number): FloorNetwork {
    const network: FloorNetwork = { id: randomUUID(), segmentId: randomUUID(), vni };
    this.database.transaction(() => {
      this.insertNetwork.run(network.id, 'bench-project', 'bench', 1450, sqlTime(new Date()));
      this.insertSegment.run(network.segmentId, network.id, vni);
    })();
    return network;
  }

  /** The create-bind rows of one port in three transactions; records both latencies. */
  createThenBind(
    network: FloorNetwork,
    createLatencies: Float64Array,
    bindLatencies: Float64Array,
    index: number,
  ): void {
    const portId = randomUUID();
    const before = performance.now();
    this.database.transaction(() => {
      this.insertPort.run(portId, network.id, this.nextMac(), randomUUID(), PortStatus.DOWN, now());
      this.insertBinding.run(portId, '', VnicType.NORMAL, VifType.UNBOUND, BindingStatus.ACTIVE);
    })();
    const created = performance.now();
    this.database.transaction(() => {
      this.deleteBinding.run(portId, '');
      this.insertBinding.run(
        portId,
        this.host,
        VnicType.NORMAL,
        VifType.UNBOUND,
        BindingStatus.ACTIVE,
      );
      this.insertBlock.run(portId);
    })();
    this.commit(portId, network);
    const after = performance.now();
    createLatencies[index] = created - before;
    bindLatencies[index] = after - created;
  }

  /** The one-call create rows of one port in two transactions; records the latency. */
  createWithHost(
    network: FloorNetwork,
    _createLatencies: Float64Array,
    bindLatencies: Float64Array,
    index: number,
  ): void {
    const portId = randomUUID();
    const before = performance.now();
    this.database.transaction(() => {
      this.insertPort.run(portId, network.id, this.nextMac(), randomUUID(), PortStatus.DOWN, now());
      this.insertBinding.run(
        portId,
        this.host,
        VnicType.NORMAL,
        VifType.UNBOUND,
        BindingStatus.ACTIVE,
      );
      this.insertBlock.run(portId);
    })();
    this.commit(portId, network);
    bindLatencies[index] = performance.now() - before;
  }

  /** The binding commit: vif type and details, the level, the trace of the attempt. */
  private commit(portId: string, network: FloorNetwork): void {
    this.database.transaction(() => {
      this.commitBinding.run(VifType.OVS, OVS_VIF_DETAILS, portId, this.host);
      this.insertLevel.run(portId, this.host, network.segmentId);
      this.saveTrace.run(portId, this.trace(portId, network), now());
    })();
  }

  /** The trace JSON the engine stores for a port bound at the first attempt. */
  private trace(portId: string, network: FloorNetwork): string {
    return JSON.stringify({
      portId,
      host: this.host,
      vnicType: VnicType.NORMAL,
      startedAt: new Date().toISOString(),
      outcome: 'bound',
      vifType: VifType.OVS,
      attempts: [
        {
          attempt: 1,
          outcome: 'bound',
          entries: [
            {
              level: 0,
              driver: 'openvswitch',
              segments: [
                {
                  id: network.segmentId,
                  networkType: 'vxlan',
                  physicalNetwork: null,
                  segmentationId: network.vni,
                  isDynamic: false,
                },
              ],
              decision: 'bound',
              reasons: [],
              boundSegmentId: network.segmentId,
              vifType: VifType.OVS,
            },
          ],
        },
      ],
    });
  }

  /** Unique MACs in the OpenStack prefix, in order. */
  private nextMac(): string {
    const value = (++this.macCounter).toString(16).padStart(6, '0');
    return `fa:16:3e:${value.slice(0, 2)}:${value.slice(2, 4)}:${value.slice(4, 6)}`;
  }
}

function now(): string {
  return sqlTime(new Date());
}

/** A time as the store keeps `datetime` columns: `YYYY-MM-DD HH:MM:SS.mmm` (UTC). */
function sqlTime(time: Date): string {
  return time.toISOString().replace('T', ' ').slice(0, 23);
}
