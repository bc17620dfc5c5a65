import { type EntityManager, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { Agent } from './entities/agent';
import { BindingTraceRecord } from './entities/binding-trace-record';
import { FlatAllocation } from './entities/flat-allocation';
import { GeneveAllocation } from './entities/geneve-allocation';
import { GreAllocation } from './entities/gre-allocation';
import { Network } from './entities/network';
import { NetworkSegment } from './entities/network-segment';
import { Port } from './entities/port';
import { PortBinding } from './entities/port-binding';
import { PortBindingLevel } from './entities/port-binding-level';
import { ProvisioningBlock } from './entities/provisioning-block';
import { Subnet } from './entities/subnet';
import { Tag } from './entities/tag';
import { VlanAllocation } from './entities/vlan-allocation';
import { VxlanAllocation } from './entities/vxlan-allocation';
import { GeneveEndpoint } from './entities/geneve-endpoint';
import { GreEndpoint } from './entities/gre-endpoint';
import { VxlanEndpoint } from './entities/vxlan-endpoint';
import { openStore } from './open-store';
import { type Store } from './store';
import { describeEachDatabase, type TestDatabase } from './test-support/database-kinds';

const T1 = new Date('2026-01-02T03:04:05.678Z');
const T2 = new Date('2026-01-02T03:04:35.001Z');
const T3 = new Date('2026-12-31T23:59:59.999Z');

/** A fully populated row per entity, with non-default values wherever a default exists. */
const FULL_ROWS: [string, EntityTarget<ObjectLiteral>, ObjectLiteral][] = [
  [
    'Network',
    Network,
    {
      id: 'net-1',
      projectId: 'proj-a',
      name: 'private',
      mtu: 1450,
      adminStateUp: false,
      routerExternal: true,
      vlanTransparent: true,
      createdAt: T1,
      description: 'the lab',
      shared: true,
      availabilityZoneHints: '["az-1"]',
      revisionNumber: 7,
      updatedAt: T2,
    },
  ],
  [
    'NetworkSegment',
    NetworkSegment,
    {
      id: 'seg-1',
      networkId: 'net-1',
      networkType: 'vlan',
      physicalNetwork: 'physnet1',
      segmentationId: 4094,
      segmentIndex: 2,
      isDynamic: true,
      mtu: 9000,
      name: 'uplink',
      description: 'to the spine',
      revisionNumber: 3,
      createdAt: T1,
      updatedAt: T3,
    },
  ],
  [
    'Subnet',
    Subnet,
    {
      id: 'sub-1',
      networkId: 'net-1',
      cidr: '2001:db8::/64',
      ipVersion: 6,
      segmentId: 'seg-1',
      enableDhcp: false,
      name: 'v6-subnet',
      projectId: 'proj-a',
      gatewayIp: '2001:db8::1',
      allocationPools: '[{"start":"2001:db8::2","end":"2001:db8::ffff:ffff:ffff:ffff"}]',
      dnsNameservers: '["2001:4860:4860::8888"]',
      hostRoutes: '[{"destination":"::/0","nexthop":"2001:db8::1"}]',
      ipv6AddressMode: 'slaac',
      ipv6RaMode: 'slaac',
      description: 'v6',
      revisionNumber: 2,
      createdAt: T2,
      updatedAt: T3,
    },
  ],
  [
    'Port',
    Port,
    {
      id: 'port-1',
      networkId: 'net-1',
      projectId: 'proj-a',
      name: 'vm-port',
      macAddress: 'fa:16:3e:aa:bb:cc',
      fixedIps: '[{"subnet_id":"sub-1","ip_address":"2001:db8::5"}]',
      deviceId: 'vm-1',
      deviceOwner: 'compute:nova',
      status: 'ACTIVE',
      adminStateUp: false,
      dnsName: 'vm1',
      createdAt: T2,
      description: 'eth0',
      allowedAddressPairs: '[{"ip_address":"2001:db8::9","mac_address":"fa:16:3e:aa:bb:cc"}]',
      revisionNumber: 4,
      updatedAt: T3,
    },
  ],
  [
    'PortBinding',
    PortBinding,
    {
      portId: 'port-1',
      host: 'compute-1',
      vnicType: 'direct',
      profile: '{"pci_slot":"0000:05:00.1"}',
      vifType: 'hw_veb',
      vifDetails: '{"vlan":"100"}',
      status: 'INACTIVE',
      revisionNumber: 2,
      updatedAt: T3,
    },
  ],
  [
    'PortBindingLevel',
    PortBindingLevel,
    { portId: 'port-1', host: 'compute-1', level: 1, driver: 'sriovnicswitch', segmentId: 'seg-1' },
  ],
  ['ProvisioningBlock', ProvisioningBlock, { portId: 'port-1', entity: 'DHCP' }],
  [
    'BindingTraceRecord',
    BindingTraceRecord,
    { portId: 'port-1', trace: '{"levels":[]}', recordedAt: T3 },
  ],
  [
    'Agent',
    Agent,
    {
      id: 'agent-1',
      agentType: 'Open vSwitch agent',
      binary: 'neutron-openvswitch-agent',
      topic: 'N/A',
      host: 'compute-1',
      availabilityZone: 'az-1',
      adminStateUp: false,
      createdAt: T1,
      startedAt: T2,
      heartbeatTimestamp: T3,
      description: 'rack 4',
      configurations: '{"bridge_mappings":{"physnet1":"br-eth1"}}',
      resourceVersions: '{"Port":"1.4"}',
      load: 12,
    },
  ],
  [
    'VlanAllocation',
    VlanAllocation,
    { physicalNetwork: 'physnet1', vlanId: 4094, allocated: true },
  ],
  ['VxlanAllocation', VxlanAllocation, { id: 16777215, allocated: true }],
  ['GeneveAllocation', GeneveAllocation, { id: 1, allocated: true }],
  ['GreAllocation', GreAllocation, { id: 4294967295, allocated: false }],
  ['FlatAllocation', FlatAllocation, { physicalNetwork: 'physnet2' }],
  ['Tag', Tag, { resourceType: 'networks', resourceId: 'net-1', tag: 'Ünïcode tag, 255 max' }],
  [
    'VxlanEndpoint',
    VxlanEndpoint,
    {
      ipAddress: 'ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255',
      udpPort: 65535,
      host: 'h'.repeat(255),
    },
  ],
  ['GreEndpoint', GreEndpoint, { ipAddress: '192.0.2.1', host: 'compute-1' }],
  ['GeneveEndpoint', GeneveEndpoint, { ipAddress: '2001:db8::1', host: null }],
];

/**
 * The full rows for a dialect. PostgreSQL's and MySQL's `integer` is 32 bits, signed (as in
 * Neutron's schema): a GRE id above 2^31 - 1 fits only on SQLite.
 */
function fullRowsFor(dialect: string): typeof FULL_ROWS {
  if (dialect === 'sqlite') return FULL_ROWS;
  return FULL_ROWS.map(([name, target, row]) =>
    name === 'GreAllocation' ? [name, target, { ...row, id: 2147483647 }] : [name, target, row],
  );
}

/** Minimal rows (required columns only) and the defaults / NULLs they must read back with. */
const MINIMAL_ROWS: [string, EntityTarget<ObjectLiteral>, ObjectLiteral, ObjectLiteral][] = [
  [
    'Network',
    Network,
    { id: 'net-2', mtu: 1500, createdAt: T1 },
    {
      projectId: '',
      name: '',
      adminStateUp: true,
      routerExternal: false,
      vlanTransparent: false,
      description: '',
      shared: false,
      availabilityZoneHints: '[]',
      revisionNumber: 0,
      updatedAt: null,
    },
  ],
  [
    'NetworkSegment',
    NetworkSegment,
    { id: 'seg-2', networkId: 'net-2', networkType: 'vxlan' },
    {
      physicalNetwork: null,
      segmentationId: null,
      segmentIndex: 0,
      isDynamic: false,
      mtu: 0,
      name: null,
      description: null,
      revisionNumber: 0,
      createdAt: null,
      updatedAt: null,
    },
  ],
  [
    'Subnet',
    Subnet,
    { id: 'sub-2', networkId: 'net-2', cidr: '10.0.0.0/24', ipVersion: 4 },
    {
      segmentId: null,
      enableDhcp: true,
      name: '',
      projectId: '',
      gatewayIp: null,
      allocationPools: '[]',
      dnsNameservers: '[]',
      hostRoutes: '[]',
      ipv6AddressMode: null,
      ipv6RaMode: null,
      description: '',
      revisionNumber: 0,
      createdAt: null,
      updatedAt: null,
    },
  ],
  [
    'Port',
    Port,
    {
      id: 'port-2',
      networkId: 'net-2',
      macAddress: 'fa:16:3e:00:00:02',
      status: 'DOWN',
      createdAt: T1,
    },
    {
      projectId: '',
      name: '',
      fixedIps: '[]',
      deviceId: '',
      deviceOwner: '',
      adminStateUp: true,
      dnsName: '',
      description: '',
      allowedAddressPairs: '[]',
      revisionNumber: 0,
      updatedAt: null,
    },
  ],
  [
    'PortBinding',
    PortBinding,
    // `host` is part of the key: TypeORM cannot re-read a row whose key the database filled in.
    { portId: 'port-2', host: '', vifType: 'unbound' },
    {
      vnicType: 'normal',
      profile: '',
      vifDetails: '',
      status: 'ACTIVE',
      revisionNumber: 0,
      updatedAt: null,
    },
  ],
  [
    'PortBindingLevel',
    PortBindingLevel,
    { portId: 'port-2', host: 'compute-2', level: 0, driver: 'openvswitch' },
    { segmentId: null },
  ],
  [
    'Agent',
    Agent,
    {
      id: 'agent-2',
      agentType: 'Linux bridge agent',
      binary: 'neutron-linuxbridge-agent',
      topic: 'N/A',
      host: 'compute-2',
      createdAt: T1,
      startedAt: T1,
      heartbeatTimestamp: T1,
    },
    {
      availabilityZone: null,
      adminStateUp: true,
      description: null,
      configurations: '{}',
      resourceVersions: null,
      load: 0,
    },
  ],
];

describeEachDatabase('entity round trips on a $label database', (kind) => {
  let database: TestDatabase;
  let store: Store;

  beforeAll(async () => {
    database = await kind.create();
    store = await openStore({ url: database.url });
  });

  afterAll(async () => {
    await store.close();
    await database.remove();
  });

  async function readBack(
    target: EntityTarget<ObjectLiteral>,
    row: ObjectLiteral,
  ): Promise<ObjectLiteral | null> {
    return store.read((manager: EntityManager) => {
      const key = manager.getRepository(target).getId(manager.create(target, row));
      const where = typeof key === 'object' ? key : { [primaryProperty(manager, target)]: key };
      return manager.findOneBy(target, where);
    });
  }

  it.each(fullRowsFor(kind.dialect))(
    '%s reads back every column it was saved with',
    async (_name, target, row) => {
      await store.transaction(async (manager) => {
        await manager.insert(target, row);
      });

      const saved = await readBack(target, row);
      expect(saved).toBeInstanceOf(target as new () => unknown);
      expect({ ...saved }).toEqual(row);
    },
  );

  it.each(MINIMAL_ROWS)(
    '%s gets its declared defaults and NULLs',
    async (_name, target, row, defaults) => {
      await store.transaction(async (manager) => {
        await manager.insert(target, row);
      });

      expect({ ...(await readBack(target, row)) }).toEqual({ ...row, ...defaults });
    },
  );

  it('fills an inserted entity with its defaults, hydrated (booleans stay booleans)', async () => {
    const network = { id: 'net-defaults', mtu: 1500, createdAt: T1 };

    await store.transaction((manager) => manager.insert(Network, network));

    expect(network).toMatchObject({ adminStateUp: true, routerExternal: false, name: '' });
  });

  it('stores dates as UTC wall-clock time, whatever the time zone of the process', async () => {
    const sql =
      kind.dialect === 'postgres'
        ? `SELECT to_char(heartbeat_timestamp, 'YYYY-MM-DD HH24:MI:SS.MS') AS stored FROM agents WHERE id = 'agent-1'`
        : kind.dialect === 'mysql'
          ? `SELECT DATE_FORMAT(heartbeat_timestamp, '%Y-%m-%d %H:%i:%s.%f') AS stored FROM agents WHERE id = 'agent-1'`
          : `SELECT heartbeat_timestamp AS stored FROM agents WHERE id = 'agent-1'`;

    const [{ stored }] = (await store.read((manager) => manager.query(sql))) as {
      stored: string;
    }[];

    expect(stored.slice(0, 23)).toBe('2026-12-31 23:59:59.999');
  });

  it('keeps the millisecond of a date, in UTC', async () => {
    const agent = await store.read((manager) => manager.findOneByOrFail(Agent, { id: 'agent-1' }));

    expect(agent.heartbeatTimestamp).toBeInstanceOf(Date);
    expect(agent.heartbeatTimestamp.toISOString()).toBe('2026-12-31T23:59:59.999Z');
  });
});

function primaryProperty(manager: EntityManager, target: EntityTarget<ObjectLiteral>): string {
  return manager.getRepository(target).metadata.primaryColumns[0].propertyName;
}
