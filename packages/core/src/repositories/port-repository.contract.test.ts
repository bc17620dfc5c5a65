import { BindingStatus, VifType } from '@ml2ts/driver-api';
import {
  BindingTraceRecord,
  Network,
  NetworkSegment,
  openStore,
  type Port,
  type PortBinding,
  ProvisioningBlock,
  type Store,
} from '@ml2ts/store';
import { describeEachDatabase, type TestDatabase } from '@ml2ts/store/test-support';
import { type EntityManager } from 'typeorm';
import { EntityPortRepository } from './entity-port-repository';
import { type PortRepository } from './port-repository';
import { SqlitePortRepository } from './sqlite-port-repository';

const CREATED_AT = new Date('2026-03-04T05:06:07.089Z');

type RepositoryFactory = (manager: EntityManager) => PortRepository;

/** The implementations that run on a database of `dialect`. */
function implementationsFor(dialect: string): Array<[string, RepositoryFactory]> {
  const portable: [string, RepositoryFactory] = [
    'EntityPortRepository',
    (manager) => new EntityPortRepository(manager),
  ];
  return dialect === 'sqlite'
    ? [['SqlitePortRepository', (manager) => new SqlitePortRepository(manager)], portable]
    : [portable];
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

describeEachDatabase('PortRepository on $label', (kind) => {
  describe.each(implementationsFor(kind.dialect))('%s', (_name, repositoryOf) => {
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

    const inUnit = <T>(work: (rows: PortRepository) => Promise<T>) =>
      store.transaction((manager) => work(repositoryOf(manager)));

    it('writes a port with its binding and reads them back as written', async () => {
      await inUnit(async (rows) => {
        await rows.insertPort(port());
        await rows.insertBinding(binding());
      });
      const found = await inUnit((rows) => rows.findWithBinding('port-1'));
      expect(found).toEqual({ port: port(), binding: binding() });
      expect(await inUnit((rows) => rows.findWithBinding('port-2'))).toBeNull();
      expect(await inUnit((rows) => rows.portExists('port-1'))).toBe(true);
      expect(await inUnit((rows) => rows.macInUse('net-1', 'fa:16:3e:00:00:01'))).toBe(true);
      expect(await inUnit((rows) => rows.macInUse('net-1', 'fa:16:3e:00:00:02'))).toBe(false);
    });

    it('orders segments static by index first, then dynamic', async () => {
      const segments = await inUnit((rows) => rows.segments('net-1'));
      expect(segments.map((segment) => segment.id)).toEqual(['seg-0', 'seg-1', 'seg-dyn']);
      expect(segments.map((segment) => segment.isDynamic)).toEqual([false, false, true]);
    });

    it('swaps a binding result only from the inputs and unbound state it started from', async () => {
      await inUnit(async (rows) => {
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
      expect(await inUnit((rows) => rows.swapBindingResult({ ...swap, profile: '{"x":1}' }))).toBe(
        false,
      );
      expect(await inUnit((rows) => rows.swapBindingResult({ ...swap, host: 'host2' }))).toBe(
        false,
      );
      expect(await inUnit((rows) => rows.swapBindingResult(swap))).toBe(true);
      // Bound now: a second binding computed from the unbound row loses.
      expect(await inUnit((rows) => rows.swapBindingResult({ ...swap, vifType: 'other' }))).toBe(
        false,
      );
      const found = await inUnit((rows) => rows.findWithBinding('port-1'));
      expect(found?.binding).toMatchObject({ vifType: 'ovs', vifDetails: '{"port_filter":true}' });
    });

    it('replaces levels per host and keeps them ordered by level', async () => {
      await inUnit(async (rows) => {
        await rows.insertPort(port());
        await rows.insertBinding(binding());
        await rows.insertLevel({
          portId: 'port-1',
          host: 'host1',
          level: 1,
          driver: 'b',
          segmentId: 'seg-dyn',
        });
        await rows.insertLevel({
          portId: 'port-1',
          host: 'host1',
          level: 0,
          driver: 'a',
          segmentId: 'seg-1',
        });
      });
      const levels = await inUnit((rows) => rows.levels('port-1'));
      expect(levels.map((level) => [level.level, level.driver])).toEqual([
        [0, 'a'],
        [1, 'b'],
      ]);
      await inUnit((rows) => rows.deleteLevels('port-1', 'host1'));
      expect(await inUnit((rows) => rows.levels('port-1'))).toEqual([]);
    });

    it('replaces the trace, and keeps one provisioning block per entity', async () => {
      await inUnit(async (rows) => {
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
      const held = await inUnit((rows) => rows.lockExistingSegments(['seg-dyn', 'seg-gone']));
      expect([...held]).toEqual(['seg-dyn']);
    });

    it('tells a release whether a level uses the segment, and null for a gone one', async () => {
      expect(await inUnit((rows) => rows.segmentInUseForRelease('seg-dyn'))).toBe(false);
      await inUnit(async (rows) => {
        await rows.insertPort(port());
        await rows.insertBinding(binding());
        await rows.insertLevel({
          portId: 'port-1',
          host: 'host1',
          level: 0,
          driver: 'a',
          segmentId: 'seg-dyn',
        });
      });
      expect(await inUnit((rows) => rows.segmentInUseForRelease('seg-dyn'))).toBe(true);
      expect(await inUnit((rows) => rows.segmentInUseForRelease('seg-gone'))).toBeNull();
    });

    it('refuses a MAC another port of the network holds, with a 409', async () => {
      await inUnit((rows) => rows.insertPort(port()));
      await expect(
        inUnit((rows) => rows.insertPort(port({ id: 'port-2', fixedIps: '[]' }))),
      ).rejects.toMatchObject({ type: 'MacAddressInUse', httpStatus: 409 });
      await expect(
        inUnit((rows) =>
          rows.insertPort(port({ macAddress: 'fa:16:3e:00:00:09', fixedIps: '[]' })),
        ),
      ).rejects.toMatchObject({ type: 'PortExists', httpStatus: 409 });
    });

    it('refuses an address another port of the network holds, with a 409, writing nothing', async () => {
      await inUnit((rows) => rows.insertPort(port()));
      const taken = port({
        id: 'port-2',
        macAddress: 'fa:16:3e:00:00:02',
        fixedIps: JSON.stringify([
          { ip_address: '10.0.0.9', subnet_id: 'subnet-1' },
          { ip_address: '10.0.0.5', subnet_id: 'subnet-1' },
        ]),
      });
      await expect(inUnit((rows) => rows.insertPort(taken))).rejects.toMatchObject({
        type: 'IpAddressInUse',
        httpStatus: 409,
      });
      expect(await inUnit((rows) => rows.portExists('port-2'))).toBe(false);
      expect(await inUnit((rows) => rows.fixedIpInUse('net-1', 'subnet-1', '10.0.0.9'))).toBe(
        false,
      );
    });

    it('moves a port to new addresses and frees the old ones', async () => {
      await inUnit((rows) => rows.insertPort(port()));
      const moved = port({
        fixedIps: JSON.stringify([{ ip_address: '10.0.0.7', subnet_id: 'subnet-1' }]),
      });
      await inUnit((rows) => rows.replaceFixedIps(moved));
      expect(await inUnit((rows) => rows.fixedIpInUse('net-1', 'subnet-1', '10.0.0.5'))).toBe(
        false,
      );
      expect(await inUnit((rows) => rows.fixedIpInUse('net-1', 'subnet-1', '10.0.0.7'))).toBe(true);
    });

    it('finds ports by host and vif type, and fixed IPs and subnets in use', async () => {
      await inUnit(async (rows) => {
        await rows.insertPort(port());
        await rows.insertBinding(binding({ vifType: VifType.BINDING_FAILED }));
        await rows.insertPort(
          port({ id: 'port-2', macAddress: 'fa:16:3e:00:00:02', fixedIps: '[]' }),
        );
        await rows.insertBinding(binding({ portId: 'port-2', host: '' }));
      });
      expect(
        await inUnit((rows) => rows.portIdsOnHostWithVifType('host1', VifType.BINDING_FAILED)),
      ).toEqual(['port-1']);
      expect(await inUnit((rows) => rows.portIdsWithHostAndVifType(VifType.UNBOUND))).toEqual([]);
      expect(await inUnit((rows) => rows.fixedIpInUse('net-1', 'subnet-1', '10.0.0.5'))).toBe(true);
      expect(await inUnit((rows) => rows.fixedIpInUse('net-1', 'subnet-1', '10.0.0.50'))).toBe(
        false,
      );
      expect(await inUnit((rows) => rows.subnetInUse('net-1', 'subnet-1'))).toBe(true);
      expect(await inUnit((rows) => rows.subnetInUse('net-1', 'subnet-2'))).toBe(false);
    });
  });
});
