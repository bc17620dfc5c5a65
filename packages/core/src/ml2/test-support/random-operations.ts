import fc from 'fast-check';
import { AgentType } from '@ml2ts/driver-api';
import { PluginAgentServer } from '../../agent-server/plugin-agent-server';
import { type TestEngine } from '../../test-support/test-engine';

/**
 * Random operations against the library API, as printable data (so fast-check can shrink and
 * show them). Requests are templates: `{ $ref, pick }` stands for the id of a known resource,
 * `{ $subnet, pick }` for a subnet of the port's network and `{ $ip, pick, offset }` for an
 * address in it, `{ $device, pick }` for a port's device name; `resolveTemplate` fills them in
 * when the operation runs. Valid and invalid requests are
 * mixed: wrong types, oversized strings, unknown keys, unknown ids, conflicts.
 */
export type RandomOperation =
  | { readonly op: 'createNetwork'; readonly request: unknown }
  | { readonly op: 'updateNetwork'; readonly network: unknown; readonly request: unknown }
  | { readonly op: 'deleteNetwork'; readonly network: unknown }
  | { readonly op: 'createSubnet'; readonly request: unknown }
  | { readonly op: 'updateSubnet'; readonly subnet: unknown; readonly request: unknown }
  | { readonly op: 'deleteSubnet'; readonly subnet: unknown }
  | { readonly op: 'createPort'; readonly request: unknown }
  | { readonly op: 'updatePort'; readonly port: unknown; readonly request: unknown }
  | { readonly op: 'deletePort'; readonly port: unknown }
  | { readonly op: 'reportState'; readonly report: unknown; readonly time: unknown }
  | { readonly op: 'device'; readonly call: DeviceCall; readonly request: unknown }
  | { readonly op: 'bulk'; readonly call: BulkCall; readonly request: unknown }
  | { readonly op: 'read'; readonly call: ReadCall; readonly argument: unknown }
  | {
      readonly op: 'agentAdmin';
      readonly call: 'setAdminState' | 'delete' | 'get' | 'list';
      readonly agent: unknown;
      readonly value: unknown;
    }
  | { readonly op: 'advanceClock'; readonly seconds: number };

type DeviceCall = 'getDeviceDetails' | 'describeDevice' | 'updateDeviceUp' | 'updateDeviceDown';
type BulkCall = 'getDevicesDetailsList' | 'updateDeviceList' | 'reportState';
type ReadCall =
  | 'getNetwork'
  | 'listNetworks'
  | 'listSegments'
  | 'getSubnet'
  | 'getPort'
  | 'listPorts'
  | 'getBindingLevels'
  | 'explainBinding';

/** Hosts the operations use; `tor1` is served by the hierarchical test driver. */
export const RANDOM_HOSTS = ['host1', 'host2', 'tor1'] as const;

/** The ids, subnets and ports operations may refer to: what the database holds now. */
export interface KnownResources {
  networks: string[];
  subnets: Array<{ id: string; cidr: string; networkId: string }>;
  ports: Array<{ id: string; macAddress: string; networkId: string }>;
  segments: string[];
  agents: string[];
}

/** The known resources of a `dumpDatabase` result, in primary-key order. */
export function knownResources(dump: Record<string, unknown[]>): KnownResources {
  const ids = (table: string) => (dump[table] as Array<{ id: string }>).map((row) => row.id);
  return {
    networks: ids('networks'),
    subnets: (dump.subnets as KnownResources['subnets']).map(({ id, cidr, networkId }) => ({
      id,
      cidr,
      networkId,
    })),
    ports: (dump.ports as KnownResources['ports']).map(({ id, macAddress, networkId }) => ({
      id,
      macAddress,
      networkId,
    })),
    segments: ids('networksegments'),
    agents: ids('agents'),
  };
}

/** An id no resource has. */
const UNKNOWN_ID = '00000000-0000-4000-8000-00000000ffff';

/**
 * Fills the markers of a request template in with known resources (see `RandomOperation`);
 * `networkId` is the network `$subnet` and `$ip` markers pick subnets of (any when it has none).
 */
export function resolveTemplate(
  template: unknown,
  known: KnownResources,
  networkId?: unknown,
): unknown {
  if (Array.isArray(template)) {
    return template.map((item) => resolveTemplate(item, known, networkId));
  }
  if (template === null || typeof template !== 'object') return template;
  const record = template as Record<string, unknown>;
  const onNetwork = known.subnets.filter((subnet) => subnet.networkId === networkId);
  const candidates = onNetwork.length > 0 ? onNetwork : known.subnets;
  if (typeof record.$ref === 'string' && typeof record.pick === 'number') {
    const pool: readonly string[] = {
      network: known.networks,
      subnet: known.subnets.map((subnet) => subnet.id),
      port: known.ports.map((port) => port.id),
      segment: known.segments,
      agent: known.agents,
    }[record.$ref as 'network']!;
    return pool.length === 0 ? UNKNOWN_ID : pool[record.pick % pool.length];
  }
  if (typeof record.$subnet === 'number') {
    return candidates[record.$subnet % Math.max(candidates.length, 1)]?.id ?? UNKNOWN_ID;
  }
  if (typeof record.$ip === 'number' && typeof record.offset === 'number') {
    const subnet = candidates[record.$ip % Math.max(candidates.length, 1)];
    return addressIn(subnet?.cidr ?? '10.0.0.0/24', record.offset);
  }
  if (typeof record.$device === 'string' && typeof record.pick === 'number') {
    const port = known.ports[record.pick % Math.max(known.ports.length, 1)];
    if (!port) return `tap${UNKNOWN_ID.slice(0, 11)}`;
    switch (record.$device) {
      case 'tap':
        return `tap${port.id.slice(0, 11)}`;
      case 'mac':
        return port.macAddress;
      case 'prefix':
        return port.id.slice(0, 8);
      default:
        return port.id;
    }
  }
  return Object.fromEntries(
    Object.entries(record).map(([key, value]) => [key, resolveTemplate(value, known, networkId)]),
  );
}

/** The address `offset` places after the network address of an IPv4 CIDR. */
function addressIn(cidr: string, offset: number): string {
  const [address] = cidr.split('/');
  // IPv6 test CIDRs are `<prefix>::/64`: the offset is the last group.
  if (address.includes(':')) return `${address}${offset.toString(16)}`;
  const value = address.split('.').reduce((sum, octet) => sum * 256 + Number(octet), 0) + offset;
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

/**
 * Runs one operation on `engine`, its templates filled in from `known`. Resolves with what the
 * operation answered; rejects with what it threw.
 */
export async function performOperation(
  engine: TestEngine,
  operation: RandomOperation,
  known: KnownResources,
): Promise<unknown> {
  const plugin = engine.plugin;
  const fill = (value: unknown, networkId?: unknown) => resolveTemplate(value, known, networkId);
  // The requests are deliberately untyped: invalid ones are the point.
  const any = <T>(value: unknown) => fill(value) as T;
  switch (operation.op) {
    case 'createNetwork':
      return plugin.createNetwork(any(operation.request));
    case 'updateNetwork':
      return plugin.updateNetwork(any(operation.network), any(operation.request));
    case 'deleteNetwork':
      return plugin.deleteNetwork(any(operation.network));
    case 'createSubnet':
      return plugin.createSubnet(any(operation.request));
    case 'updateSubnet':
      return plugin.updateSubnet(any(operation.subnet), any(operation.request));
    case 'deleteSubnet':
      return plugin.deleteSubnet(any(operation.subnet));
    case 'createPort': {
      const { network_id: networkId } = (fill(operation.request) ?? {}) as { network_id?: unknown };
      return plugin.createPort(fill(operation.request, networkId) as never);
    }
    case 'updatePort': {
      const portId = fill(operation.port);
      const networkId = known.ports.find((port) => port.id === portId)?.networkId;
      return plugin.updatePort(portId as never, fill(operation.request, networkId) as never);
    }
    case 'deletePort':
      return plugin.deletePort(any(operation.port));
    case 'reportState':
      return plugin.rpc.reportState(any(operation.report), any(operation.time));
    case 'device':
      return plugin.rpc[operation.call](any(operation.request));
    case 'bulk':
      return new PluginAgentServer(plugin)[operation.call](any(operation.request));
    case 'read':
      return operation.call === 'listNetworks'
        ? plugin.listNetworks()
        : plugin[operation.call](any(operation.argument));
    case 'agentAdmin':
      switch (operation.call) {
        case 'setAdminState':
          return plugin.agents.setAdminState(any(operation.agent), any(operation.value));
        case 'delete':
          return plugin.agents.delete(any(operation.agent));
        case 'get':
          return plugin.agents.get(any(operation.agent));
        case 'list':
          return plugin.agents.list(any(operation.value));
      }
      break;
    case 'advanceClock':
      engine.clock.advance(operation.seconds);
      return undefined;
  }
}

// ------------------------------------------------------------------ arbitraries

const ref = (kind: 'network' | 'subnet' | 'port' | 'segment' | 'agent') =>
  fc.nat({ max: 31 }).map((pick) => ({ $ref: kind, pick }));

/** Values of every JSON type (and a few that JSON has not), for attributes that get them wrong. */
const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer({ min: -5, max: 1_000_000 }),
  fc.double({ noNaN: false }),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 6 }),
  fc.constantFrom('', 'x'.repeat(300), 'y'.repeat(70_000), '10.0.0.05', 'FA:16:3E', '::1'),
  fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 3 })), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.oneof(fc.integer(), fc.string()), {
    maxKeys: 3,
  }),
  fc.constant(new Date(0)),
  fc.constant({ k: 'v'.repeat(5000) }),
  fc.constant(Number.POSITIVE_INFINITY),
  fc.constant(2 ** 53),
);

/** Keys no request accepts (or only some requests accept, or only the server sets). */
const strangeKeys = [
  'foo',
  'network_type',
  'segmentation_id',
  'tenant',
  'id',
  'status',
  'binding:vif_type',
  'binding:vif_details',
  'network_id',
  'project_id',
  'tenant_id',
  'fixed_ips',
  'ip_version',
  'tags',
  'constructor',
  '__proto__',
];

/**
 * Mostly `valid` as generated; sometimes with one of its own `keys` (or a strange key) set to
 * junk; rarely junk instead of an object.
 */
function mutated(
  valid: fc.Arbitrary<Record<string, unknown>>,
  keys: readonly string[],
): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 12, arbitrary: valid },
    {
      weight: 3,
      arbitrary: fc
        .tuple(valid, fc.constantFrom(...keys, ...strangeKeys), junk)
        .map(([value, key, extra]) => {
          const copy: Record<string, unknown> = { ...value };
          Object.defineProperty(copy, key, {
            value: extra,
            enumerable: true,
            writable: true,
            configurable: true,
          });
          return copy;
        }),
    },
    { weight: 1, arbitrary: junk },
  );
}

/** Usually a reference to a known resource, sometimes junk. */
const target = (kind: 'network' | 'subnet' | 'port' | 'agent') =>
  fc.oneof({ weight: 12, arbitrary: ref(kind) }, { weight: 1, arbitrary: junk });

const names = fc.constantFrom('net', 'a', '', 'x'.repeat(255));
const projectIds = fc.constantFrom('project-a', 'project-b', '', 'p'.repeat(255));
const networkTypes = fc.constantFrom('vxlan', 'vlan', 'flat', 'local', 'geneve', 'gre', 'ethernet');
const physicalNetworks = fc.constantFrom('physnet1', 'physnet2', null, '');
const segmentationIds = fc.oneof(
  fc.constant(null),
  fc.integer({ min: 98, max: 202 }),
  fc.integer({ min: 1000, max: 1004 }),
  fc.constantFrom(0, 1, 4094, 4095, 2 ** 24, 2 ** 32 - 1),
);
const providerRecord = fc.record(
  {
    'provider:network_type': networkTypes,
    'provider:physical_network': physicalNetworks,
    'provider:segmentation_id': segmentationIds,
  },
  { requiredKeys: [] },
);
const PROVIDER_KEYS = [
  'provider:network_type',
  'provider:physical_network',
  'provider:segmentation_id',
];

const networkFields = fc.record(
  {
    name: names,
    project_id: projectIds,
    admin_state_up: fc.boolean(),
    mtu: fc.constantFrom(null, 68, 1000, 1450, 1500),
    'router:external': fc.boolean(),
    description: fc.constantFrom('', 'd'),
    shared: fc.boolean(),
    availability_zone_hints: fc.constantFrom([], ['az1']),
    qos_policy_id: fc.constantFrom(null, UNKNOWN_ID),
    tags: fc.constantFrom([], ['t1']),
  },
  { requiredKeys: [] },
);
const NETWORK_KEYS = [
  'name',
  'project_id',
  'tenant_id',
  'admin_state_up',
  'mtu',
  'router:external',
  'vlan_transparent',
  'segments',
  'availability_zone_hints',
  'qos_policy_id',
  ...PROVIDER_KEYS,
];

const networkRequest = fc.oneof(
  { weight: 3, arbitrary: fc.constant({}) },
  {
    weight: 4,
    arbitrary: fc.record({
      'provider:network_type': fc.constant('vlan'),
      'provider:physical_network': fc.constant('physnet1'),
      'provider:segmentation_id': fc.integer({ min: 99, max: 201 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      'provider:network_type': fc.constant('flat'),
      'provider:physical_network': physicalNetworks,
    }),
  },
  { weight: 2, arbitrary: providerRecord },
  { weight: 2, arbitrary: networkFields },
  {
    weight: 1,
    arbitrary: fc.record({
      segments: fc.array(mutated(providerRecord, PROVIDER_KEYS), { maxLength: 3 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ vlan_transparent: fc.boolean() }) },
);
const createNetwork = mutated(networkRequest, NETWORK_KEYS).map((request) => ({
  op: 'createNetwork' as const,
  request,
}));

const updatableNetworkFields = fc.record(
  {
    name: names,
    admin_state_up: fc.boolean(),
    'router:external': fc.boolean(),
    description: fc.constantFrom('', 'd'),
    shared: fc.boolean(),
    qos_policy_id: fc.constantFrom(null, UNKNOWN_ID),
    vlan_transparent: fc.constant(false),
  },
  { requiredKeys: [] },
);
const updateNetwork = fc
  .record({
    network: target('network'),
    request: mutated(
      fc.oneof(
        { weight: 6, arbitrary: updatableNetworkFields },
        { weight: 1, arbitrary: providerRecord },
        { weight: 1, arbitrary: fc.record({ mtu: fc.constantFrom(null, 60, 1400, 9000) }) },
      ),
      NETWORK_KEYS,
    ),
  })
  .map((operation) => ({ op: 'updateNetwork' as const, ...operation }));

const deleteNetwork = target('network').map((network) => ({
  op: 'deleteNetwork' as const,
  network,
}));

const cidrs = fc.oneof(
  { weight: 8, arbitrary: fc.nat({ max: 5 }).map((third) => `10.0.${third}.0/24`) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('10.0.0.0/16', '10.0.0.1/24', '10.0.0.0/33', '::/64', '10.0.0.0'),
  },
  { weight: 2, arbitrary: fc.constantFrom('2001:db8::/64', '2001:db8:1::/64', '10.0.0.0/29') },
);
const subnetFields = fc.record(
  {
    name: names,
    enable_dhcp: fc.boolean(),
    ip_version: fc.constantFrom(4, 4, 6),
    ipv6_address_mode: fc.constantFrom(null, 'slaac', 'dhcpv6-stateful'),
    segment_id: fc.oneof(fc.constant(null), ref('segment')),
    gateway_ip: fc.constantFrom(null, '10.0.0.1'),
    allocation_pools: fc.constantFrom([], [{ start: '10.0.0.2', end: '10.0.0.9' }]),
    dns_nameservers: fc.constantFrom([], ['8.8.8.8']),
    host_routes: fc.constantFrom([], [{ destination: '0.0.0.0/0', nexthop: '10.0.0.1' }]),
  },
  { requiredKeys: [] },
);
const SUBNET_KEYS = [
  'network_id',
  'cidr',
  'name',
  'enable_dhcp',
  'ip_version',
  'ipv6_address_mode',
  'segment_id',
  'gateway_ip',
  'allocation_pools',
  'dns_nameservers',
  'host_routes',
];
const createSubnet = mutated(
  fc
    .tuple(ref('network'), cidrs, subnetFields)
    .map(([network, cidr, fields]) => ({ ...fields, network_id: network, cidr })),
  SUBNET_KEYS,
).map((request) => ({ op: 'createSubnet' as const, request }));

const updateSubnet = fc
  .record({
    subnet: target('subnet'),
    request: mutated(
      fc.oneof(
        {
          weight: 5,
          arbitrary: fc.record(
            {
              name: names,
              enable_dhcp: fc.boolean(),
              gateway_ip: fc.constantFrom(null, '10.0.0.1'),
              dns_nameservers: fc.constantFrom([], ['8.8.8.8']),
            },
            { requiredKeys: [] },
          ),
        },
        {
          weight: 1,
          arbitrary: fc.record(
            { cidr: cidrs, network_id: ref('network'), ip_version: fc.constantFrom(4, 6) },
            { requiredKeys: [] },
          ),
        },
      ),
      SUBNET_KEYS,
    ),
  })
  .map((operation) => ({ op: 'updateSubnet' as const, ...operation }));

const deleteSubnet = target('subnet').map((subnet) => ({ op: 'deleteSubnet' as const, subnet }));

const fixedIp = fc.oneof(
  {
    weight: 20,
    arbitrary: fc
      .tuple(
        fc.nat({ max: 31 }),
        fc.oneof(
          { weight: 20, arbitrary: fc.integer({ min: 2, max: 12 }) },
          { weight: 1, arbitrary: fc.constant(300) },
        ),
      )
      .map(([pick, offset]) => ({
        subnet_id: { $subnet: pick },
        ip_address: { $ip: pick, offset },
      })),
  },
  {
    weight: 1,
    arbitrary: fc.record({ subnet_id: ref('subnet'), ip_address: fc.constant('10.0.0.7') }),
  },
  { weight: 3, arbitrary: fc.record({ subnet_id: ref('subnet') }) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.nat({ max: 31 }), fc.integer({ min: 2, max: 12 }))
      .map(([pick, offset]) => ({ ip_address: { $ip: pick, offset } })),
  },
  { weight: 1, arbitrary: fc.constant({}) },
);
const hosts = fc.constantFrom<string | null>(...RANDOM_HOSTS, ...RANDOM_HOSTS, '', null, 'ghost');
const profiles = fc.constantFrom<unknown>(
  {},
  null,
  { pci_slot: '0000:05:00.1' },
  { nested: { deeper: [1, 'two', null] } },
);
const portFields = fc.record(
  {
    name: names,
    'binding:host_id': hosts,
    'binding:vnic_type': fc.constantFrom('normal', 'normal', 'normal', 'direct', null),
    'binding:profile': profiles,
    fixed_ips: fc.array(fixedIp, { maxLength: 2 }),
    device_owner: fc.constantFrom('', 'compute:nova', 'network:dhcp'),
    device_id: fc.constantFrom('', 'vm-1'),
    admin_state_up: fc.boolean(),
    mac_address: fc.constantFrom(
      'fa:16:3e:00:00:01',
      'FA-16-3E-AA-BB-CC',
      '52:54:00:12:34:56',
      '52:54:00:12:34:57',
      '52:54:00:12:34:58',
    ),
    dns_name: fc.constantFrom('', 'vm1'),
    description: fc.constantFrom('', 'port'),
    security_groups: fc.constantFrom([], [UNKNOWN_ID]),
    port_security_enabled: fc.boolean(),
    allowed_address_pairs: fc.constantFrom([], [{ ip_address: '10.0.0.0/24' }]),
  },
  { requiredKeys: [] },
);
const PORT_KEYS = [
  'name',
  'binding:host_id',
  'binding:vnic_type',
  'binding:profile',
  'fixed_ips',
  'device_owner',
  'device_id',
  'admin_state_up',
  'mac_address',
  'dns_name',
  'security_groups',
  'allowed_address_pairs',
  'qos_policy_id',
];
const createPort = mutated(
  fc
    .tuple(
      ref('network'),
      portFields,
      fc.oneof(
        { weight: 8, arbitrary: fc.constant({}) },
        {
          weight: 1,
          arbitrary: fc.record(
            {
              id: fc.oneof(ref('port'), fc.uuid()),
              project_id: projectIds,
              status: fc.constantFrom('DOWN', 'ACTIVE', 'N/A'),
            },
            { requiredKeys: [] },
          ),
        },
      ),
    )
    .map(([network, fields, extra]) => ({ ...fields, ...extra, network_id: network })),
  [...PORT_KEYS, 'network_id', 'id', 'project_id', 'status'],
).map((request) => ({ op: 'createPort' as const, request }));

const updatePort = fc
  .record({
    port: target('port'),
    request: mutated(
      fc.oneof(
        { weight: 6, arbitrary: portFields },
        { weight: 1, arbitrary: fc.record({ network_id: ref('network') }) },
      ),
      PORT_KEYS,
    ),
  })
  .map((operation) => ({ op: 'updatePort' as const, ...operation }));

const deletePort = target('port').map((port) => ({ op: 'deletePort' as const, port }));

const report = fc.record(
  {
    agent_type: fc.constantFrom(AgentType.OVS, AgentType.OVS, AgentType.OVS, AgentType.DHCP),
    binary: fc.constant('neutron-openvswitch-agent'),
    host: fc.constantFrom(...RANDOM_HOSTS),
    topic: fc.constant('N/A'),
    start_flag: fc.boolean(),
    configurations: fc.constantFrom<unknown>(
      { bridge_mappings: { physnet1: 'br-eth1' }, tunnel_types: ['vxlan'] },
      { bridge_mappings: { physnet1: 'br-eth1' }, tunnel_types: ['vxlan'] },
      { bridge_mappings: {} },
      null,
    ),
    availability_zone: fc.constantFrom(null, 'nova'),
    load: fc.constantFrom(0, 3),
    resource_versions: fc.constantFrom({ Port: '1.7' }, {}),
    uuid: fc.constant('r-1'),
  },
  { requiredKeys: ['agent_type', 'binary', 'host', 'topic'] },
);
const REPORT_KEYS = [
  'agent_type',
  'binary',
  'host',
  'topic',
  'start_flag',
  'configurations',
  'availability_zone',
  'load',
  'resource_versions',
  'uuid',
];
const reportState = fc
  .record({
    report: mutated(report, REPORT_KEYS),
    time: fc.oneof(
      { weight: 10, arbitrary: fc.constant(undefined) },
      {
        weight: 1,
        arbitrary: fc.constantFrom('2026-01-01T00:00:05.000000', '2020-01-01T00:00:00', 'soon'),
      },
      { weight: 1, arbitrary: junk },
    ),
  })
  .map((operation) => ({ op: 'reportState' as const, ...operation }));

const device = fc
  .tuple(fc.constantFrom('id', 'id', 'tap', 'mac', 'prefix'), fc.nat({ max: 31 }))
  .map(([style, pick]) => ({ $device: style, pick }));
const deviceRequest = fc.record(
  {
    device,
    host: fc.constantFrom(...RANDOM_HOSTS, ''),
    agent_id: fc.constant('agent'),
    pci_slot: fc.constant('0000:05:00.1'),
  },
  { requiredKeys: ['device'] },
);
const deviceCall = fc
  .record({
    call: fc.constantFrom<DeviceCall>(
      'getDeviceDetails',
      'describeDevice',
      'updateDeviceUp',
      'updateDeviceUp',
      'updateDeviceDown',
    ),
    request: mutated(deviceRequest, ['device', 'host', 'agent_id', 'pci_slot']),
  })
  .map((operation) => ({ op: 'device' as const, ...operation }));

const devices = fc.array(
  fc.oneof({ weight: 8, arbitrary: device }, { weight: 1, arbitrary: junk }),
  {
    maxLength: 3,
  },
);
const bulkCall = fc
  .oneof(
    fc.record({
      call: fc.constant<BulkCall>('getDevicesDetailsList'),
      request: mutated(fc.record({ devices, host: fc.constantFrom(...RANDOM_HOSTS) }), [
        'devices',
        'host',
      ]),
    }),
    fc.record({
      call: fc.constant<BulkCall>('updateDeviceList'),
      request: mutated(
        fc.record(
          { devices_up: devices, devices_down: devices, host: fc.constantFrom(...RANDOM_HOSTS) },
          { requiredKeys: [] },
        ),
        ['devices_up', 'devices_down', 'host', 'refresh_tunnels'],
      ),
    }),
    fc.record({
      call: fc.constant<BulkCall>('reportState'),
      request: mutated(fc.record({ agent_state: mutated(report, REPORT_KEYS) }), [
        'agent_state',
        'time',
      ]),
    }),
  )
  .map((operation) => ({ op: 'bulk' as const, ...operation }));

const read = fc
  .oneof(
    fc.record({
      call: fc.constantFrom<ReadCall>('getNetwork', 'listSegments'),
      argument: target('network'),
    }),
    fc.record({ call: fc.constant<ReadCall>('getSubnet'), argument: target('subnet') }),
    fc.record({
      call: fc.constantFrom<ReadCall>('getPort', 'getBindingLevels', 'explainBinding'),
      argument: target('port'),
    }),
    fc.record({
      call: fc.constant<ReadCall>('listPorts'),
      argument: mutated(
        fc.record(
          { network_id: ref('network'), 'binding:host_id': fc.constantFrom(...RANDOM_HOSTS) },
          { requiredKeys: [] },
        ),
        ['network_id', 'device_id', 'binding:host_id'],
      ),
    }),
    fc.record({ call: fc.constant<ReadCall>('listNetworks'), argument: fc.constant(undefined) }),
  )
  .map((operation) => ({ op: 'read' as const, ...operation }));

const agentAdmin = fc
  .record({
    call: fc.constantFrom(
      'setAdminState' as const,
      'delete' as const,
      'get' as const,
      'list' as const,
    ),
    agent: target('agent'),
    value: fc.oneof({ weight: 6, arbitrary: fc.boolean() }, { weight: 1, arbitrary: junk }),
  })
  .map((operation) => ({ op: 'agentAdmin' as const, ...operation }));

const advanceClock = fc
  .constantFrom(1, 30, 80, 200)
  .map((seconds) => ({ op: 'advanceClock' as const, seconds }));

/** One random operation, weighted towards ports and networks. */
export const randomOperation: fc.Arbitrary<RandomOperation> = fc.oneof(
  { weight: 4, arbitrary: createNetwork },
  { weight: 2, arbitrary: updateNetwork },
  { weight: 1, arbitrary: deleteNetwork },
  { weight: 3, arbitrary: createSubnet },
  { weight: 1, arbitrary: updateSubnet },
  { weight: 1, arbitrary: deleteSubnet },
  { weight: 10, arbitrary: createPort },
  { weight: 6, arbitrary: updatePort },
  { weight: 2, arbitrary: deletePort },
  { weight: 4, arbitrary: reportState },
  { weight: 4, arbitrary: deviceCall },
  { weight: 1, arbitrary: bulkCall },
  { weight: 2, arbitrary: read },
  { weight: 1, arbitrary: agentAdmin },
  { weight: 1, arbitrary: advanceClock },
);
