import {
  AttributeNotUpdatable,
  InvalidAttribute,
  InvalidInput,
  Ml2Error,
  UnrecognizedAttribute,
} from '@ml2ts/driver-api';
import {
  dumpDatabase,
  ovsReport,
  startTestEngine,
  TestAgentDriver,
  type TestEngine,
} from '../test-support/test-engine';
import { type Ml2Plugin } from './ml2-plugin';

/** The plugin as a caller that ignores the request types sees it. */
type Untyped = Record<string, (...args: unknown[]) => Promise<unknown>>;

describe('every plugin request is checked before any database work', () => {
  let engine: TestEngine;
  let plugin: Ml2Plugin;
  let untyped: Untyped;
  let networkId: string;
  let otherNetworkId: string;
  let subnetId: string;
  let portId: string;

  beforeEach(async () => {
    engine = await startTestEngine([new TestAgentDriver()]);
    plugin = engine.plugin;
    untyped = plugin as unknown as Untyped;
    await plugin.rpc.reportState(ovsReport('host1'));
    networkId = (await plugin.createNetwork({ name: 'net' })).id;
    otherNetworkId = (await plugin.createNetwork({ name: 'other' })).id;
    subnetId = (await plugin.createSubnet({ network_id: networkId, cidr: '10.0.0.0/24' })).id;
    portId = (
      await plugin.createPort({
        network_id: networkId,
        'binding:host_id': 'host1',
        fixed_ips: [{ subnet_id: subnetId, ip_address: '10.0.0.5' }],
      })
    ).id;
  });
  afterEach(async () => engine.close());

  const tenMegabytes = 'x'.repeat(10 * 1024 * 1024);

  /** [label, call, the attribute the 400 names]. */
  const refused: Array<[string, () => Promise<unknown>, string]> = [
    // Calls that used to throw TypeError / TypeORMError / QueryFailedError.
    ['createNetwork segments: "abc"', () => untyped.createNetwork({ segments: 'abc' }), 'segments'],
    [
      'createNetwork segments: [null]',
      () => untyped.createNetwork({ segments: [null] }),
      'segments[0]',
    ],
    ['createNetwork of a string', () => untyped.createNetwork('abc'), 'network'],
    [
      'createPort fixed_ips: [{}] without network',
      () => untyped.createPort({ fixed_ips: [{}] }),
      'network_id',
    ],
    [
      'createPort fixed_ips: [{}]',
      () => untyped.createPort({ network_id: networkId, fixed_ips: [{}] }),
      'fixed_ips[0].subnet_id',
    ],
    ['createPort of null', () => untyped.createPort(null), 'port'],
    ['createSubnet without cidr', () => untyped.createSubnet({ network_id: networkId }), 'cidr'],
    ['createSubnet of a list', () => untyped.createSubnet([]), 'subnet'],
    ['getPort(42)', () => untyped.getPort(42), 'port_id'],
    ['deleteNetwork({})', () => untyped.deleteNetwork({}), 'network_id'],
    ['listPorts with an unknown filter', () => untyped.listPorts({ host: 'host1' }), 'host'],
    // Unchecked fields that used to be stored.
    [
      'port project_id 42 (was stored as "42.0")',
      () => untyped.createPort({ network_id: networkId, project_id: 42 }),
      'project_id',
    ],
    [
      'network project_id of 10 MB',
      () => untyped.createNetwork({ project_id: tenMegabytes }),
      'project_id',
    ],
    [
      'port project_id of 10 MB',
      () => untyped.createPort({ network_id: networkId, project_id: tenMegabytes }),
      'project_id',
    ],
    [
      'project_id and tenant_id that differ',
      () => untyped.createNetwork({ project_id: 'a', tenant_id: 'b' }),
      'tenant_id',
    ],
    [
      'port name of 256 characters',
      () => untyped.createPort({ network_id: networkId, name: 'n'.repeat(256) }),
      'name',
    ],
    [
      'a non-canonical IP address',
      () =>
        untyped.createPort({
          network_id: networkId,
          fixed_ips: [{ subnet_id: subnetId, ip_address: '10.0.0.07' }],
        }),
      'fixed_ips[0].ip_address',
    ],
    [
      'a CIDR with host bits',
      () => untyped.createSubnet({ network_id: networkId, cidr: '10.1.0.1/24' }),
      'cidr',
    ],
    [
      'a CIDR overlapping a subnet of the network',
      () => untyped.createSubnet({ network_id: networkId, cidr: '10.0.0.0/16' }),
      'cidr',
    ],
    [
      'an IPv6 subnet',
      () => untyped.createSubnet({ network_id: networkId, cidr: '10.1.0.0/24', ip_version: 6 }),
      'ip_version',
    ],
    [
      'a profile that is not JSON',
      () => untyped.createPort({ network_id: networkId, 'binding:profile': { when: new Date(0) } }),
      'binding:profile.when',
    ],
    [
      'a profile nested too deep',
      () => untyped.createPort({ network_id: networkId, 'binding:profile': deeplyNested(40) }),
      'binding:profile',
    ],
    [
      'binding:vif_type on create',
      () => untyped.createPort({ network_id: networkId, 'binding:vif_type': 'ovs' }),
      'binding:vif_type',
    ],
    // What updatePort used to ignore.
    [
      'updatePort network_id of another network',
      () => untyped.updatePort(portId, { network_id: otherNetworkId }),
      'network_id',
    ],
    [
      'updatePort fixed_ips: "garbage"',
      () => untyped.updatePort(portId, { fixed_ips: 'garbage' }),
      'fixed_ips',
    ],
    [
      'updatePort with an unknown key',
      () => untyped.updatePort(portId, { colour: 'red' }),
      'colour',
    ],
    ['updatePort id', () => untyped.updatePort(portId, { id: portId }), 'id'],
    ['updatePort status', () => untyped.updatePort(portId, { status: 'ACTIVE' }), 'status'],
    [
      'updatePort binding:vif_details',
      () => untyped.updatePort(portId, { 'binding:vif_details': {} }),
      'binding:vif_details',
    ],
    [
      'updateNetwork project_id',
      () => untyped.updateNetwork(networkId, { project_id: 'p' }),
      'project_id',
    ],
    [
      'updateNetwork with an unknown key',
      () => untyped.updateNetwork(networkId, { router: true }),
      'router',
    ],
    [
      'updateSubnet with an unknown key',
      () => untyped.updateSubnet(subnetId, { pools: [] }),
      'pools',
    ],
    [
      'a provider key misspelled inside segments',
      () => untyped.createNetwork({ segments: [{ network_type: 'vxlan' }] }),
      'segments[0].network_type',
    ],
  ];

  it.each(refused)(
    '%s: 400 naming the attribute, nothing written',
    async (_label, act, attribute) => {
      const before = await dumpDatabase(engine);
      const error = await act().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(InvalidInput);
      expect(error).toMatchObject({ type: 'InvalidInput', httpStatus: 400, attribute });
      expect((error as Error).message).toContain(
        attribute
          .split('.')
          .at(-1)!
          .replace(/\[\d+\]$/, ''),
      );
      expect((error as Error).message.length).toBeLessThan(1000);
      expect(await dumpDatabase(engine)).toEqual(before);
    },
  );

  it('names every unknown key and the accepted ones', async () => {
    const error = await untyped
      .updatePort(portId, { colour: 'red', size: 1 })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnrecognizedAttribute);
    expect((error as UnrecognizedAttribute).unknown).toEqual(['colour', 'size']);
    expect((error as Error).message).toMatch(/Unrecognized attribute\(s\) 'colour', 'size'/);
    expect((error as Error).message).toContain('binding:host_id');
  });

  it('says an attribute cannot be updated rather than ignoring it', async () => {
    const error = await untyped
      .updatePort(portId, { network_id: otherNetworkId })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AttributeNotUpdatable);
    expect((error as Error).message).toContain('network_id cannot be updated');
    expect((await plugin.getPort(portId)).network_id).toBe(networkId);
  });

  it('never stores a number as a project id', async () => {
    await untyped.createPort({ network_id: networkId, project_id: 42 }).catch(() => undefined);
    const projects = (await dumpDatabase(engine)).ports.map(
      (port) => (port as { projectId: unknown }).projectId,
    );
    expect(projects.every((project) => typeof project === 'string')).toBe(true);
    expect(projects).not.toContain('42.0');
  });

  it('accepts the bodies the openstack CLI sends, and the rest of Neutrons attributes', async () => {
    const network = await plugin.createNetwork({
      admin_state_up: true,
      name: 'net0',
      'provider:network_type': 'vlan',
      'provider:physical_network': 'physnet1',
      'provider:segmentation_id': 150,
      description: 'd',
      shared: false,
      port_security_enabled: true,
      availability_zone_hints: ['nova'],
      dns_domain: 'example.org.',
      qos_policy_id: null,
      tags: ['blue'],
      tenant_id: 'project-a',
    });
    expect(network.project_id).toBe('project-a');
    const subnet = await plugin.createSubnet({
      cidr: '192.168.10.0/24',
      ip_version: 4,
      name: 'sub0',
      network_id: network.id,
      gateway_ip: '192.168.10.1',
      allocation_pools: [{ start: '192.168.10.2', end: '192.168.10.200' }],
      dns_nameservers: ['192.168.10.1'],
      host_routes: [{ destination: '0.0.0.0/0', nexthop: '192.168.10.1' }],
      description: '',
      project_id: 'project-a',
    });
    const port = await plugin.createPort({
      admin_state_up: true,
      'binding:host_id': 'host1',
      'binding:vnic_type': 'normal',
      name: 'port0',
      network_id: network.id,
      fixed_ips: [{ subnet_id: subnet.id, ip_address: '192.168.10.20' }],
      security_groups: [],
      port_security_enabled: true,
      allowed_address_pairs: [{ ip_address: '192.168.10.0/28', mac_address: 'fa:16:3e:00:00:99' }],
      description: '',
      dns_domain: '',
    });
    expect(port['binding:vif_type']).toBe('ovs');
    const moved = await plugin.updatePort(port.id, {
      'binding:host_id': '',
      network_id: network.id,
      description: 'unbound',
    });
    expect(moved['binding:host_id']).toBe('');
    expect((await plugin.updateNetwork(network.id, { name: 'net1', shared: true })).name).toBe(
      'net1',
    );
    expect(
      (await plugin.updateSubnet(subnet.id, { name: 's', enable_dhcp: false })).enable_dhcp,
    ).toBe(false);
  });

  it('replaces fixed IPs on update, keeping the port own addresses usable', async () => {
    const updated = await plugin.updatePort(portId, {
      fixed_ips: [
        { subnet_id: subnetId, ip_address: '10.0.0.5' },
        { subnet_id: subnetId, ip_address: '10.0.0.6' },
      ],
    });
    expect(updated.fixed_ips.map((fixedIp) => fixedIp.ip_address)).toEqual([
      '10.0.0.5',
      '10.0.0.6',
    ]);
    const other = await plugin.createPort({ network_id: networkId, fixed_ips: [] });
    await expect(
      plugin.updatePort(other.id, { fixed_ips: [{ subnet_id: subnetId, ip_address: '10.0.0.6' }] }),
    ).rejects.toMatchObject({ type: 'IpAddressInUse', httpStatus: 409 });
    await expect(
      plugin.updatePort(other.id, {
        fixed_ips: [
          { subnet_id: subnetId, ip_address: '10.0.0.9' },
          { subnet_id: subnetId, ip_address: '10.0.0.9' },
        ],
      }),
    ).rejects.toBeInstanceOf(InvalidAttribute);
    expect((await plugin.updatePort(portId, { fixed_ips: [] })).fixed_ips).toEqual([]);
    await plugin.deleteSubnet(subnetId);
  });

  it('answers every refusal with a typed error, not a crash, for values of every JSON type', async () => {
    const values: unknown[] = [null, 0, -1, 1.5, '', 'x', true, [], {}, [null], { a: 1 }];
    for (const value of values) {
      for (const call of [
        () => untyped.createNetwork(value),
        () => untyped.createNetwork({ segments: value }),
        () => untyped.createNetwork({ mtu: value }),
        () => untyped.createSubnet({ network_id: networkId, cidr: value }),
        () => untyped.createPort({ network_id: value }),
        () => untyped.createPort({ network_id: networkId, fixed_ips: value }),
        () => untyped.createPort({ network_id: networkId, fixed_ips: [value] }),
        () => untyped.createPort({ network_id: networkId, 'binding:profile': value }),
        () => untyped.updatePort(portId, value),
        () => untyped.updatePort(value, {}),
        () => untyped.updateNetwork(networkId, { segments: value }),
        () => untyped.listPorts(value),
      ]) {
        const outcome = await call().catch((caught: unknown) => caught);
        if (outcome instanceof Error) {
          expect(outcome).toBeInstanceOf(Ml2Error);
          // Valid creates may exhaust the three tenant VNIs: a capacity error, not a crash.
          if ((outcome as Ml2Error).type !== 'NoNetworkAvailable') {
            expect((outcome as Ml2Error).httpStatus).toBeLessThan(500);
          }
        }
      }
    }
  });
});

function deeplyNested(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = {};
  for (let level = 0; level < depth; level++) value = { down: value };
  return value;
}
