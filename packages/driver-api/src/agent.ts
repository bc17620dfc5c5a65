/**
 * The `configurations` object an L2 agent reports. Known keys are typed; any other key an agent
 * reports is kept verbatim.
 */
export interface AgentConfigurations {
  /** OVS and Linux bridge: physical network → bridge. */
  bridge_mappings?: Record<string, string>;
  /** Linux bridge: physical network → interface. */
  interface_mappings?: Record<string, string>;
  /** SR-IOV: physical network → list of physical functions. */
  device_mappings?: Record<string, string[]>;
  tunnel_types?: string[];
  tunneling_ip?: string;
  integration_bridge?: string;
  datapath_type?: string;
  ovs_hybrid_plug?: boolean | null;
  ovs_capabilities?: { datapath_types?: string[]; iface_types?: string[] };
  vhostuser_socket_dir?: string;
  baremetal_smartnic?: boolean;
  l2_population?: boolean;
  extensions?: string[];
  devices?: number;
  [key: string]: unknown;
}

/**
 * An agent row with its liveness computed on the server's clock at read time.
 * `adminStateUp` is informational: binding never consults it.
 */
export interface AgentView {
  readonly id: string;
  readonly agentType: string;
  readonly binary: string;
  readonly host: string;
  readonly topic: string;
  readonly configurations: Readonly<AgentConfigurations>;
  readonly adminStateUp: boolean;
  readonly createdAt: Date;
  readonly startedAt: Date;
  readonly heartbeatTimestamp: Date;
  /** `now − heartbeatTimestamp ≤ agentDownTime` on the server clock. */
  readonly alive: boolean;
  /** Seconds since the last accepted heartbeat, on the server clock. */
  readonly heartbeatAgeSeconds: number;
  /** The `agent_down_time` the liveness was computed with, in seconds. */
  readonly agentDownTime: number;
}
