import {
  DeviceOwner,
  type FixedIpResource,
  type Ml2Error,
  type PortCreateRequest,
  type RandomSource,
  type SubnetCreateRequest,
} from '@ml2ts/driver-api';
import { EntitySubnetRepository } from '../repositories/entity-subnet-repository';
import { dumpDatabase, startTestEngine, type TestEngine } from '../test-support/test-engine';
import { type Ml2Plugin } from './ml2-plugin';

/** The addresses of a port, without subnet ids. */
const addresses = (fixedIps: readonly FixedIpResource[]) => fixedIps.map((ip) => ip.ip_address);

describe('IP address management for ports', () => {
  let engine: TestEngine;
  let plugin: Ml2Plugin;
  let networkId: string;

  async function start(random?: RandomSource): Promise<void> {
    engine = await startTestEngine([], {}, { random });
    plugin = engine.plugin;
    networkId = (await plugin.createNetwork({})).id;
  }
  afterEach(async () => engine?.close());

  const subnet = (request: Omit<SubnetCreateRequest, 'network_id'>) =>
    plugin.createSubnet({ network_id: networkId, ...request });
  const port = (request: Omit<PortCreateRequest, 'network_id'> = {}) =>
    plugin.createPort({ network_id: networkId, ...request });

  describe('without fixed_ips', () => {
    beforeEach(() => start());

    it('gives no address on a network without subnets', async () => {
      expect((await port()).fixed_ips).toEqual([]);
    });

    it('gives a free pool address of the IPv4 subnet, and frees it with the port', async () => {
      const v4 = await subnet({ cidr: '10.0.0.0/24' });
      const first = await port();
      expect(first.fixed_ips).toEqual([{ ip_address: '10.0.0.2', subnet_id: v4.id }]);
      expect(addresses((await port()).fixed_ips)).toEqual(['10.0.0.3']);
      await plugin.deletePort(first.id);
      expect(addresses((await port()).fixed_ips)).toEqual(['10.0.0.2']);
    });

    it('takes the first subnet with room, in creation order', async () => {
      const full = await subnet({
        cidr: '10.0.0.0/24',
        allocation_pools: [{ start: '10.0.0.10', end: '10.0.0.10' }],
      });
      const next = await subnet({ cidr: '10.0.1.0/24' });
      expect((await port()).fixed_ips).toEqual([{ ip_address: '10.0.0.10', subnet_id: full.id }]);
      expect((await port()).fixed_ips).toEqual([{ ip_address: '10.0.1.2', subnet_id: next.id }]);
    });

    it('gives one IPv4, one DHCPv6-stateful and every EUI-64 address', async () => {
      const v4 = await subnet({ cidr: '10.0.0.0/24' });
      const slaac = await subnet({ cidr: '2001:db8:1::/64', ipv6_address_mode: 'slaac' });
      const stateful = await subnet({
        cidr: '2001:db8:2::/64',
        ipv6_address_mode: 'dhcpv6-stateful',
      });
      const stateless = await subnet({ cidr: '2001:db8:3::/64', ipv6_ra_mode: 'dhcpv6-stateless' });
      await subnet({ cidr: '2001:db8:4::/64' });
      const created = await port({ mac_address: 'fa:16:3e:11:22:33' });
      expect(created.fixed_ips).toEqual([
        { ip_address: '10.0.0.2', subnet_id: v4.id },
        { ip_address: '2001:db8:2::2', subnet_id: stateful.id },
        { ip_address: '2001:db8:1:0:f816:3eff:fe11:2233', subnet_id: slaac.id },
        { ip_address: '2001:db8:3:0:f816:3eff:fe11:2233', subnet_id: stateless.id },
      ]);
      expect((await plugin.getPort(created.id)).fixed_ips).toEqual(created.fixed_ips);
    });

    it('leaves router interfaces without EUI-64 addresses', async () => {
      await subnet({ cidr: '2001:db8:1::/64', ipv6_address_mode: 'slaac' });
      const router = await port({ device_owner: DeviceOwner.ROUTER_INTERFACE });
      expect(router.fixed_ips).toEqual([]);
    });

    it('fails with IpAddressGenerationFailure once a /29 is full, writing nothing', async () => {
      await subnet({ cidr: '10.0.0.0/29' });
      const taken: string[] = [];
      for (let count = 0; count < 5; count += 1) taken.push(...addresses((await port()).fixed_ips));
      expect(taken).toEqual(['10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5', '10.0.0.6']);
      const before = await dumpDatabase(engine);
      const error = (await port().catch((caught: unknown) => caught)) as Ml2Error;
      expect(error).toMatchObject({ type: 'IpAddressGenerationFailure', httpStatus: 409 });
      expect(error.message).toContain(networkId);
      expect(await dumpDatabase(engine)).toEqual(before);
    });
  });

  describe('with the random source', () => {
    it('chooses the address it draws among the free ones', async () => {
      const bounds: number[] = [];
      await start({
        nextInt: (bound) => {
          bounds.push(bound);
          return bound - 1;
        },
      });
      await subnet({ cidr: '10.0.0.0/24' });
      expect(addresses((await port()).fixed_ips)).toEqual(['10.0.0.254']);
      expect(addresses((await port()).fixed_ips)).toEqual(['10.0.0.253']);
      // Drawn below the free count: 253 pool addresses, then one fewer.
      expect(bounds.slice(-2)).toEqual([253, 252]);
    });

    it('draws uniformly in an IPv6 /64 without enumerating it', async () => {
      let draws = 0;
      await start({
        nextInt: (bound) => {
          draws += 1;
          return Math.min(bound - 1, 7);
        },
      });
      await subnet({ cidr: '2001:db8::/64', ipv6_address_mode: 'dhcpv6-stateful' });
      draws = 0;
      const created = await port();
      // Three 32-bit draws of 7 give 7·2^64 + 7·2^32 + 7, modulo the pool size 2^64 - 2.
      expect(addresses(created.fixed_ips)).toEqual(['2001:db8::7:0:17']);
      expect(draws).toBe(3);
    });
  });

  describe('with fixed_ips', () => {
    beforeEach(() => start());

    it('gives a free address of a subnet named without an address', async () => {
      await subnet({ cidr: '10.0.0.0/24' });
      const other = await subnet({ cidr: '10.0.1.0/24' });
      const created = await port({ fixed_ips: [{ subnet_id: other.id }, { subnet_id: other.id }] });
      expect(created.fixed_ips).toEqual([
        { ip_address: '10.0.1.2', subnet_id: other.id },
        { ip_address: '10.0.1.3', subnet_id: other.id },
      ]);
    });

    it('finds the subnet of an address given without one', async () => {
      await subnet({ cidr: '10.0.0.0/24' });
      const v6 = await subnet({ cidr: '2001:db8::/64' });
      const created = await port({
        fixed_ips: [{ ip_address: '2001:DB8::0:50' }, { ip_address: '2001:db8::1' }],
      });
      expect(created.fixed_ips).toEqual([
        { ip_address: '2001:db8::50', subnet_id: v6.id },
        // The gateway address may be given.
        { ip_address: '2001:db8::1', subnet_id: v6.id },
      ]);
    });

    it('gives every autoconfigured subnet its EUI-64 address, even with an empty list', async () => {
      const v4 = await subnet({ cidr: '10.0.0.0/24' });
      const slaac = await subnet({ cidr: '2001:db8::/64', ipv6_ra_mode: 'slaac' });
      const eui64 = { ip_address: '2001:db8::f816:3eff:fe00:1', subnet_id: slaac.id };
      expect((await port({ fixed_ips: [] })).fixed_ips).toEqual([eui64]);
      const named = await port({ fixed_ips: [{ subnet_id: v4.id }, { subnet_id: slaac.id }] });
      expect(named.fixed_ips).toEqual([
        { ip_address: '10.0.0.2', subnet_id: v4.id },
        { ip_address: '2001:db8::f816:3eff:fe00:2', subnet_id: slaac.id },
      ]);
    });

    it('lets only router interfaces pick their address on an autoconfigured subnet', async () => {
      const slaac = await subnet({ cidr: '2001:db8::/64', ipv6_address_mode: 'slaac' });
      const error = await port({
        fixed_ips: [{ subnet_id: slaac.id, ip_address: '2001:db8::5' }],
      }).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ type: 'AllocationOnAutoAddressSubnet', httpStatus: 400 });
      const router = await port({
        device_owner: DeviceOwner.ROUTER_INTERFACE,
        fixed_ips: [{ subnet_id: slaac.id, ip_address: '2001:db8::' }],
      });
      expect(addresses(router.fixed_ips)).toEqual(['2001:db8::']);
    });

    /** [label, fixed_ips (SUBNET stands for the IPv4 subnet), type, status]. */
    const refusals: Array<
      [string, (subnetId: string) => PortCreateRequest['fixed_ips'], string, number]
    > = [
      [
        'an address no subnet holds',
        () => [{ ip_address: '10.9.9.9' }],
        'InvalidIpForNetwork',
        400,
      ],
      [
        'the network address',
        (id) => [{ subnet_id: id, ip_address: '10.0.0.0' }],
        'InvalidIpForSubnet',
        400,
      ],
      [
        'the broadcast address',
        (id) => [{ subnet_id: id, ip_address: '10.0.0.255' }],
        'InvalidIpForSubnet',
        400,
      ],
      [
        'the network address without subnet',
        () => [{ ip_address: '10.0.0.0' }],
        'InvalidIpForNetwork',
        400,
      ],
      [
        'an address outside the named subnet',
        (id) => [{ subnet_id: id, ip_address: '10.0.1.5' }],
        'InvalidIpForSubnet',
        400,
      ],
      ['an entry naming nothing', () => [{}], 'InvalidInput', 400],
      ['an unknown subnet', () => [{ subnet_id: 'nope' }], 'SubnetNotFound', 404],
      [
        'an address held by another port',
        () => [{ ip_address: '10.0.0.2' }],
        'IpAddressInUse',
        409,
      ],
      [
        'one address twice',
        () => [{ ip_address: '10.0.0.7' }, { ip_address: '10.0.0.7' }],
        'InvalidInput',
        400,
      ],
    ];

    it.each(refusals)('refuses %s, writing nothing', async (_label, fixedIps, type, status) => {
      const v4 = await subnet({ cidr: '10.0.0.0/24' });
      await port();
      const before = await dumpDatabase(engine);
      const error = await port({ fixed_ips: fixedIps(v4.id) }).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ type, httpStatus: status });
      expect(await dumpDatabase(engine)).toEqual(before);
    });

    it('names the full subnet a port asked for', async () => {
      const small = await subnet({ cidr: '10.0.0.0/30' });
      await subnet({ cidr: '10.0.1.0/24' });
      await port({ fixed_ips: [{ subnet_id: small.id }] });
      const error = (await port({ fixed_ips: [{ subnet_id: small.id }] }).catch(
        (caught: unknown) => caught,
      )) as Ml2Error;
      expect(error).toMatchObject({ type: 'IpAddressGenerationFailure', httpStatus: 409 });
      expect(error.message).toContain(small.id);
    });
  });

  describe('on update', () => {
    beforeEach(() => start());

    it('keeps the port address on a subnet it names again, and adds the ones it asks for', async () => {
      const v4 = await subnet({ cidr: '10.0.0.0/24' });
      const created = await port({ fixed_ips: [{ ip_address: '10.0.0.20' }] });
      await port();
      const updated = await plugin.updatePort(created.id, {
        fixed_ips: [{ subnet_id: v4.id }, { subnet_id: v4.id }],
      });
      expect(updated.fixed_ips).toEqual([
        { ip_address: '10.0.0.20', subnet_id: v4.id },
        { ip_address: '10.0.0.3', subnet_id: v4.id },
      ]);
    });

    it('releases what the list leaves out, for any other port to take', async () => {
      const v4 = await subnet({ cidr: '10.0.0.0/24' });
      const first = await port({ fixed_ips: [{ ip_address: '10.0.0.2' }] });
      const second = await port({ fixed_ips: [{ ip_address: '10.0.0.3' }] });
      await expect(
        plugin.updatePort(second.id, { fixed_ips: [{ ip_address: '10.0.0.2' }] }),
      ).rejects.toMatchObject({ type: 'IpAddressInUse' });
      const moved = await plugin.updatePort(first.id, {
        fixed_ips: [{ subnet_id: v4.id, ip_address: '10.0.0.9' }],
      });
      expect(addresses(moved.fixed_ips)).toEqual(['10.0.0.9']);
      expect(
        addresses(
          (await plugin.updatePort(second.id, { fixed_ips: [{ ip_address: '10.0.0.2' }] }))
            .fixed_ips,
        ),
      ).toEqual(['10.0.0.2']);
    });

    it('keeps EUI-64 addresses the list leaves out, and derives them anew with a new MAC', async () => {
      const v4 = await subnet({ cidr: '10.0.0.0/24' });
      const slaac = await subnet({ cidr: '2001:db8::/64', ipv6_address_mode: 'slaac' });
      const created = await port({ mac_address: 'fa:16:3e:11:22:33' });
      expect(addresses(created.fixed_ips)).toEqual(['10.0.0.2', '2001:db8::f816:3eff:fe11:2233']);
      const emptied = await plugin.updatePort(created.id, { fixed_ips: [] });
      expect(emptied.fixed_ips).toEqual([
        { ip_address: '2001:db8::f816:3eff:fe11:2233', subnet_id: slaac.id },
      ]);
      const renumbered = await plugin.updatePort(created.id, { mac_address: 'fa:16:3e:44:55:66' });
      expect(renumbered.fixed_ips).toEqual([
        { ip_address: '2001:db8::f816:3eff:fe44:5566', subnet_id: slaac.id },
      ]);
      const both = await plugin.updatePort(created.id, {
        mac_address: 'fa:16:3e:77:88:99',
        fixed_ips: [{ subnet_id: v4.id }],
      });
      expect(addresses(both.fixed_ips)).toEqual(['10.0.0.2', '2001:db8::f816:3eff:fe77:8899']);
    });

    it('fails on a full subnet without touching the port', async () => {
      const small = await subnet({ cidr: '10.0.0.0/30' });
      const created = await port();
      await port({ fixed_ips: [] });
      const before = await dumpDatabase(engine);
      await expect(
        plugin.updatePort(created.id, {
          fixed_ips: [{ subnet_id: small.id }, { subnet_id: small.id }],
        }),
      ).rejects.toMatchObject({ type: 'IpAddressGenerationFailure' });
      expect(await dumpDatabase(engine)).toEqual(before);
    });
  });

  describe('autoconfigured subnets and the ports already there', () => {
    beforeEach(() => start());

    it('give every port but router interfaces its EUI-64 address when created', async () => {
      const v4 = await subnet({ cidr: '10.0.0.0/24' });
      const vm = await port({ mac_address: 'fa:16:3e:11:22:33' });
      const router = await port({ device_owner: DeviceOwner.ROUTER_INTERFACE });
      const slaac = await subnet({ cidr: '2001:db8::/64', ipv6_address_mode: 'slaac' });
      expect((await plugin.getPort(vm.id)).fixed_ips).toEqual([
        { ip_address: '10.0.0.2', subnet_id: v4.id },
        { ip_address: '2001:db8::f816:3eff:fe11:2233', subnet_id: slaac.id },
      ]);
      expect((await plugin.getPort(router.id)).fixed_ips).toEqual(router.fixed_ips);
    });

    it('take the EUI-64 addresses with them when deleted, unless a router interface holds one', async () => {
      const v4 = await subnet({ cidr: '10.0.0.0/24' });
      const slaac = await subnet({ cidr: '2001:db8::/64', ipv6_ra_mode: 'slaac' });
      const vm = await port();
      expect(vm.fixed_ips).toHaveLength(2);
      await plugin.deleteSubnet(slaac.id);
      expect((await plugin.getPort(vm.id)).fixed_ips).toEqual([
        { ip_address: '10.0.0.2', subnet_id: v4.id },
      ]);
      const again = await subnet({ cidr: '2001:db8::/64', ipv6_ra_mode: 'slaac' });
      await port({
        device_owner: DeviceOwner.ROUTER_INTERFACE,
        fixed_ips: [{ subnet_id: again.id, ip_address: '2001:db8::1' }],
      });
      const before = await dumpDatabase(engine);
      await expect(plugin.deleteSubnet(again.id)).rejects.toMatchObject({ type: 'SubnetInUse' });
      expect(await dumpDatabase(engine)).toEqual(before);
    });
  });

  describe('when another writer takes the chosen address first', () => {
    beforeEach(() => start());
    afterEach(() => jest.restoreAllMocks());

    it('chooses again in a new transaction', async () => {
      const v4 = await subnet({ cidr: '10.0.0.0/24' });
      await port();
      // The first read misses the address the other port holds, as a read made just before
      // a concurrent writer committed it does.
      const reads = jest
        .spyOn(EntitySubnetRepository.prototype, 'allocatedAddresses')
        .mockImplementationOnce(async () => []);
      const created = await port();
      expect(created.fixed_ips).toEqual([{ ip_address: '10.0.0.3', subnet_id: v4.id }]);
      expect(reads).toHaveBeenCalledTimes(2);
      expect((await plugin.listPorts()).map((listed) => addresses(listed.fixed_ips))).toEqual([
        ['10.0.0.2'],
        ['10.0.0.3'],
      ]);
    });

    it('chooses again on update too', async () => {
      const v4 = await subnet({ cidr: '10.0.0.0/24' });
      await port();
      const created = await port({ fixed_ips: [] });
      jest
        .spyOn(EntitySubnetRepository.prototype, 'allocatedAddresses')
        .mockImplementationOnce(async () => []);
      const updated = await plugin.updatePort(created.id, { fixed_ips: [{ subnet_id: v4.id }] });
      expect(addresses(updated.fixed_ips)).toEqual(['10.0.0.3']);
    });

    it('gives up with IpAddressInUse after a bounded number of lost races, writing nothing', async () => {
      await subnet({ cidr: '10.0.0.0/24' });
      await port();
      const reads = jest
        .spyOn(EntitySubnetRepository.prototype, 'allocatedAddresses')
        .mockImplementation(async () => []);
      const before = await dumpDatabase(engine);
      await expect(port()).rejects.toMatchObject({ type: 'IpAddressInUse', httpStatus: 409 });
      expect(reads).toHaveBeenCalledTimes(10);
      reads.mockRestore();
      expect(await dumpDatabase(engine)).toEqual(before);
    });
  });

  it('gives concurrent creates distinct addresses until the subnet is full', async () => {
    await start();
    await subnet({ cidr: '10.0.0.0/29' });
    const outcomes = await Promise.allSettled(Array.from({ length: 6 }, () => port()));
    const created = outcomes.flatMap((outcome) =>
      outcome.status === 'fulfilled' ? addresses(outcome.value.fixed_ips) : [],
    );
    expect(created.sort()).toEqual(['10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5', '10.0.0.6']);
    const failures = outcomes.flatMap((outcome) =>
      outcome.status === 'rejected' ? [outcome.reason as Ml2Error] : [],
    );
    expect(failures.map((failure) => failure.type)).toEqual(['IpAddressGenerationFailure']);
  });
});
