import { BindingStatus, VifType } from '@ml2ts/driver-api';
import {
  BindingTraceRecord,
  Network,
  NetworkSegment,
  openStore,
  type Port,
  type PortBinding,
  type PortBindingLevel,
  ProvisioningBlock,
  type Store,
} from '@ml2ts/store';
import { describeEachDatabase, type TestDatabase } from '@ml2ts/store/test-support';
import { type EntityManager } from 'typeorm';
import { EntityAgentRepository } from './entity-agent-repository';
import { EntityAllocationRepository } from './entity-allocation-repository';
import { EntityNetworkRepository } from './entity-network-repository';
import { EntityPortRepository } from './entity-port-repository';
import { EntitySubnetRepository } from './entity-subnet-repository';
import { type PortRepository } from './port-repository';
import { type UnitOfWork, unitOfWorkFor } from './unit-of-work';

const CREATED_AT = new Date('2026-03-04T05:06:07.089Z');

type UnitFactory = (manager: EntityManager) => UnitOfWork;

/** Every repository through the entity manager: what runs on PostgreSQL and MariaDB. */
function entityUnitOfWork(manager: EntityManager): UnitOfWork {
  return {
    ports: new EntityPortRepository(manager),
    networks: new EntityNetworkRepository(manager),
    subnets: new EntitySubnetRepository(manager),
    agents: new EntityAgentRepository(manager),
    allocations: new EntityAllocationRepository(manager),
  };
}

/**
 * The implementations that run on a database of `dialect`: on SQLite the engine's own choice
 * (prepared statements on the hot paths) and the portable one, elsewhere the portable one.
 */
function implementationsFor(dialect: string): Array<[string, UnitFactory]> {
  return dialect === 'sqlite'
    ? [
        ['prepared statements', unitOfWorkFor],
        ['entity manager', entityUnitOfWork],
      ]
    : [['entity manager', unitOfWorkFor]];
}

function port(overrides: Partial<Port> = {}): Port {
  return {
    id: 'port-1',
    networkId: 'net-1',
    projectId: 'project',
    name: 'p',
    macAddress: 'fa:16:3e:00:00:01',
    fixedIps: JSON.stringify([{ ip_address: '10.0.0.5', subnet_id: 'subnet-1' }]),
    deviceId: '',
    deviceOwner: '',
    status: 'DOWN',
    adminStateUp: true,
    dnsName: '',
    createdAt: CREATED_AT,
    ...overrides,
  };
}

function binding(overrides: Partial<PortBinding> = {}): PortBinding {
  return {
    portId: 'port-1',
    host: 'host1',
    vnicType: 'normal',
    profile: '',
    vifType: VifType.UNBOUND,
    vifDetails: '',
    status: BindingStatus.ACTIVE,
    ...overrides,
  };
}

function level(overrides: Partial<PortBindingLevel> = {}): PortBindingLevel {
  return {
    portId: 'port-1',
    host: 'host1',
    level: 0,
    driver: 'a',
    segmentId: 'seg-dyn',
    ...overrides,
  };
}

describeEachDatabase('Repositories on $label', (kind) => {
  describe.each(implementationsFor(kind.dialect))('%s', (_name, unitOf) => {
    let database: TestDatabase;
    let store: Store;

    beforeEach(async () => {
      database = await kind.create();
      store = await openStore({ url: database.url });
      await store.transaction(async (manager) => {
        await manager.insert(Network, { id: 'net-1', name: 'n', mtu: 1500, createdAt: CREATED_AT });
        await manager.insert(NetworkSegment, [
          {
            id: 'seg-dyn',
            networkId: 'net-1',
            networkType: 'vlan',
            physicalNetwork: 'physnet1',
            segmentationId: 7,
            segmentIndex: 0,
            isDynamic: true,
          },
          {
            id: 'seg-1',
            networkId: 'net-1',
            networkType: 'vxlan',
            segmentIndex: 1,
            isDynamic: false,
          },
          {
            id: 'seg-0',
            networkId: 'net-1',
            networkType: 'local',
            segmentIndex: 0,
            isDynamic: false,
          },
        ]);
      });
    });
    afterEach(async () => {
      await store.close();
      await database.remove();
    });

    const inUnit = <T>(work: (unit: UnitOfWork) => Promise<T>) =>
      store.transaction((manager) => work(unitOf(manager)));
    const inPorts = <T>(work: (rows: PortRepository) => Promise<T>) =>
      inUnit((unit) => work(unit.ports));

    it('writes a port with its binding and reads them back as written', async () => {
      await inPorts(async (rows) => {
        await rows.insertPort(port());
        await rows.insertBinding(binding());
      });
      const found = await inPorts((rows) => rows.findWithBinding('port-1'));
      expect(found).toEqual({ port: port(), binding: binding() });
      expect(await inPorts((rows) => rows.findWithBinding('port-2'))).toBeNull();
      expect(await inPorts((rows) => rows.portExists('port-1'))).toBe(true);
      expect(await inPorts((rows) => rows.macInUse('net-1', 'fa:16:3e:00:00:01'))).toBe(true);
      expect(await inPorts((rows) => rows.macInUse('net-1', 'fa:16:3e:00:00:02'))).toBe(false);
    });

    it('orders segments static by index first, then dynamic', async () => {
      const segments = await inUnit(({ networks }) => networks.segments('net-1'));
      expect(segments.map((segment) => segment.id)).toEqual(['seg-0', 'seg-1', 'seg-dyn']);
      expect(segments.map((segment) => segment.isDynamic)).toEqual([false, false, true]);
    });

    it('swaps a binding result only from the inputs and unbound state it started from', async () => {
      await inPorts(async (rows) => {
        await rows.insertPort(port());
        await rows.insertBinding(binding());
      });
      const swap = {
        portId: 'port-1',
        host: 'host1',
        vnicType: 'normal',
        profile: '',
        fromVifTypes: [VifType.UNBOUND, VifType.BINDING_FAILED],
        vifType: 'ovs',
        vifDetails: '{"port_filter":true}',
      };
      expect(await inPorts((rows) => rows.swapBindingResult({ ...swap, profile: '{"x":1}' }))).toBe(
        false,
      );
      expect(await inPorts((rows) => rows.swapBindingResult({ ...swap, host: 'host2' }))).toBe(
        false,
      );
      expect(await inPorts((rows) => rows.swapBindingResult(swap))).toBe(true);
      // Bound now: a second binding computed from the unbound row loses.
      expect(await inPorts((rows) => rows.swapBindingResult({ ...swap, vifType: 'other' }))).toBe(
        false,
      );
      const found = await inPorts((rows) => rows.findWithBinding('port-1'));
      expect(found?.binding).toMatchObject({ vifType: 'ovs', vifDetails: '{"port_filter":true}' });
    });

    it('replaces levels per host and keeps them ordered by level', async () => {
      await inPorts(async (rows) => {
        await rows.insertPort(port());
        await rows.insertBinding(binding());
        await rows.insertLevel(level({ level: 1, driver: 'b' }));
        await rows.insertLevel(level({ segmentId: 'seg-1' }));
      });
      const levels = await inPorts((rows) => rows.levels('port-1'));
      expect(levels.map((level) => [level.level, level.driver])).toEqual([
        [0, 'a'],
        [1, 'b'],
      ]);
      await inPorts((rows) => rows.deleteLevels('port-1', 'host1'));
      expect(await inPorts((rows) => rows.levels('port-1'))).toEqual([]);
    });

    it('replaces the trace, and keeps one provisioning block per entity', async () => {
      await inPorts(async (rows) => {
        await rows.insertPort(port());
        await rows.upsertTrace('port-1', '{"n":1}', CREATED_AT);
        await rows.upsertTrace('port-1', '{"n":2}', CREATED_AT);
        await rows.addProvisioningBlock('port-1', 'L2');
        await rows.addProvisioningBlock('port-1', 'L2');
      });
      const traces = await store.read((manager) => manager.find(BindingTraceRecord));
      expect(traces.map((trace) => trace.trace)).toEqual(['{"n":2}']);
      expect(await store.read((manager) => manager.count(ProvisioningBlock))).toBe(1);
    });

    it('holds the segments a binding commit needs and says which exist', async () => {
      const held = await inUnit(({ networks }) =>
        networks.lockExistingSegments(['seg-dyn', 'seg-gone']),
      );
      expect([...held]).toEqual(['seg-dyn']);
    });

    it('tells a release whether a level uses the segment, and null for a gone one', async () => {
      expect(await inUnit(({ networks }) => networks.segmentInUseForRelease('seg-dyn'))).toBe(
        false,
      );
      await inPorts(async (rows) => {
        await rows.insertPort(port());
        await rows.insertBinding(binding());
        await rows.insertLevel(level());
      });
      expect(await inUnit(({ networks }) => networks.segmentInUseForRelease('seg-dyn'))).toBe(true);
      expect(
        await inUnit(({ networks }) => networks.segmentInUseForRelease('seg-gone')),
      ).toBeNull();
    });

    it('refuses a MAC another port of the network holds, with a 409', async () => {
      await inPorts((rows) => rows.insertPort(port()));
      await expect(
        inPorts((rows) => rows.insertPort(port({ id: 'port-2', fixedIps: '[]' }))),
      ).rejects.toMatchObject({ type: 'MacAddressInUse', httpStatus: 409 });
      await expect(
        inPorts((rows) =>
          rows.insertPort(port({ macAddress: 'fa:16:3e:00:00:09', fixedIps: '[]' })),
        ),
      ).rejects.toMatchObject({ type: 'PortExists', httpStatus: 409 });
    });

    it('refuses an address another port of the network holds, with a 409, writing nothing', async () => {
      await inPorts((rows) => rows.insertPort(port()));
      const taken = port({
        id: 'port-2',
        macAddress: 'fa:16:3e:00:00:02',
        fixedIps: JSON.stringify([
          { ip_address: '10.0.0.9', subnet_id: 'subnet-1' },
          { ip_address: '10.0.0.5', subnet_id: 'subnet-1' },
        ]),
      });
      await expect(inPorts((rows) => rows.insertPort(taken))).rejects.toMatchObject({
        type: 'IpAddressInUse',
        httpStatus: 409,
      });
      expect(await inPorts((rows) => rows.portExists('port-2'))).toBe(false);
      expect(await inPorts((rows) => rows.fixedIpInUse('net-1', 'subnet-1', '10.0.0.9'))).toBe(
        false,
      );
    });

    it('moves a port to new addresses and frees the old ones', async () => {
      await inPorts((rows) => rows.insertPort(port()));
      const moved = port({
        fixedIps: JSON.stringify([{ ip_address: '10.0.0.7', subnet_id: 'subnet-1' }]),
      });
      await inPorts((rows) => rows.replaceFixedIps(moved));
      expect(await inPorts((rows) => rows.fixedIpInUse('net-1', 'subnet-1', '10.0.0.5'))).toBe(
        false,
      );
      expect(await inPorts((rows) => rows.fixedIpInUse('net-1', 'subnet-1', '10.0.0.7'))).toBe(
        true,
      );
    });

    it('finds ports by host and vif type, and fixed IPs and subnets in use', async () => {
      await inPorts(async (rows) => {
        await rows.insertPort(port());
        await rows.insertBinding(binding({ vifType: VifType.BINDING_FAILED }));
        await rows.insertPort(
          port({ id: 'port-2', macAddress: 'fa:16:3e:00:00:02', fixedIps: '[]' }),
        );
        await rows.insertBinding(binding({ portId: 'port-2', host: '' }));
      });
      expect(
        await inPorts((rows) => rows.portIdsOnHostWithVifType('host1', VifType.BINDING_FAILED)),
      ).toEqual(['port-1']);
      expect(await inPorts((rows) => rows.portIdsWithHostAndVifType(VifType.UNBOUND))).toEqual([]);
      expect(await inPorts((rows) => rows.fixedIpInUse('net-1', 'subnet-1', '10.0.0.5'))).toBe(
        true,
      );
      expect(await inPorts((rows) => rows.fixedIpInUse('net-1', 'subnet-1', '10.0.0.50'))).toBe(
        false,
      );
      expect(await inPorts((rows) => rows.subnetInUse('net-1', 'subnet-1'))).toBe(true);
      expect(await inPorts((rows) => rows.subnetInUse('net-1', 'subnet-2'))).toBe(false);
    });

    it('lists, finds, deletes and re-statuses ports, with their bindings, trace and blocks', async () => {
      await inPorts(async (rows) => {
        await rows.insertPort(port());
        await rows.insertBinding(binding());
        await rows.insertBinding(binding({ host: 'host2', status: 'INACTIVE' }));
        await rows.insertPort(
          port({
            id: 'port-2',
            macAddress: 'fa:16:3e:00:00:02',
            fixedIps: '[]',
            deviceId: 'vm-2',
            createdAt: new Date(CREATED_AT.getTime() + 1000),
          }),
        );
        await rows.insertBinding(binding({ portId: 'port-2', host: 'host3' }));
        await rows.upsertTrace('port-1', '{"n":1}', CREATED_AT);
        await rows.addProvisioningBlock('port-1', 'L2');
        await rows.addProvisioningBlock('port-1', 'DHCP');
      });
      expect(await inPorts((rows) => rows.listIds({}))).toEqual(['port-1', 'port-2']);
      expect(await inPorts((rows) => rows.listIds({ networkId: 'net-1', host: 'host3' }))).toEqual([
        'port-2',
      ]);
      expect(await inPorts((rows) => rows.listIds({ deviceId: 'vm-2' }))).toEqual(['port-2']);
      // The INACTIVE binding on host2 does not list the port there.
      expect(await inPorts((rows) => rows.listIds({ host: 'host2' }))).toEqual([]);
      expect(await inPorts((rows) => rows.networkHasPorts('net-1'))).toBe(true);
      expect(await inPorts((rows) => rows.idsWithMac('fa:16:3e:00:00:02'))).toEqual(['port-2']);
      expect(await inPorts((rows) => rows.idsStartingWith('port-', 5))).toEqual([
        'port-1',
        'port-2',
      ]);
      expect(await inPorts((rows) => rows.idsStartingWith('port-', 1))).toHaveLength(1);
      expect(await inPorts((rows) => rows.idsStartingWith('x', 2))).toEqual([]);
      const bindings = await inPorts((rows) => rows.bindings('port-1'));
      expect(bindings.map((row) => row.host).sort()).toEqual(['host1', 'host2']);
      expect(await inPorts((rows) => rows.findTrace('port-1'))).toBe('{"n":1}');
      expect(await inPorts((rows) => rows.findTrace('port-2'))).toBeNull();

      await inPorts((rows) => rows.removeProvisioningBlock('port-1', 'L2'));
      expect(await inPorts((rows) => rows.countProvisioningBlocks('port-1'))).toBe(1);
      await inPorts((rows) => rows.updateStatus('port-1', 'ACTIVE'));
      expect((await inPorts((rows) => rows.findWithBinding('port-1')))?.port.status).toBe('ACTIVE');

      await inPorts((rows) => rows.delete('port-1'));
      expect(await inPorts((rows) => rows.portExists('port-1'))).toBe(false);
      expect(await inPorts((rows) => rows.bindings('port-1'))).toEqual([]);
      expect(await inPorts((rows) => rows.findTrace('port-1'))).toBeNull();
      expect(await inPorts((rows) => rows.countProvisioningBlocks('port-1'))).toBe(0);
      expect(await inPorts((rows) => rows.fixedIpInUse('net-1', 'subnet-1', '10.0.0.5'))).toBe(
        false,
      );
      await inPorts((rows) => rows.delete('port-2'));
      expect(await inPorts((rows) => rows.networkHasPorts('net-1'))).toBe(false);
    });

    it('writes, lists and deletes networks', async () => {
      const later = {
        id: 'net-2',
        projectId: 'p',
        name: 'second',
        mtu: 1450,
        adminStateUp: true,
        routerExternal: false,
        vlanTransparent: true,
        createdAt: new Date(CREATED_AT.getTime() + 1000),
      };
      await inUnit(({ networks }) => networks.insert(later));
      expect(await inUnit(({ networks }) => networks.find('net-2'))).toEqual(later);
      expect(await inUnit(({ networks }) => networks.exists('net-3'))).toBe(false);
      await inUnit(({ networks }) =>
        networks.update({ ...later, name: 'renamed', adminStateUp: false, mtu: 1400 }),
      );
      expect(await inUnit(({ networks }) => networks.find('net-2'))).toMatchObject({
        name: 'renamed',
        adminStateUp: false,
        mtu: 1400,
        vlanTransparent: true,
      });
      const listed = await inUnit(({ networks }) => networks.list());
      expect(listed.map((network) => network.id)).toEqual(['net-1', 'net-2']);
      await inUnit(({ networks }) => networks.delete('net-2'));
      expect(await inUnit(({ networks }) => networks.find('net-2'))).toBeNull();
    });

    it('finds, inserts and deletes segments; a refused insert keeps the unit usable', async () => {
      const segment = {
        id: 'seg-new',
        networkId: 'net-1',
        networkType: 'vlan',
        physicalNetwork: 'physnet2',
        segmentationId: 9,
        segmentIndex: 0,
        isDynamic: true,
        mtu: 1500,
        name: null,
      };
      expect(await inUnit(({ networks }) => networks.insertSegment(segment))).toBe(true);
      expect(await inUnit(({ networks }) => networks.findSegment('seg-new'))).toEqual(segment);
      // Same network, type and physical network: refused, and the unit goes on to commit.
      const second = await inUnit(async ({ networks }) => {
        const inserted = await networks.insertSegment({ ...segment, id: 'seg-twin' });
        await networks.deleteSegment('seg-dyn');
        return inserted;
      });
      expect(second).toBe(false);
      expect(await inUnit(({ networks }) => networks.findSegment('seg-dyn'))).toBeNull();
      expect(
        await inUnit(({ networks }) => networks.hasSegmentOn('net-1', 'vlan', 'physnet2')),
      ).toBe(true);
      expect(
        await inUnit(({ networks }) => networks.hasSegmentOn('net-1', 'vlan', 'physnet1')),
      ).toBe(false);
      expect(
        (await inUnit(({ networks }) => networks.findDynamicSegment('net-1', 'physnet2', null)))
          ?.id,
      ).toBe('seg-new');
      expect(
        (await inUnit(({ networks }) => networks.findDynamicSegment('net-1', null, 9)))?.id,
      ).toBe('seg-new');
      expect(
        await inUnit(({ networks }) => networks.findDynamicSegment('net-1', null, 10)),
      ).toBeNull();
      // Static segments are never dynamic matches.
      expect(
        await inUnit(({ networks }) => networks.findDynamicSegment('net-1', 'physnet9', null)),
      ).toBeNull();
      expect(await inUnit(({ networks }) => networks.segmentInUse('seg-new'))).toBe(false);
      await inUnit(({ networks }) => networks.deleteSegments('net-1'));
      expect(await inUnit(({ networks }) => networks.segments('net-1'))).toEqual([]);
    });

    it('writes, finds and deletes subnets', async () => {
      const subnet = {
        id: 'subnet-b',
        networkId: 'net-1',
        cidr: '10.0.1.0/24',
        ipVersion: 4,
        segmentId: null,
        enableDhcp: true,
      };
      await inUnit(async ({ subnets }) => {
        await subnets.insert(subnet);
        await subnets.insert({ ...subnet, id: 'subnet-a', cidr: '10.0.2.0/24' });
      });
      expect(await inUnit(({ subnets }) => subnets.find('subnet-b'))).toEqual(subnet);
      expect(await inUnit(({ subnets }) => subnets.find('subnet-z'))).toBeNull();
      const onNetwork = await inUnit(({ subnets }) => subnets.onNetwork('net-1'));
      expect(onNetwork.map((row) => row.id)).toEqual(['subnet-a', 'subnet-b']);
      const found = await inUnit(({ subnets }) =>
        subnets.findMany(['subnet-b', 'subnet-b', 'subnet-z']),
      );
      expect(found.map((row) => row.id)).toEqual(['subnet-b']);
      expect(await inUnit(({ subnets }) => subnets.findMany([]))).toEqual([]);
      await inUnit(({ subnets }) => subnets.update({ ...subnet, enableDhcp: false }));
      expect((await inUnit(({ subnets }) => subnets.find('subnet-b')))?.enableDhcp).toBe(false);
      await inUnit(({ subnets }) => subnets.delete('subnet-b'));
      expect(await inUnit(({ subnets }) => subnets.find('subnet-b'))).toBeNull();
      await inUnit(({ subnets }) => subnets.deleteOnNetwork('net-1'));
      expect(await inUnit(({ subnets }) => subnets.onNetwork('net-1'))).toEqual([]);
    });

    it('lists, finds, switches and deletes agents', async () => {
      const agent = (id: string, agentType: string, host: string) => ({
        id,
        agentType,
        host,
        binary: 'neutron-agent',
        topic: 'N/A',
        availabilityZone: null,
        adminStateUp: true,
        createdAt: CREATED_AT,
        startedAt: CREATED_AT,
        heartbeat: CREATED_AT,
        configurations: '{}',
        resourceVersions: null,
        load: 0,
      });
      await inUnit(async ({ agents }) => {
        await agents.insert(agent('a-2', 'Open vSwitch agent', 'host-b'));
        await agents.insert(agent('a-1', 'Open vSwitch agent', 'host-a'));
        await agents.insert(agent('a-3', 'Linux bridge agent', 'host-a'));
      });
      const all = await inUnit(({ agents }) => agents.list({}));
      expect(all.map((row) => row.id)).toEqual(['a-3', 'a-1', 'a-2']);
      const onA = await inUnit(({ agents }) =>
        agents.list({ host: 'host-a', agentType: 'Open vSwitch agent' }),
      );
      expect(onA.map((row) => row.id)).toEqual(['a-1']);
      const onHost = await inUnit(({ agents }) => agents.onHost('host-a'));
      expect(onHost.map((row) => row.id).sort()).toEqual(['a-1', 'a-3']);
      expect(onHost[0]).toMatchObject({ heartbeatTimestamp: CREATED_AT, configurations: '{}' });
      expect(await inUnit(({ agents }) => agents.setAdminState('a-1', false))).toBe(true);
      expect((await inUnit(({ agents }) => agents.find('a-1')))?.adminStateUp).toBe(false);
      expect(await inUnit(({ agents }) => agents.setAdminState('a-9', false))).toBe(false);
      expect(await inUnit(({ agents }) => agents.delete('a-1'))).toBe(true);
      expect(await inUnit(({ agents }) => agents.delete('a-1'))).toBe(false);
      expect(await inUnit(({ agents }) => agents.find('a-1'))).toBeNull();
    });
  });
});
