/**
 * The typed ml2ts configuration. Sections and option names are Neutron's (`[ml2]
 * mechanism_drivers` is `config.ml2.mechanism_drivers`); defaults are Neutron's where Neutron
 * has the option. The core validates and fills it at start; drivers read it, never write it.
 */
export interface Ml2Configuration {
  readonly DEFAULT: {
    /** Seconds without a heartbeat after which an agent is dead. Default 75. */
    readonly agent_down_time: number;
    /** MTU of the underlying physical network; 0 disables. Default 1500. */
    readonly global_physnet_mtu: number;
    /** `admin_state_up` of a newly registered agent. Default true. */
    readonly enable_new_agents: boolean;
    /** Most `dns_nameservers` one subnet may have. Default 5. */
    readonly max_dns_nameservers: number;
    /** Most `host_routes` one subnet may have. Default 20. */
    readonly max_subnet_host_routes: number;
    /**
     * Generated MAC addresses take their first three octets from it, and the fourth too when it
     * is not `00`; the others are random. A unicast address, lower case. Default
     * `fa:16:3e:00:00:00`.
     */
    readonly base_mac: string;
  };
  readonly ml2: {
    /** Mechanism driver names, in binding order. Default `[]`. */
    readonly mechanism_drivers: readonly string[];
    /** Type drivers to load. Default all six. */
    readonly type_drivers: readonly string[];
    /** Tenant network types, tried in order. Default `['local']`. */
    readonly tenant_network_types: readonly string[];
    /** Type used for `router:external` networks without provider data; null = tenant types. */
    readonly external_network_type: string | null;
    /** Path MTU for tunnelled segments; 0 = use `global_physnet_mtu`. Default 0. */
    readonly path_mtu: number;
    /** `physnet:mtu` entries. Default `[]`. */
    readonly physical_network_mtus: readonly string[];
    /** IP version of the overlay, for the tunnel header overhead. Default 4. */
    readonly overlay_ip_version: 4 | 6;
    /**
     * ml2ts only: seconds (fractions allowed, > 0) a mechanism driver's `bindPort` and each of
     * its post-commit hooks may take. A `bindPort` that misses it counts as not bound (trace
     * decision `timeout`) and the next driver is asked; a post-commit hook that misses it fails
     * like one that threw. Default 30.
     */
    readonly driver_timeout: number;
    /**
     * ml2ts only: seconds (fractions allowed, > 0, at most `driver_timeout`) a pre-commit hook may
     * take. Pre-commit hooks run inside the database transaction, which every other operation
     * waits for; one that misses it fails the operation with a `MechanismDriverError` (500) and
     * the transaction rolls back. Default 3.
     */
    readonly precommit_timeout: number;
  };
  readonly ml2_type_flat: {
    /** Physical networks allowed for flat networks; `['*']` = any, `[]` = flat disabled. */
    readonly flat_networks: readonly string[];
  };
  readonly ml2_type_vlan: {
    /** `physnet:min:max` or bare `physnet` (the whole 1..4094). Default `[]`. */
    readonly network_vlan_ranges: readonly string[];
  };
  readonly ml2_type_vxlan: {
    readonly vni_ranges: readonly string[];
    readonly vxlan_group: string | null;
  };
  readonly ml2_type_geneve: {
    readonly vni_ranges: readonly string[];
    readonly max_header_size: number;
  };
  readonly ml2_type_gre: { readonly tunnel_id_ranges: readonly string[] };
  readonly securitygroup: {
    /** Feeds `port_filter` in the OVS and Linux bridge vif_details. Default true. */
    readonly enable_security_group: boolean;
  };
  readonly experimental: {
    /** The Linux bridge driver refuses to start unless this is true. Default false. */
    readonly linuxbridge: boolean;
  };
  readonly ml2ts: {
    /**
     * Module specifiers (package names or absolute paths) of driver packages that are not
     * installed dependencies; they are searched for manifests like installed ones. Default `[]`.
     */
    readonly plugin_modules: readonly string[];
    /** SQLite database file; `:memory:` for a throwaway database. Default `./ml2ts.sqlite`. */
    readonly database: string;
  };
  /**
   * Sections owned by driver plugins (for example `ovs_driver`, `tor`), kept verbatim. A driver
   * validates its own section in `initialize`; a section no loaded driver claims is an error.
   */
  readonly pluginSections: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}
