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
  /*
   * The attributes below are only shown by the API: the engine's views always carry them; they
   * are optional so that drivers' test fixtures need not.
   */
  /** The administrator's note; null until one is set. */
  readonly description?: string | null;
  /** The zone the agent reported, or null for none. */
  readonly availabilityZone?: string | null;
  /** The load the agent reported last (0 when it reported none). */
  readonly load?: number;
  /**
   * Whether the agent's resources were synced to a placement service: always null, since
   * ml2ts talks to no placement service.
   */
  readonly resourcesSynced?: boolean | null;
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

/**
 * What an agent update changes; a key that is absent is left alone. Any other key is refused
 * with a 400 naming it.
 */
export interface AgentUpdateRequest {
  /** The administrator's switch; binding ignores it (only liveness counts). */
  admin_state_up?: boolean;
  /** At most 255 characters; null clears it. */
  description?: string | null;
}
