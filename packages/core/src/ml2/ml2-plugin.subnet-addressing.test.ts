import {
  AttributeNotUpdatable,
  type Ml2Error,
  type SubnetCreateRequest,
  type SubnetResource,
} from '@ml2ts/driver-api';
import { dumpDatabase, startTestEngine, type TestEngine } from '../test-support/test-engine';
import { type Ml2Plugin } from './ml2-plugin';

/** The plugin as a caller that ignores the request types sees it. */
type Untyped = Record<string, (...args: unknown[]) => Promise<unknown>>;

/** The addressing attributes of a subnet, as the API shows them. */
function addressingOf(subnet: SubnetResource) {
  return {
    name: subnet.name,
    project_id: subnet.project_id,
    cidr: subnet.cidr,
    ip_version: subnet.ip_version,
    gateway_ip: subnet.gateway_ip,
    allocation_pools: subnet.allocation_pools,
    dns_nameservers: subnet.dns_nameservers,
    host_routes: subnet.host_routes,
    ipv6_address_mode: subnet.ipv6_address_mode,
    ipv6_ra_mode: subnet.ipv6_ra_mode,
    enable_dhcp: subnet.enable_dhcp,
    subnetpool_id: subnet.subnetpool_id,
    service_types: subnet.service_types,
  };
}

describe('subnet addressing', () => {
  let engine: TestEngine;
  let plugin: Ml2Plugin;
  let networkId: string;

  beforeEach(async () => {
    engine = await startTestEngine([]);
    plugin = engine.plugin;
    networkId = (await plugin.createNetwork({ project_id: 'project-a' })).id;
  });
  afterEach(async () => engine.close());

  const create = (request: Omit<SubnetCreateRequest, 'network_id'>) =>
    plugin.createSubnet({ network_id: networkId, ...request });

  describe('on create', () => {
    it('gives an IPv4 subnet the first host as gateway and every other usable address as pool', async () => {
      const subnet = await create({ cidr: '192.0.2.0/24' });
      expect(addressingOf(subnet)).toEqual({
        name: '',
        project_id: 'project-a',
        cidr: '192.0.2.0/24',
        ip_version: 4,
        gateway_ip: '192.0.2.1',
        allocation_pools: [{ start: '192.0.2.2', end: '192.0.2.254' }],
        dns_nameservers: [],
        host_routes: [],
        ipv6_address_mode: null,
        ipv6_ra_mode: null,
        enable_dhcp: true,
        subnetpool_id: null,
        service_types: [],
      });
      expect(await plugin.getSubnet(subnet.id)).toEqual(subnet);
    });

    it('gives an IPv6 /64 the gateway ::1 and the pool ::2 to its last address', async () => {
      const subnet = await create({ cidr: '2001:DB8:0::/64', name: 'v6', tenant_id: 'project-b' });
      expect(addressingOf(subnet)).toMatchObject({
        name: 'v6',
        project_id: 'project-b',
        cidr: '2001:db8::/64',
        ip_version: 6,
        gateway_ip: '2001:db8::1',
        allocation_pools: [{ start: '2001:db8::2', end: '2001:db8::ffff:ffff:ffff:ffff' }],
      });
    });

    it('pools every address after the network address when there is no gateway', async () => {
      const v4 = await create({ cidr: '192.0.2.0/24', gateway_ip: null });
      expect(v4.gateway_ip).toBeNull();
      expect(v4.allocation_pools).toEqual([{ start: '192.0.2.1', end: '192.0.2.254' }]);
      const v6 = await create({ cidr: '2001:db8::/64', gateway_ip: null });
      expect(v6.allocation_pools).toEqual([
        { start: '2001:db8::1', end: '2001:db8::ffff:ffff:ffff:ffff' },
      ]);
    });

    it('pools around a gateway elsewhere in the CIDR, and accepts one outside it', async () => {
      const inside = await create({ cidr: '2001:db8::/64', gateway_ip: '2001:db8::ffff' });
      expect(inside.allocation_pools).toEqual([
        { start: '2001:db8::1', end: '2001:db8::fffe' },
        { start: '2001:db8::1:0', end: '2001:db8::ffff:ffff:ffff:ffff' },
      ]);
      const outside = await create({ cidr: '192.0.2.0/24', gateway_ip: '198.51.100.1' });
      expect(outside.gateway_ip).toBe('198.51.100.1');
      expect(outside.allocation_pools).toEqual([{ start: '192.0.2.1', end: '192.0.2.254' }]);
    });

    it('stores what it is given, canonical', async () => {
      const subnet = await create({
        cidr: '2001:db8:1::/64',
        ip_version: 6,
        gateway_ip: '2001:DB8:1::FFFF',
        allocation_pools: [
          { start: '2001:db8:1::100', end: '2001:db8:1::1ff' },
          { start: '2001:db8:1::10', end: '2001:db8:1::1f' },
        ],
        dns_nameservers: ['2001:4860:4860:0::8888', '2001:4860:4860::8844'],
        host_routes: [{ destination: '2001:DB8:2::/48', nexthop: '2001:db8:1::fffe' }],
        ipv6_address_mode: 'dhcpv6-stateful',
        ipv6_ra_mode: 'dhcpv6-stateful',
        subnetpool_id: null,
        service_types: [],
      });
      expect(addressingOf(subnet)).toMatchObject({
        gateway_ip: '2001:db8:1::ffff',
        allocation_pools: [
          { start: '2001:db8:1::100', end: '2001:db8:1::1ff' },
          { start: '2001:db8:1::10', end: '2001:db8:1::1f' },
        ],
        dns_nameservers: ['2001:4860:4860::8888', '2001:4860:4860::8844'],
        host_routes: [{ destination: '2001:db8:2::/48', nexthop: '2001:db8:1::fffe' }],
        ipv6_address_mode: 'dhcpv6-stateful',
        ipv6_ra_mode: 'dhcpv6-stateful',
      });
    });

    it('keeps IPv4 and IPv6 subnets side by side, but no two overlapping ones', async () => {
      await create({ cidr: '10.0.0.0/24' });
      await create({ cidr: '2001:db8::/64' });
      await expect(create({ cidr: '2001:db8::/48' })).rejects.toMatchObject({
        type: 'InvalidInput',
        attribute: 'cidr',
      });
      expect((await plugin.getNetwork(networkId)).subnets).toHaveLength(2);
    });
  });

  /** [label, request, Neutron's type, HTTP status, text the message holds]. */
  const refusals: Array<[string, Omit<SubnetCreateRequest, 'network_id'>, string, number, string]> =
    [
      ['host bits set', { cidr: '10.0.0.1/24' }, 'InvalidInput', 400, '10.0.0.0/24'],
      ['a prefix length of 0', { cidr: '0.0.0.0/0' }, 'InvalidInput', 400, 'prefix length'],
      [
        'another ip_version',
        { cidr: '10.0.0.0/24', ip_version: 6 },
        'InvalidInput',
        400,
        'ip_version',
      ],
      [
        'a gateway on the network address',
        { cidr: '10.0.0.0/24', gateway_ip: '10.0.0.0' },
        'InvalidInput',
        400,
        'network address',
      ],
      [
        'a gateway on the broadcast address',
        { cidr: '10.0.0.0/24', gateway_ip: '10.0.0.255' },
        'InvalidInput',
        400,
        'broadcast address',
      ],
      [
        'a gateway of the other IP version',
        { cidr: '10.0.0.0/24', gateway_ip: '2001:db8::1' },
        'InvalidInput',
        400,
        'gateway_ip',
      ],
      [
        'a pool reaching the broadcast address',
        { cidr: '10.0.0.0/24', allocation_pools: [{ start: '10.0.0.2', end: '10.0.0.255' }] },
        'OutOfBoundsAllocationPool',
        400,
        '10.0.0.1-10.0.0.254',
      ],
      [
        'a pool outside the CIDR',
        { cidr: '10.0.0.0/24', allocation_pools: [{ start: '10.0.1.2', end: '10.0.1.9' }] },
        'OutOfBoundsAllocationPool',
        400,
        '10.0.1.2-10.0.1.9',
      ],
      [
        'a pool ending before its start',
        { cidr: '10.0.0.0/24', allocation_pools: [{ start: '10.0.0.9', end: '10.0.0.2' }] },
        'InvalidAllocationPool',
        400,
        'start lies after its end',
      ],
      [
        'a pool of the other IP version',
        { cidr: '10.0.0.0/24', allocation_pools: [{ start: '2001:db8::2', end: '2001:db8::9' }] },
        'InvalidAllocationPool',
        400,
        'IPv4',
      ],
      [
        'overlapping pools',
        {
          cidr: '10.0.0.0/24',
          allocation_pools: [
            { start: '10.0.0.2', end: '10.0.0.50' },
            { start: '10.0.0.100', end: '10.0.0.120' },
            { start: '10.0.0.40', end: '10.0.0.60' },
          ],
        },
        'OverlappingAllocationPools',
        409,
        '10.0.0.2-10.0.0.50 10.0.0.40-10.0.0.60',
      ],
      [
        'a pool holding the default gateway',
        { cidr: '10.0.0.0/24', allocation_pools: [{ start: '10.0.0.1', end: '10.0.0.9' }] },
        'GatewayConflictWithAllocationPools',
        409,
        '10.0.0.1',
      ],
      [
        'a pool holding the given gateway',
        {
          cidr: '2001:db8::/64',
          gateway_ip: '2001:db8::5',
          allocation_pools: [{ start: '2001:db8::2', end: '2001:db8::9' }],
        },
        'GatewayConflictWithAllocationPools',
        409,
        '2001:db8::5',
      ],
      [
        'six DNS servers',
        {
          cidr: '10.0.0.0/24',
          dns_nameservers: ['1', '2', '3', '4', '5', '6'].map((n) => `10.1.0.${n}`),
        },
        'DNSNameServersExhausted',
        400,
        'limit 5',
      ],
      [
        'a DNS server twice',
        { cidr: '10.0.0.0/24', dns_nameservers: ['10.1.0.1', '10.1.0.1'] },
        'InvalidInput',
        400,
        'dns_nameservers[1]',
      ],
      [
        'a DNS server of the other IP version',
        { cidr: '10.0.0.0/24', dns_nameservers: ['2001:4860:4860::8888'] },
        'InvalidInput',
        400,
        'dns_nameservers[0]',
      ],
      [
        '21 host routes',
        {
          cidr: '10.0.0.0/24',
          host_routes: Array.from({ length: 21 }, (_, n) => ({
            destination: `10.${n + 10}.0.0/16`,
            nexthop: '10.0.0.1',
          })),
        },
        'HostRoutesExhausted',
        400,
        'limit 20',
      ],
      [
        'a host route twice',
        {
          cidr: '10.0.0.0/24',
          host_routes: [
            { destination: '0.0.0.0/0', nexthop: '10.0.0.1' },
            { nexthop: '10.0.0.1', destination: '0.0.0.0/0' },
          ],
        },
        'InvalidInput',
        400,
        'host_routes[1]',
      ],
      [
        'a host route via the other IP version',
        {
          cidr: '10.0.0.0/24',
          host_routes: [{ destination: '0.0.0.0/0', nexthop: '2001:db8::1' }],
        },
        'InvalidInput',
        400,
        'nexthop',
      ],
      [
        'an IPv6 mode on IPv4',
        { cidr: '10.0.0.0/24', ipv6_ra_mode: 'slaac' },
        'InvalidInput',
        400,
        'ipv6_ra_mode is not valid when ip_version is 4',
      ],
      [
        'two different IPv6 modes',
        { cidr: '2001:db8::/64', ipv6_ra_mode: 'slaac', ipv6_address_mode: 'dhcpv6-stateful' },
        'InvalidInput',
        400,
        'must be the same value',
      ],
      [
        'an IPv6 mode without DHCP',
        { cidr: '2001:db8::/64', ipv6_address_mode: 'dhcpv6-stateful', enable_dhcp: false },
        'InvalidInput',
        400,
        'enable_dhcp',
      ],
      [
        'SLAAC on a prefix other than /64',
        { cidr: '2001:db8::/80', ipv6_address_mode: 'slaac' },
        'InvalidInput',
        400,
        '/64',
      ],
      [
        'a subnet pool',
        { cidr: '10.0.0.0/24', subnetpool_id: 'pool-1' as unknown as null },
        'InvalidInput',
        400,
        'subnet pools',
      ],
      [
        'service types',
        { cidr: '10.0.0.0/24', service_types: ['compute:nova'] },
        'InvalidInput',
        400,
        'service types',
      ],
    ];

  it.each(refusals)('refuses %s, writing nothing', async (_label, request, type, status, text) => {
    const before = await dumpDatabase(engine);
    const error = (await create(request).catch((caught: unknown) => caught)) as Ml2Error;
    expect(error).toMatchObject({ type, httpStatus: status });
    expect(error.message).toContain(text);
    expect(await dumpDatabase(engine)).toEqual(before);
  });

  it('takes its list limits from the configuration', async () => {
    await engine.close();
    engine = await startTestEngine([], {
      DEFAULT: { max_dns_nameservers: 1, max_subnet_host_routes: 0 },
    });
    plugin = engine.plugin;
    networkId = (await plugin.createNetwork({})).id;
    await expect(
      create({ cidr: '10.0.0.0/24', dns_nameservers: ['10.1.0.1', '10.1.0.2'] }),
    ).rejects.toMatchObject({
      type: 'DNSNameServersExhausted',
      message: expect.stringContaining('new subnet'),
    });
    await expect(
      create({
        cidr: '10.0.0.0/24',
        host_routes: [{ destination: '0.0.0.0/0', nexthop: '10.0.0.1' }],
      }),
    ).rejects.toMatchObject({ type: 'HostRoutesExhausted' });
    expect(
      (await create({ cidr: '10.0.0.0/24', dns_nameservers: ['10.1.0.1'] })).dns_nameservers,
    ).toEqual(['10.1.0.1']);
  });

  describe('on update', () => {
    let subnet: SubnetResource;
    beforeEach(async () => {
      subnet = await create({ cidr: '10.0.0.0/24' });
    });

    it('changes the name, DNS servers, host routes and DHCP flag', async () => {
      const updated = await plugin.updateSubnet(subnet.id, {
        name: 'blue',
        dns_nameservers: ['10.1.0.53'],
        host_routes: [{ destination: '10.2.0.0/16', nexthop: '10.0.0.254' }],
        enable_dhcp: false,
      });
      expect(addressingOf(updated)).toEqual({
        ...addressingOf(subnet),
        name: 'blue',
        dns_nameservers: ['10.1.0.53'],
        host_routes: [{ destination: '10.2.0.0/16', nexthop: '10.0.0.254' }],
        enable_dhcp: false,
      });
      expect(addressingOf(await plugin.getSubnet(subnet.id))).toEqual(addressingOf(updated));
    });

    it('moves the gateway, but not into a pool', async () => {
      const before = await dumpDatabase(engine);
      await expect(
        plugin.updateSubnet(subnet.id, { gateway_ip: '10.0.0.9' }),
      ).rejects.toMatchObject({ type: 'GatewayConflictWithAllocationPools', httpStatus: 409 });
      expect(await dumpDatabase(engine)).toEqual(before);
      const moved = await plugin.updateSubnet(subnet.id, {
        gateway_ip: '10.0.0.254',
        allocation_pools: [{ start: '10.0.0.1', end: '10.0.0.253' }],
      });
      expect(moved.gateway_ip).toBe('10.0.0.254');
      expect((await plugin.updateSubnet(subnet.id, { gateway_ip: null })).gateway_ip).toBeNull();
    });

    it('replaces the pools, leaving addresses ports hold outside them to the ports', async () => {
      const port = await plugin.createPort({ network_id: networkId });
      expect(port.fixed_ips).toEqual([{ ip_address: '10.0.0.2', subnet_id: subnet.id }]);
      const updated = await plugin.updateSubnet(subnet.id, {
        allocation_pools: [{ start: '10.0.0.100', end: '10.0.0.110' }],
      });
      expect(updated.allocation_pools).toEqual([{ start: '10.0.0.100', end: '10.0.0.110' }]);
      expect((await plugin.getPort(port.id)).fixed_ips).toEqual(port.fixed_ips);
      const next = await plugin.createPort({ network_id: networkId });
      expect(next.fixed_ips).toEqual([{ ip_address: '10.0.0.100', subnet_id: subnet.id }]);
    });

    it.each([
      [
        { allocation_pools: [{ start: '10.0.0.1', end: '10.0.0.9' }] },
        'GatewayConflictWithAllocationPools',
      ],
      [{ allocation_pools: [{ start: '10.0.0.2', end: '10.0.1.9' }] }, 'OutOfBoundsAllocationPool'],
      [{ gateway_ip: '10.0.0.255' }, 'InvalidInput'],
      [
        { dns_nameservers: ['1', '2', '3', '4', '5', '6'].map((n) => `10.1.0.${n}`) },
        'DNSNameServersExhausted',
      ],
    ])('refuses %j with %s, writing nothing', async (request, type) => {
      const before = await dumpDatabase(engine);
      const error = await plugin
        .updateSubnet(subnet.id, request)
        .catch((caught: unknown) => caught);
      expect(error).toMatchObject({ type });
      if (type === 'DNSNameServersExhausted') expect((error as Error).message).toContain(subnet.id);
      expect(await dumpDatabase(engine)).toEqual(before);
    });

    it('refuses to change what is fixed at create, but accepts the stored values', async () => {
      const v6 = await create({ cidr: '2001:db8::/64', ipv6_address_mode: 'slaac' });
      for (const request of [
        { ipv6_address_mode: 'dhcpv6-stateful' as const },
        { ipv6_ra_mode: 'slaac' as const },
        { cidr: '2001:db8:1::/64' },
      ]) {
        const error = await plugin.updateSubnet(v6.id, request).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(AttributeNotUpdatable);
      }
      const same = await plugin.updateSubnet(v6.id, {
        cidr: '2001:DB8:0::/64',
        ipv6_address_mode: 'slaac',
        ipv6_ra_mode: null,
        subnetpool_id: null,
        name: 'same',
      });
      expect(same.name).toBe('same');
      await expect(
        (plugin as unknown as Untyped).updateSubnet(v6.id, { project_id: 'other' }),
      ).rejects.toBeInstanceOf(AttributeNotUpdatable);
    });

    it('keeps DHCP on while the subnet has an IPv6 mode', async () => {
      const v6 = await create({ cidr: '2001:db8::/64', ipv6_ra_mode: 'slaac' });
      await expect(plugin.updateSubnet(v6.id, { enable_dhcp: false })).rejects.toMatchObject({
        type: 'InvalidInput',
        message: expect.stringContaining('Cannot disable enable_dhcp'.toLowerCase()),
      });
    });
  });
});
