/**
 * The conformance scenario as written in JSON (see `conformance/README.md` in this package).
 * These types describe well-formed input; `parseScenario` checks a value read from a file
 * against them and throws `ScenarioError` for what the runner cannot run.
 */

/** The `config` object: deployment settings, mapped onto the engine's configuration. */
export interface ScenarioConfig {
  /** Ordered driver names, e.g. `["openvswitch", "linuxbridge"]`. */
  readonly mechanism_drivers?: readonly string[];
  /** Type drivers to load; the engine's default is all six. */
  readonly type_drivers?: readonly string[];
  /** Tenant network types, in order. */
  readonly tenant_network_types?: readonly string[];
  /** `physnet:min:max` entries or a bare `physnet`. */
  readonly network_vlan_ranges?: readonly string[];
  /** Physical networks allowed for flat networks; `*` = any. */
  readonly flat_networks?: readonly string[];
  /** VXLAN `min:max` entries. */
  readonly vni_ranges?: readonly string[];
  /** Geneve `min:max` entries. */
  readonly geneve_vni_ranges?: readonly string[];
  /** GRE `min:max` entries. */
  readonly gre_tunnel_id_ranges?: readonly string[];
  /** Feeds `port_filter`; default true. */
  readonly enable_security_group?: boolean;
  /** Seconds without a heartbeat after which an agent is dead; default 75. */
  readonly agent_down_time?: number;
  /** Vnic types the `openvswitch` driver must refuse (used only when it is loaded). */
  readonly ovs_vnic_type_prohibit_list?: readonly string[];
  /** Vnic types the `sriovnicswitch` driver must refuse (used only when it is loaded). */
  readonly sriov_vnic_type_prohibit_list?: readonly string[];
  /** `tor` driver: segment types the switch terminates. */
  readonly tor_network_types?: readonly string[];
  /** `tor` driver: physical network of the dynamic VLAN. */
  readonly tor_physical_network?: string;
  /** `tor` driver: hosts behind the switch (empty = all). */
  readonly tor_hosts?: readonly string[];
  /** `tor` driver: vnic types it binds. */
  readonly tor_vnic_types?: readonly string[];
  /** `tor` driver: release a dynamic VLAN once unused. */
  readonly tor_release_dynamic_segments?: boolean;
  /** Any other option, as `section.option` keys (or whole sections). */
  readonly overrides?: Readonly<Record<string, unknown>>;
}

/** One agent: registered with a first `report_state` carrying the start flag. */
export interface ScenarioAgent {
  /** The label steps and results use. */
  readonly name: string;
  /** An agent type, or an alias: `ovs`, `linuxbridge` / `lb`, `sriov`. */
  readonly agent_type: string;
  readonly host: string;
  /** Default: the binary Neutron's agent of that type reports. */
  readonly binary?: string;
  /** False: the last heartbeat was 3600 s ago. */
  readonly alive?: boolean;
  /** Seconds since the last heartbeat (wins over `alive`). */
  readonly heartbeat_age?: number;
  /** False: the administrator disabled the agent (binding does not care). */
  readonly admin_state_up?: boolean;
  /** OVS only: `iptables_hybrid` sets `ovs_hybrid_plug` unless the configurations give it. */
  readonly firewall_driver?: string;
  /** Reported verbatim. */
  readonly configurations?: Readonly<Record<string, unknown>>;
}

/** One segment of a multi-segment network (the `provider:` prefix is optional). */
export interface ScenarioSegment {
  readonly network_type?: string;
  readonly physical_network?: string | null;
  readonly segmentation_id?: number | null;
  readonly 'provider:network_type'?: string;
  readonly 'provider:physical_network'?: string | null;
  readonly 'provider:segmentation_id'?: number | null;
}

/** One subnet of a network. */
export interface ScenarioSubnet {
  readonly cidr: string;
  readonly enable_dhcp?: boolean;
  readonly name?: string;
}

/** One network, created in order. */
export interface ScenarioNetwork extends ScenarioSegment {
  readonly name: string;
  /** Several segments instead of the provider attributes. */
  readonly segments?: readonly ScenarioSegment[];
  readonly subnets?: readonly ScenarioSubnet[];
  readonly mtu?: number;
  readonly admin_state_up?: boolean;
  readonly 'router:external'?: boolean;
  readonly vlan_transparent?: boolean;
  readonly project_id?: string;
}

/** One port, created in order (aliases: `host`, `vnic_type`, `profile`). */
export interface ScenarioPort {
  readonly name: string;
  /** Label of the port's network. */
  readonly network: string;
  /** Default: the name-based UUID of `<scenario name>/<port name>`. */
  readonly id?: string;
  readonly 'binding:host_id'?: string;
  readonly host?: string;
  readonly 'binding:vnic_type'?: string;
  readonly vnic_type?: string;
  readonly 'binding:profile'?: Readonly<Record<string, unknown>>;
  readonly profile?: Readonly<Record<string, unknown>>;
  readonly device_owner?: string;
  readonly device_id?: string;
  readonly admin_state_up?: boolean;
  readonly mac_address?: string;
  readonly dns_name?: string;
  readonly project_id?: string;
}

/** The operations a step can name. */
export const STEP_OPERATIONS = [
  'update_port',
  'unbind',
  'delete_port',
  'create_port',
  'create_network',
  'get_device_details',
  'update_device_up',
  'update_device_down',
  'register_agent',
  'report_state',
  'kill_agent',
  'set_agent_admin_state',
  'delete_agent',
  'snapshot',
] as const;
/** One of `STEP_OPERATIONS`. */
export type StepOperation = (typeof STEP_OPERATIONS)[number];

/** One step: `op` and the operation's own keys (see `conformance/README.md` in this package). */
export interface ScenarioStep {
  readonly op: StepOperation;
  readonly [key: string]: unknown;
}

/** A whole scenario. */
export interface Scenario {
  /** Key of the result; default: the file name without `.json`. */
  readonly name?: string;
  readonly description?: string;
  readonly config?: ScenarioConfig;
  readonly agents?: readonly ScenarioAgent[];
  readonly networks?: readonly ScenarioNetwork[];
  readonly ports?: readonly ScenarioPort[];
  readonly steps?: readonly ScenarioStep[];
}
