import { BindingStatus, VifType } from '@ml2ts/driver-api';
import {
  BindingTraceRecord,
  Network,
  NetworkSegment,
  openStore,
  Port,
  type PortBinding,
  type PortBindingLevel,
  ProvisioningBlock,
  type Store,
  type Subnet,
} from '@ml2ts/store';
import { describeEachDatabase, type TestDatabase } from '@ml2ts/store/test-support';
import { type EntityManager } from 'typeorm';
import { EntityAgentRepository } from './entity-agent-repository';
import { EntityAllocationRepository } from './entity-allocation-repository';
import { EntityNetworkRepository } from './entity-network-repository';
import { EntityPortRepository } from './entity-port-repository';
import { EntityRevisionRepository } from './entity-revision-repository';
import { EntitySecurityGroupRepository } from './entity-security-group-repository';
import { EntitySubnetRepository } from './entity-subnet-repository';
import { EntityTagRepository } from './entity-tag-repository';
import { EntityTunnelEndpointRepository } from './entity-tunnel-endpoint-repository';
import { type PortRepository } from './port-repository';
import { type UnitOfWork, unitOfWorkFor } from './unit-of-work';

const CREATED_AT = new Date('2026-03-04T05:06:07.089Z');
const LATER = new Date('2026-03-04T06:00:00.123Z');

type UnitFactory = (manager: EntityManager) => UnitOfWork;

/** Every repository through the entity manager: what runs on PostgreSQL and MariaDB. */
function entityUnitOfWork(manager: EntityManager): UnitOfWork {
  return {
    ports: new EntityPortRepository(manager),
    networks: new EntityNetworkRepository(manager),
    subnets: new EntitySubnetRepository(manager),
    agents: new EntityAgentRepository(manager),
    allocations: new EntityAllocationRepository(manager),
    tags: new EntityTagRepository(manager),
    revisions: new EntityRevisionRepository(manager),
    securityGroups: new EntitySecurityGroupRepository(manager),
    tunnelEndpoints: new EntityTunnelEndpointRepository(manager),
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
    description: '',
    allowedAddressPairs: '[]',
    revisionNumber: 0,
    updatedAt: CREATED_AT,
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
    revisionNumber: 0,
    updatedAt: null,
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
        updatedAt: LATER,
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
      // The commit counts on the binding row; the port row is not written.
      expect(found?.binding).toMatchObject({
        vifType: 'ovs',
        vifDetails: '{"port_filter":true}',
        revisionNumber: 1,
        updatedAt: LATER,
      });
      expect(found?.port).toMatchObject({ revisionNumber: 0, updatedAt: CREATED_AT });
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
      await inPorts((rows) => rows.updateStatus('port-1', 'ACTIVE', LATER));
      expect((await inPorts((rows) => rows.findWithBinding('port-1')))?.port).toMatchObject({
        status: 'ACTIVE',
        revisionNumber: 1,
        updatedAt: LATER,
      });

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
        description: 'd',
        shared: false,
        availabilityZoneHints: '["az-1"]',
        revisionNumber: 0,
        updatedAt: new Date(CREATED_AT.getTime() + 1000),
      };
      await inUnit(({ networks }) => networks.insert(later));
      expect(await inUnit(({ networks }) => networks.find('net-2'))).toEqual(later);
      expect(await inUnit(({ networks }) => networks.exists('net-3'))).toBe(false);
      await inUnit(({ networks }) =>
        networks.update({
          ...later,
          name: 'renamed',
          adminStateUp: false,
          mtu: 1400,
          description: 'new',
          shared: true,
          updatedAt: LATER,
        }),
      );
      expect(await inUnit(({ networks }) => networks.find('net-2'))).toMatchObject({
        name: 'renamed',
        adminStateUp: false,
        mtu: 1400,
        vlanTransparent: true,
        description: 'new',
        shared: true,
        availabilityZoneHints: '["az-1"]',
        revisionNumber: 1,
        updatedAt: LATER,
      });
      // The create's own MTU write does not count as a change.
      await inUnit(({ networks }) =>
        networks.update({ ...later, mtu: 1300 }, { bumpRevision: false }),
      );
      expect(await inUnit(({ networks }) => networks.find('net-2'))).toMatchObject({
        mtu: 1300,
        revisionNumber: 1,
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
        description: null,
        revisionNumber: 0,
        createdAt: CREATED_AT,
        updatedAt: CREATED_AT,
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
        name: 'blue',
        projectId: 'project',
        gatewayIp: '10.0.1.1',
        allocationPools: JSON.stringify([{ start: '10.0.1.2', end: '10.0.1.254' }]),
        dnsNameservers: JSON.stringify(['10.0.1.53']),
        hostRoutes: JSON.stringify([{ destination: '0.0.0.0/0', nexthop: '10.0.1.1' }]),
        ipv6AddressMode: null,
        ipv6RaMode: null,
        description: '',
        revisionNumber: 0,
        createdAt: CREATED_AT,
        updatedAt: CREATED_AT,
      };
      await inUnit(async ({ subnets }) => {
        await subnets.insert(subnet);
        await subnets.insert({ ...subnet, id: 'subnet-a', cidr: '10.0.2.0/24' });
      });
      expect(await inUnit(({ subnets }) => subnets.find('subnet-b'))).toEqual(subnet);
      expect(await inUnit(({ subnets }) => subnets.find('subnet-z'))).toBeNull();
      const onNetwork = await inUnit(({ subnets }) => subnets.onNetwork('net-1'));
      expect(onNetwork.map((row) => row.id)).toEqual(['subnet-a', 'subnet-b']);
      const all = await inUnit(({ subnets }) => subnets.list());
      expect(all.map((row) => row.id)).toEqual(['subnet-a', 'subnet-b']);
      const found = await inUnit(({ subnets }) =>
        subnets.findMany(['subnet-b', 'subnet-b', 'subnet-z']),
      );
      expect(found.map((row) => row.id)).toEqual(['subnet-b']);
      expect(await inUnit(({ subnets }) => subnets.findMany([]))).toEqual([]);
      const addressing = {
        name: 'green',
        gatewayIp: null,
        allocationPools: JSON.stringify([{ start: '10.0.1.10', end: '10.0.1.20' }]),
        dnsNameservers: '[]',
        hostRoutes: '[]',
      };
      await inUnit(({ subnets }) =>
        subnets.update({
          ...subnet,
          ...addressing,
          enableDhcp: false,
          description: 'd',
          updatedAt: LATER,
          // Fixed at create: an update does not write them.
          projectId: 'other',
          ipv6AddressMode: 'slaac',
        }),
      );
      expect(await inUnit(({ subnets }) => subnets.find('subnet-b'))).toMatchObject({
        ...addressing,
        projectId: 'project',
        ipv6AddressMode: null,
        enableDhcp: false,
        description: 'd',
        revisionNumber: 1,
        updatedAt: LATER,
      });
      await inUnit(({ subnets }) => subnets.delete('subnet-b'));
      expect(await inUnit(({ subnets }) => subnets.find('subnet-b'))).toBeNull();
      await inUnit(({ subnets }) => subnets.deleteOnNetwork('net-1'));
      expect(await inUnit(({ subnets }) => subnets.onNetwork('net-1'))).toEqual([]);
    });

    it('counts and lists the addresses ports hold on a subnet', async () => {
      await inPorts(async (rows) => {
        await rows.insertPort(
          port({
            fixedIps: JSON.stringify([
              { ip_address: '10.0.0.5', subnet_id: 'subnet-1' },
              { ip_address: '10.0.0.9', subnet_id: 'subnet-1' },
              { ip_address: '2001:db8::f816:3eff:fe00:1', subnet_id: 'subnet-6' },
            ]),
          }),
        );
      });
      expect(await inUnit(({ subnets }) => subnets.countAllocations('subnet-1'))).toBe(2);
      expect(await inUnit(({ subnets }) => subnets.countAllocations('subnet-6'))).toBe(1);
      expect(await inUnit(({ subnets }) => subnets.countAllocations('subnet-2'))).toBe(0);
      const held = await inUnit(({ subnets }) => subnets.allocatedAddresses('subnet-1'));
      expect([...held].sort()).toEqual(['10.0.0.5', '10.0.0.9']);
      expect(await inUnit(({ subnets }) => subnets.allocatedAddresses('subnet-6'))).toEqual([
        '2001:db8::f816:3eff:fe00:1',
      ]);
      expect(await inUnit(({ subnets }) => subnets.allocatedAddresses('subnet-2'))).toEqual([]);
      await inPorts((rows) =>
        rows.insertPort(
          port({
            id: 'port-0',
            macAddress: 'fa:16:3e:00:00:02',
            fixedIps: JSON.stringify([{ ip_address: '10.0.0.6', subnet_id: 'subnet-1' }]),
          }),
        ),
      );
      expect(await inUnit(({ subnets }) => subnets.holderPortIds('subnet-1'))).toEqual([
        'port-0',
        'port-1',
      ]);
      expect(await inUnit(({ subnets }) => subnets.holderPortIds('subnet-2'))).toEqual([]);
    });

    it('keeps an IPv6 subnet addressing as written', async () => {
      const subnet = {
        id: 'subnet-6',
        networkId: 'net-1',
        cidr: '2001:db8::/64',
        ipVersion: 6,
        segmentId: null,
        enableDhcp: true,
        name: '',
        projectId: '',
        gatewayIp: '2001:db8::1',
        allocationPools: JSON.stringify([
          { start: '2001:db8::2', end: '2001:db8::ffff:ffff:ffff:ffff' },
        ]),
        dnsNameservers: JSON.stringify(['2001:4860:4860::8888']),
        hostRoutes: '[]',
        ipv6AddressMode: 'slaac',
        ipv6RaMode: 'slaac',
        description: '',
        revisionNumber: 0,
        createdAt: CREATED_AT,
        updatedAt: CREATED_AT,
      };
      await inUnit(({ subnets }) => subnets.insert(subnet));
      expect(await inUnit(({ subnets }) => subnets.find('subnet-6'))).toEqual(subnet);
    });

    it('writes a port update with its revision, and reads its tags with it when asked', async () => {
      await inPorts(async (rows) => {
        await rows.insertPort(port());
        await rows.insertBinding(binding());
      });
      await inUnit(({ tags }) => tags.add('ports', 'port-1', ['b', 'a']));
      const pairs = '[{"ip_address":"10.0.0.9","mac_address":"fa:16:3e:00:00:01"}]';
      await inPorts((rows) =>
        rows.updatePort(port({ description: 'd', allowedAddressPairs: pairs, updatedAt: LATER })),
      );
      const found = await inPorts((rows) => rows.findWithBinding('port-1', { withTags: true }));
      expect(found?.port).toEqual(
        port({ description: 'd', allowedAddressPairs: pairs, revisionNumber: 1, updatedAt: LATER }),
      );
      expect(found?.tags).toEqual(['a', 'b']);
      expect((await inPorts((rows) => rows.findWithBinding('port-1')))?.tags).toBeUndefined();
      // A binding commit's status write: counted on the binding row, not here.
      await inPorts((rows) =>
        rows.updatePort(port({ status: 'ACTIVE', revisionNumber: 1 }), { bumpRevision: false }),
      );
      expect((await inPorts((rows) => rows.findWithBinding('port-1')))?.port).toMatchObject({
        status: 'ACTIVE',
        revisionNumber: 1,
      });
      // A binding row that replaces another carries its count on.
      await inPorts(async (rows) => {
        await rows.deleteBinding('port-1', 'host1');
        await rows.insertBinding(binding({ host: 'host2', revisionNumber: 3, updatedAt: LATER }));
      });
      expect((await inPorts((rows) => rows.findWithBinding('port-1')))?.binding).toEqual(
        binding({ host: 'host2', revisionNumber: 3, updatedAt: LATER }),
      );
    });

    it('keeps tags per resource, once each, and reads those of many resources at once', async () => {
      await inUnit(async ({ tags }) => {
        await tags.add('networks', 'net-1', ['red', 'blue']);
        await tags.add('networks', 'net-1', ['red', 'green']);
        await tags.add('ports', 'net-1', ['port-tag']);
        await tags.add('networks', 'net-2', ['Red']);
        await tags.add('networks', 'net-3', []);
      });
      const read = await inUnit(({ tags }) =>
        tags.tagsOf('networks', ['net-1', 'net-2', 'net-3', 'net-1']),
      );
      expect(Object.fromEntries(read)).toEqual({
        'net-1': ['blue', 'green', 'red'],
        'net-2': ['Red'],
      });
      expect(await inUnit(({ tags }) => tags.tagsOf('networks', []))).toEqual(new Map());
      // Past the lookup's id limit the result is the same.
      const many = [...Array.from({ length: 600 }, (_, index) => `other-${index}`), 'net-2'];
      expect(Object.fromEntries(await inUnit(({ tags }) => tags.tagsOf('networks', many)))).toEqual(
        { 'net-2': ['Red'] },
      );
      expect(await inUnit(({ tags }) => tags.remove('networks', 'net-1', 'red'))).toBe(true);
      expect(await inUnit(({ tags }) => tags.remove('networks', 'net-1', 'red'))).toBe(false);
      await inUnit(({ tags }) => tags.removeAll('networks', ['net-1', 'net-2']));
      expect(await inUnit(({ tags }) => tags.tagsOf('networks', ['net-1', 'net-2']))).toEqual(
        new Map(),
      );
      expect(
        Object.fromEntries(await inUnit(({ tags }) => tags.tagsOf('ports', ['net-1']))),
      ).toEqual({ 'net-1': ['port-tag'] });
    });

    it('moves the revision of any resource with standard attributes, false for an unknown one', async () => {
      await inPorts((rows) => rows.insertPort(port()));
      await inUnit(({ subnets }) =>
        subnets.insert({
          id: 'subnet-1',
          networkId: 'net-1',
          cidr: '10.0.0.0/24',
          ipVersion: 4,
          segmentId: 'seg-1',
          enableDhcp: true,
          description: '',
          revisionNumber: 0,
          createdAt: CREATED_AT,
          updatedAt: CREATED_AT,
        } as Subnet),
      );
      for (const [type, id] of [
        ['networks', 'net-1'],
        ['subnets', 'subnet-1'],
        ['ports', 'port-1'],
        ['segments', 'seg-1'],
      ] as const) {
        expect(await inUnit(({ revisions }) => revisions.bump(type, id, LATER))).toBe(true);
        expect(await inUnit(({ revisions }) => revisions.bump(type, 'gone', LATER))).toBe(false);
      }
      expect(await inUnit(({ networks }) => networks.find('net-1'))).toMatchObject({
        revisionNumber: 1,
        updatedAt: LATER,
      });
      expect(await inUnit(({ subnets }) => subnets.find('subnet-1'))).toMatchObject({
        revisionNumber: 1,
        updatedAt: LATER,
      });
      expect(
        await store.read((manager) => manager.findOneBy(Port, { id: 'port-1' })),
      ).toMatchObject({ revisionNumber: 1, updatedAt: LATER });
      expect(await inUnit(({ networks }) => networks.findSegment('seg-1'))).toMatchObject({
        revisionNumber: 1,
        updatedAt: LATER,
      });
    });

    it('renames segments with their revision, lists them all and the subnets on one', async () => {
      const segment = await inUnit(({ networks }) => networks.findSegment('seg-1'));
      expect(segment).toMatchObject({ name: null, description: null, revisionNumber: 0 });
      await inUnit(({ networks }) =>
        networks.updateSegment({ ...segment!, name: 'n', description: 'd', updatedAt: LATER }),
      );
      expect(await inUnit(({ networks }) => networks.findSegment('seg-1'))).toMatchObject({
        name: 'n',
        description: 'd',
        revisionNumber: 1,
        updatedAt: LATER,
      });
      await store.transaction(async (manager) => {
        await manager.insert(Network, { id: 'net-0', mtu: 1500, createdAt: CREATED_AT });
        await manager.insert(NetworkSegment, {
          id: 'seg-z',
          networkId: 'net-0',
          networkType: 'vxlan',
          segmentIndex: 0,
        });
      });
      const all = await inUnit(({ networks }) => networks.allSegments());
      expect(all.map((row) => row.id)).toEqual(['seg-z', 'seg-0', 'seg-1', 'seg-dyn']);
      expect(await inUnit(({ networks }) => networks.subnetIdsOnSegment('seg-1'))).toEqual([]);
      await inUnit(async ({ subnets }) => {
        for (const id of ['subnet-b', 'subnet-a']) {
          await subnets.insert({
            id,
            networkId: 'net-1',
            cidr: id === 'subnet-a' ? '10.0.0.0/24' : '10.0.1.0/24',
            ipVersion: 4,
            segmentId: 'seg-1',
            enableDhcp: true,
            description: '',
            revisionNumber: 0,
            createdAt: CREATED_AT,
            updatedAt: CREATED_AT,
          } as Subnet);
        }
      });
      expect(await inUnit(({ networks }) => networks.subnetIdsOnSegment('seg-1'))).toEqual([
        'subnet-a',
        'subnet-b',
      ]);
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
      expect(
        await inUnit(({ agents }) => agents.updateAdministrative('a-1', { description: 'rack 4' })),
      ).toBe(true);
      expect(await inUnit(({ agents }) => agents.find('a-1'))).toMatchObject({
        adminStateUp: false,
        description: 'rack 4',
      });
      expect(
        await inUnit(({ agents }) =>
          agents.updateAdministrative('a-1', { adminStateUp: true, description: null }),
        ),
      ).toBe(true);
      expect(await inUnit(({ agents }) => agents.find('a-1'))).toMatchObject({
        adminStateUp: true,
        description: null,
      });
      expect(await inUnit(({ agents }) => agents.updateAdministrative('a-1', {}))).toBe(true);
      expect(await inUnit(({ agents }) => agents.updateAdministrative('a-9', {}))).toBe(false);
      expect(
        await inUnit(({ agents }) => agents.updateAdministrative('a-9', { description: 'x' })),
      ).toBe(false);
      expect(await inUnit(({ agents }) => agents.delete('a-1'))).toBe(true);
      expect(await inUnit(({ agents }) => agents.delete('a-1'))).toBe(false);
      expect(await inUnit(({ agents }) => agents.find('a-1'))).toBeNull();
    });
  });
});
