/**
 * Sizes and bounds of request attributes, as ml2ts's request validation enforces them. The
 * string lengths are Neutron's column sizes (so a value that fits ml2ts also fits Neutron); the
 * list and count bounds are ml2ts's own, generous for any real use and small enough that one
 * request cannot make the engine do unbounded work.
 */
export const AttributeLimits = {
  /** `name` of networks, subnets and ports. */
  NAME_MAX_LENGTH: 255,
  /** `description` of networks, subnets and ports. */
  DESCRIPTION_MAX_LENGTH: 255,
  /** `project_id` / `tenant_id`. */
  PROJECT_ID_MAX_LENGTH: 255,
  /** Ids of resources: networks, subnets, ports, segments, agents, QoS policies. */
  ID_MAX_LENGTH: 36,
  /** `device_id` of a port. */
  DEVICE_ID_MAX_LENGTH: 255,
  /** `device_owner` of a port. */
  DEVICE_OWNER_MAX_LENGTH: 255,
  /** `binding:host_id` of a port and `host` of an agent or an agent RPC. */
  HOST_MAX_LENGTH: 255,
  /** `dns_name` and `dns_domain`. */
  DNS_NAME_MAX_LENGTH: 255,
  /** `provider:network_type`. */
  NETWORK_TYPE_MAX_LENGTH: 32,
  /** `provider:physical_network`. */
  PHYSICAL_NETWORK_MAX_LENGTH: 64,
  /** Largest segmentation id any type allows (GRE keys are 32 bits); type drivers narrow it. */
  SEGMENTATION_ID_MAX: 2 ** 32 - 1,
  /** Static segments one network create may ask for. */
  MAX_SEGMENTS: 64,
  /** Fixed IPs one port may carry. */
  MAX_FIXED_IPS: 128,
  /** Entries of the other list attributes (tags, security groups, routes, pools, ...). */
  MAX_LIST_ENTRIES: 128,
  /** One tag, an availability zone name, a service type. */
  TAG_MAX_LENGTH: 255,
  /** An IP address or CIDR as text (IPv6 with a zone fits). */
  ADDRESS_MAX_LENGTH: 64,
  /** Agent `agent_type`, `binary`, `topic`, `availability_zone` and RPC `agent_id`. */
  AGENT_FIELD_MAX_LENGTH: 255,
  /** Serialized `resource_versions` of an agent report (its column). */
  MAX_RESOURCE_VERSIONS_LENGTH: 8191,
  /** Entries of `resource_versions`. */
  MAX_RESOURCE_VERSIONS_ENTRIES: 256,
  /** One key or value of `resource_versions`. */
  RESOURCE_VERSION_FIELD_MAX_LENGTH: 255,
  /** Agent `load`: a non-negative 32-bit integer (its column). */
  MAX_AGENT_LOAD: 2 ** 31 - 1,
  /** An RPC's `device` name: a port id or prefix, `tap...`, or a MAC address. */
  DEVICE_MAX_LENGTH: 255,
  /** Devices one bulk agent call (`get_devices_details_list`, `update_device_list`) may name. */
  MAX_DEVICES_PER_CALL: 65536,
  /** An SR-IOV `pci_slot`, e.g. `0000:05:00.1`. */
  PCI_SLOT_MAX_LENGTH: 64,
  /** The agent's `time` of a report, `%Y-%m-%dT%H:%M:%S.%f`. */
  AGENT_TIME_MAX_LENGTH: 64,
  /** Nesting of JSON objects and lists in `binding:profile` and agent `configurations`. */
  MAX_JSON_DEPTH: 32,
} as const;
