import {
  AttributeNotUpdatable,
  InvalidInput,
  type Logger,
  type MechanismDriver,
  MechanismDriverError,
  type NetworkContext,
  NetworkNotFound,
  type SubnetContext,
  SubnetInUse,
  SubnetNotFound,
} from '@ml2ts/driver-api';
import { dumpDatabase, startTestEngine, type TestEngine } from '../test-support/test-engine';

/** A logger that keeps the errors it is given. */
function errorLog(): { logger: Logger; messages: string[] } {
  const messages: string[] = [];
  const ignore = () => undefined;
  return {
    messages,
    logger: {
      debug: ignore,
      info: ignore,
      warn: ignore,
      error: (message) => messages.push(message),
    },
  };
}

/** A driver that only has the given hooks (no `bindPort`). */
function hooksDriver(name: string, hooks: Partial<MechanismDriver>): MechanismDriver {
  return { name, connectivity: 'l2', ...hooks };
}

const refuse = (what: string) => () => {
  throw new Error(`${what} refused by the driver`);
};

describe('network and subnet hooks keep the transaction rules of the port hooks', () => {
  let engine: TestEngine;
  afterEach(async () => engine?.close());

  async function start(drivers: MechanismDriver[]) {
    const log = errorLog();
    engine = await startTestEngine(drivers, {}, { logger: log.logger });
    return { plugin: engine.plugin, log };
  }

  describe('updateNetwork', () => {
    it('runs updateNetworkPrecommit with the updated network as current and the stored one as original', async () => {
      const seen: NetworkContext[] = [];
      const { plugin } = await start([
        hooksDriver('watcher', { updateNetworkPrecommit: (context) => void seen.push(context) }),
      ]);
      const network = await plugin.createNetwork({ name: 'before', mtu: 1400 });
      const updated = await plugin.updateNetwork(network.id, {
        name: 'after',
        admin_state_up: false,
        mtu: 1300,
        'router:external': true,
      });
      expect(updated).toMatchObject({
        name: 'after',
        admin_state_up: false,
        mtu: 1300,
        'router:external': true,
      });
      expect(seen).toHaveLength(1);
      expect(seen[0].current).toMatchObject({
        id: network.id,
        name: 'after',
        adminStateUp: false,
        mtu: 1300,
        routerExternal: true,
      });
      expect(seen[0].original).toMatchObject({
        name: 'before',
        adminStateUp: true,
        mtu: 1400,
        routerExternal: false,
      });
      expect(seen[0].networkSegments.map((segment) => segment.networkType)).toEqual(['vxlan']);
      expect(await plugin.getNetwork(network.id)).toEqual(updated);
    });

    it('rolls the whole update back when a precommit throws, and the caller gets a MechanismDriverError', async () => {
      const postcommits: string[] = [];
      const { plugin } = await start([
        hooksDriver('first', { updateNetworkPostcommit: () => void postcommits.push('first') }),
        hooksDriver('second', { updateNetworkPrecommit: refuse('update') }),
      ]);
      const network = await plugin.createNetwork({ name: 'before' });
      const before = await dumpDatabase(engine);
      const error = await plugin
        .updateNetwork(network.id, { name: 'after' })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(MechanismDriverError);
      expect(error).toMatchObject({ httpStatus: 500 });
      expect((error as Error).message).toMatch(/second\.updateNetworkPrecommit.*refused/);
      expect(await dumpDatabase(engine)).toEqual(before);
      expect(postcommits).toEqual([]);
    });

    it('runs updateNetworkPostcommit after the commit, with original set', async () => {
      const seen: Array<{ stored: string; original: string | undefined }> = [];
      const watcher = hooksDriver('watcher', {
        updateNetworkPostcommit: async (context) => {
          // Outside the transaction: a read sees the committed update.
          const stored = await engine.plugin.getNetwork(context.current.id);
          seen.push({ stored: stored.name, original: context.original?.name });
        },
      });
      const { plugin } = await start([watcher]);
      const network = await plugin.createNetwork({ name: 'before' });
      await plugin.updateNetwork(network.id, { name: 'after' });
      expect(seen).toEqual([{ stored: 'after', original: 'before' }]);
    });

    it('logs a postcommit failure, still calls every driver, and the update succeeds', async () => {
      const called: string[] = [];
      const { plugin, log } = await start([
        hooksDriver('broken', {
          updateNetworkPostcommit: () => {
            called.push('broken');
            throw new Error('switch unreachable');
          },
        }),
        hooksDriver('fine', { updateNetworkPostcommit: () => void called.push('fine') }),
      ]);
      const network = await plugin.createNetwork({ name: 'before' });
      const updated = await plugin.updateNetwork(network.id, { name: 'after' });
      expect(updated.name).toBe('after');
      expect((await plugin.getNetwork(network.id)).name).toBe('after');
      expect(called).toEqual(['broken', 'fine']);
      expect(log.messages).toContain('update_network_postcommit failed');
    });

    it('refuses to change provider attributes, segments or vlan_transparent, naming the attribute', async () => {
      const { plugin } = await start([]);
      const network = await plugin.createNetwork({
        'provider:network_type': 'vlan',
        'provider:physical_network': 'physnet1',
        'provider:segmentation_id': 120,
      });
      const before = await dumpDatabase(engine);
      const refused: Array<[Record<string, unknown>, string]> = [
        [{ 'provider:network_type': 'vxlan' }, 'provider:network_type'],
        [{ 'provider:physical_network': 'physnet2' }, 'provider:physical_network'],
        [{ 'provider:segmentation_id': 121 }, 'provider:segmentation_id'],
        [{ segments: [{ 'provider:network_type': 'vxlan' }] }, 'segments'],
        [{ vlan_transparent: true }, 'vlan_transparent'],
      ];
      for (const [request, attribute] of refused) {
        const error = await plugin
          .updateNetwork(network.id, { name: 'renamed', ...request })
          .catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(AttributeNotUpdatable);
        expect(error).toBeInstanceOf(InvalidInput);
        expect(error).toMatchObject({ type: 'InvalidInput', httpStatus: 400, attribute });
        expect((error as Error).message).toContain(attribute);
      }
      expect(await dumpDatabase(engine)).toEqual(before);
      // The stored values sent back, or nulls, are not a change.
      const updated = await plugin.updateNetwork(network.id, {
        name: 'renamed',
        'provider:network_type': 'vlan',
        'provider:physical_network': 'physnet1',
        'provider:segmentation_id': null,
        segments: [
          {
            'provider:network_type': 'vlan',
            'provider:physical_network': 'physnet1',
            'provider:segmentation_id': 120,
          },
        ],
        vlan_transparent: false,
      });
      expect(updated.name).toBe('renamed');
    });

    it('checks the MTU against the segments, and null restores the largest one', async () => {
      const { plugin } = await start([]);
      const network = await plugin.createNetwork({ mtu: 1400 });
      await expect(plugin.updateNetwork(network.id, { mtu: 9000 })).rejects.toBeInstanceOf(
        InvalidInput,
      );
      await expect(plugin.updateNetwork(network.id, { mtu: 60 })).rejects.toBeInstanceOf(
        InvalidInput,
      );
      expect((await plugin.updateNetwork(network.id, { mtu: null as unknown as number })).mtu).toBe(
        1450,
      );
    });

    it('answers NetworkNotFound for an unknown network', async () => {
      const { plugin } = await start([]);
      await expect(plugin.updateNetwork('no-such-network', { name: 'x' })).rejects.toBeInstanceOf(
        NetworkNotFound,
      );
    });
  });

  describe('createSubnet', () => {
    it('runs createSubnetPrecommit with the subnet and its network', async () => {
      const seen: SubnetContext[] = [];
      const { plugin } = await start([
        hooksDriver('watcher', { createSubnetPrecommit: (context) => void seen.push(context) }),
      ]);
      const network = await plugin.createNetwork({ name: 'net1' });
      const subnet = await plugin.createSubnet({ network_id: network.id, cidr: '10.0.0.0/24' });
      expect(seen).toHaveLength(1);
      expect(seen[0].current).toEqual({
        id: subnet.id,
        networkId: network.id,
        cidr: '10.0.0.0/24',
        ipVersion: 4,
        segmentId: null,
        enableDhcp: true,
        name: '',
        gatewayIp: '10.0.0.1',
        allocationPools: [{ start: '10.0.0.2', end: '10.0.0.254' }],
        dnsNameservers: [],
        hostRoutes: [],
        ipv6AddressMode: null,
        ipv6RaMode: null,
      });
      expect(seen[0].original).toBeNull();
      expect(seen[0].network.current).toMatchObject({ id: network.id, name: 'net1' });
      expect(seen[0].network.original).toBeNull();
      expect(seen[0].network.networkSegments).toHaveLength(1);
    });

    it('stores nothing when a precommit throws, and the caller gets a MechanismDriverError', async () => {
      const postcommits: string[] = [];
      const { plugin } = await start([
        hooksDriver('first', { createSubnetPostcommit: () => void postcommits.push('first') }),
        hooksDriver('second', { createSubnetPrecommit: refuse('subnet') }),
      ]);
      const network = await plugin.createNetwork({});
      const before = await dumpDatabase(engine);
      await expect(
        plugin.createSubnet({ network_id: network.id, cidr: '10.0.0.0/24' }),
      ).rejects.toBeInstanceOf(MechanismDriverError);
      expect(await dumpDatabase(engine)).toEqual(before);
      expect(postcommits).toEqual([]);
    });

    it('runs createSubnetPostcommit after the commit', async () => {
      const stored: string[] = [];
      const { plugin } = await start([
        hooksDriver('watcher', {
          createSubnetPostcommit: async (context) => {
            stored.push((await engine.plugin.getSubnet(context.current.id)).cidr);
          },
        }),
      ]);
      const network = await plugin.createNetwork({});
      await plugin.createSubnet({ network_id: network.id, cidr: '10.0.0.0/24' });
      expect(stored).toEqual(['10.0.0.0/24']);
    });

    it('deletes the subnet again (through the delete hooks) when a postcommit throws, and stops at that driver', async () => {
      const calls: string[] = [];
      const { plugin } = await start([
        hooksDriver('broken', {
          createSubnetPostcommit: () => {
            calls.push('broken.createSubnetPostcommit');
            throw new Error('switch unreachable');
          },
          deleteSubnetPrecommit: (context) =>
            void calls.push(`broken.deleteSubnetPrecommit ${context.current.cidr}`),
          deleteSubnetPostcommit: (context) =>
            void calls.push(`broken.deleteSubnetPostcommit ${context.current.cidr}`),
        }),
        hooksDriver('later', {
          createSubnetPostcommit: () => void calls.push('later.createSubnetPostcommit'),
        }),
      ]);
      const network = await plugin.createNetwork({});
      const error = await plugin
        .createSubnet({ network_id: network.id, cidr: '10.0.0.0/24' })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(MechanismDriverError);
      expect((error as Error).message).toMatch(/broken\.createSubnetPostcommit.*unreachable/);
      expect(calls).toEqual([
        'broken.createSubnetPostcommit',
        'broken.deleteSubnetPrecommit 10.0.0.0/24',
        'broken.deleteSubnetPostcommit 10.0.0.0/24',
      ]);
      expect((await plugin.getNetwork(network.id)).subnets).toEqual([]);
    });
  });

  describe('updateSubnet', () => {
    it('runs updateSubnetPrecommit with original and current and the network', async () => {
      const seen: SubnetContext[] = [];
      const { plugin } = await start([
        hooksDriver('watcher', { updateSubnetPrecommit: (context) => void seen.push(context) }),
      ]);
      const network = await plugin.createNetwork({ name: 'net1' });
      const subnet = await plugin.createSubnet({ network_id: network.id, cidr: '10.0.0.0/24' });
      const updated = await plugin.updateSubnet(subnet.id, { enable_dhcp: false });
      expect(updated).toEqual({ ...subnet, enable_dhcp: false, revision_number: 1 });
      expect(await plugin.getSubnet(subnet.id)).toEqual(updated);
      expect(seen).toHaveLength(1);
      expect(seen[0].current.enableDhcp).toBe(false);
      expect(seen[0].original?.enableDhcp).toBe(true);
      expect(seen[0].network.current).toMatchObject({ id: network.id, name: 'net1' });
    });

    it('rolls the update back when a precommit throws', async () => {
      const { plugin } = await start([
        hooksDriver('refuser', { updateSubnetPrecommit: refuse('update') }),
      ]);
      const network = await plugin.createNetwork({});
      const subnet = await plugin.createSubnet({ network_id: network.id, cidr: '10.0.0.0/24' });
      const before = await dumpDatabase(engine);
      await expect(plugin.updateSubnet(subnet.id, { enable_dhcp: false })).rejects.toBeInstanceOf(
        MechanismDriverError,
      );
      expect(await dumpDatabase(engine)).toEqual(before);
    });

    it('runs updateSubnetPostcommit after the commit; a throw is logged and the update stands', async () => {
      const seen: Array<{ stored: boolean; original: boolean | undefined }> = [];
      const started = await start([
        hooksDriver('broken', { updateSubnetPostcommit: refuse('postcommit') }),
        hooksDriver('watcher', {
          updateSubnetPostcommit: async (context) => {
            const stored = await engine.plugin.getSubnet(context.current.id);
            seen.push({ stored: stored.enable_dhcp, original: context.original?.enableDhcp });
          },
        }),
      ]);
      const { plugin } = started;
      const network = await plugin.createNetwork({});
      const subnet = await plugin.createSubnet({ network_id: network.id, cidr: '10.0.0.0/24' });
      expect((await plugin.updateSubnet(subnet.id, { enable_dhcp: false })).enable_dhcp).toBe(
        false,
      );
      expect(seen).toEqual([{ stored: false, original: true }]);
      expect(started.log.messages).toContain('update_subnet_postcommit failed');
    });

    it('refuses to change cidr, network_id, ip_version or segment_id, naming the attribute', async () => {
      const { plugin } = await start([]);
      const network = await plugin.createNetwork({});
      const subnet = await plugin.createSubnet({ network_id: network.id, cidr: '10.0.0.0/24' });
      const refused: Array<[Record<string, unknown>, string]> = [
        [{ cidr: '10.1.0.0/24' }, 'cidr'],
        [{ network_id: 'another-network' }, 'network_id'],
        [{ ip_version: 6 }, 'ip_version'],
        [{ segment_id: 'some-segment' }, 'segment_id'],
      ];
      for (const [request, attribute] of refused) {
        await expect(
          plugin.updateSubnet(subnet.id, { enable_dhcp: false, ...request }),
        ).rejects.toMatchObject({ type: 'InvalidInput', httpStatus: 400, attribute });
      }
      expect((await plugin.getSubnet(subnet.id)).enable_dhcp).toBe(true);
      const same = await plugin.updateSubnet(subnet.id, {
        cidr: '10.0.0.0/24',
        network_id: network.id,
        ip_version: 4,
        segment_id: null,
        enable_dhcp: false,
      });
      expect(same.enable_dhcp).toBe(false);
    });

    it('answers SubnetNotFound for an unknown subnet', async () => {
      const { plugin } = await start([]);
      await expect(plugin.updateSubnet('no-such-subnet', {})).rejects.toBeInstanceOf(
        SubnetNotFound,
      );
      await expect(plugin.getSubnet('no-such-subnet')).rejects.toBeInstanceOf(SubnetNotFound);
      await expect(plugin.deleteSubnet('no-such-subnet')).rejects.toBeInstanceOf(SubnetNotFound);
    });
  });

  describe('deleteSubnet', () => {
    it('runs deleteSubnetPrecommit inside the transaction: a throw keeps the subnet', async () => {
      const { plugin } = await start([
        hooksDriver('refuser', { deleteSubnetPrecommit: refuse('delete') }),
      ]);
      const network = await plugin.createNetwork({});
      const subnet = await plugin.createSubnet({ network_id: network.id, cidr: '10.0.0.0/24' });
      const before = await dumpDatabase(engine);
      await expect(plugin.deleteSubnet(subnet.id)).rejects.toBeInstanceOf(MechanismDriverError);
      expect(await dumpDatabase(engine)).toEqual(before);
    });

    it('runs deleteSubnetPostcommit after the commit on every driver; a throw is logged and the subnet stays deleted', async () => {
      const seen: Array<{ id: string; network: string; gone: boolean }> = [];
      const started = await start([
        hooksDriver('broken', { deleteSubnetPostcommit: refuse('postcommit') }),
        hooksDriver('watcher', {
          deleteSubnetPostcommit: async (context) => {
            const gone = await engine.plugin.getSubnet(context.current.id).then(
              () => false,
              (error: unknown) => error instanceof SubnetNotFound,
            );
            seen.push({ id: context.current.id, network: context.network.current.id, gone });
          },
        }),
      ]);
      const { plugin } = started;
      const network = await plugin.createNetwork({});
      const subnet = await plugin.createSubnet({ network_id: network.id, cidr: '10.0.0.0/24' });
      await plugin.deleteSubnet(subnet.id);
      expect(seen).toEqual([{ id: subnet.id, network: network.id, gone: true }]);
      expect(started.log.messages).toContain('delete_subnet_postcommit failed');
    });

    it('is refused with SubnetInUse while a port has an address on the subnet', async () => {
      const { plugin } = await start([]);
      const network = await plugin.createNetwork({});
      const subnet = await plugin.createSubnet({ network_id: network.id, cidr: '10.0.0.0/24' });
      const other = await plugin.createSubnet({ network_id: network.id, cidr: '10.1.0.0/24' });
      const port = await plugin.createPort({
        network_id: network.id,
        fixed_ips: [{ subnet_id: subnet.id, ip_address: '10.0.0.5' }],
      });
      const error = await plugin.deleteSubnet(subnet.id).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(SubnetInUse);
      expect(error).toMatchObject({ type: 'SubnetInUse', httpStatus: 409 });
      await plugin.deleteSubnet(other.id);
      await plugin.deletePort(port.id);
      await plugin.deleteSubnet(subnet.id);
      expect((await plugin.getNetwork(network.id)).subnets).toEqual([]);
    });
  });

  it('deleting a network takes each subnet through the delete-subnet hooks, before the network hooks', async () => {
    const calls: string[] = [];
    const { plugin } = await start([
      hooksDriver('watcher', {
        deleteSubnetPrecommit: (context) => void calls.push(`subnet pre ${context.current.cidr}`),
        deleteNetworkPrecommit: () => void calls.push('network pre'),
        deleteSubnetPostcommit: (context) => void calls.push(`subnet post ${context.current.cidr}`),
        deleteNetworkPostcommit: () => void calls.push('network post'),
      }),
    ]);
    const network = await plugin.createNetwork({});
    await plugin.createSubnet({ network_id: network.id, cidr: '10.0.0.0/24' });
    await plugin.createSubnet({ network_id: network.id, cidr: '10.1.0.0/24' });
    await plugin.deleteNetwork(network.id);
    expect(calls).toEqual([
      'subnet pre 10.0.0.0/24',
      'subnet pre 10.1.0.0/24',
      'network pre',
      'subnet post 10.0.0.0/24',
      'subnet post 10.1.0.0/24',
      'network post',
    ]);
  });
});
