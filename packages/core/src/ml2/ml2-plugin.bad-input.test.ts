import { Ml2Error } from '@ml2ts/driver-api';
import {
  dumpDatabase,
  ovsReport,
  startTestEngine,
  TestAgentDriver,
  type TestEngine,
} from '../test-support/test-engine';
import { type Ml2Plugin } from './ml2-plugin';

describe('bad input gets a typed error and leaves the database unchanged', () => {
  let engine: TestEngine;
  let plugin: Ml2Plugin;
  let networkId: string;
  let portId: string;

  beforeEach(async () => {
    engine = await startTestEngine([new TestAgentDriver()]);
    plugin = engine.plugin;
    await plugin.rpc.reportState(ovsReport('host1'));
    networkId = (
      await plugin.createNetwork({
        'provider:network_type': 'vlan',
        'provider:physical_network': 'physnet1',
        'provider:segmentation_id': 120,
      })
    ).id;
    portId = (await plugin.createPort({ network_id: networkId, 'binding:host_id': 'host1' })).id;
  });
  afterEach(async () => engine.close());

  const cases: Array<[string, () => Promise<unknown>, string, number]> = [
    [
      'port on an unknown network',
      () => plugin.createPort({ network_id: 'no-such-network', 'binding:host_id': 'host1' }),
      'NetworkNotFound',
      404,
    ],
    [
      'malformed profile on create (a list)',
      () =>
        plugin.createPort({
          network_id: networkId,
          'binding:profile': ['pci'] as unknown as Record<string, unknown>,
        }),
      'InvalidInput',
      400,
    ],
    [
      'malformed profile on update (a string)',
      () =>
        plugin.updatePort(portId, {
          'binding:profile': 'pci_slot=1' as unknown as Record<string, unknown>,
        }),
      'InvalidInput',
      400,
    ],
    [
      'unknown vnic type',
      () => plugin.createPort({ network_id: networkId, 'binding:vnic_type': 'turbo' }),
      'InvalidInput',
      400,
    ],
    [
      'unknown vnic type on update',
      () => plugin.updatePort(portId, { 'binding:vnic_type': 'turbo' }),
      'InvalidInput',
      400,
    ],
    [
      'out-of-range VLAN id',
      () =>
        plugin.createNetwork({
          'provider:network_type': 'vlan',
          'provider:physical_network': 'physnet1',
          'provider:segmentation_id': 4095,
        }),
      'InvalidInput',
      400,
    ],
    [
      'taken VLAN id',
      () =>
        plugin.createNetwork({
          'provider:network_type': 'vlan',
          'provider:physical_network': 'physnet1',
          'provider:segmentation_id': 120,
        }),
      'VlanIdInUse',
      409,
    ],
    [
      'taken VNI in the second segment of a multi-segment network',
      () =>
        plugin.createNetwork({
          segments: [
            { 'provider:network_type': 'vxlan', 'provider:segmentation_id': 7000 },
            {
              'provider:network_type': 'vlan',
              'provider:physical_network': 'physnet1',
              'provider:segmentation_id': 120,
            },
          ],
        }),
      'VlanIdInUse',
      409,
    ],
    [
      'bad MAC on create',
      () => plugin.createPort({ network_id: networkId, mac_address: 'fa:16:3e:zz:00:01' }),
      'InvalidInput',
      400,
    ],
    [
      'bad MAC on update',
      () => plugin.updatePort(portId, { mac_address: '00:00:00:00:00:00' }),
      'InvalidInput',
      400,
    ],
    [
      'MAC already used on the network',
      async () => {
        const { mac_address } = await plugin.getPort(portId);
        return plugin.createPort({ network_id: networkId, mac_address });
      },
      'MacAddressInUse',
      409,
    ],
    [
      'update of an unknown port',
      () => plugin.updatePort('no-such-port', { name: 'x' }),
      'PortNotFound',
      404,
    ],
    [
      'host that is not a string',
      () => plugin.updatePort(portId, { 'binding:host_id': 42 as unknown as string }),
      'InvalidInput',
      400,
    ],
    [
      'provider attributes and a segments list together',
      () =>
        plugin.createNetwork({
          'provider:network_type': 'vxlan',
          segments: [{ 'provider:network_type': 'vxlan' }],
        }),
      'SegmentsSetInConjunctionWithProviders',
      400,
    ],
    [
      'a segments entry without any provider attribute',
      () => plugin.createNetwork({ segments: [{}] }),
      'InvalidInput',
      400,
    ],
    [
      'unknown network type',
      () => plugin.createNetwork({ 'provider:network_type': 'ethernet' }),
      'InvalidInput',
      400,
    ],
  ];

  it.each(cases)('%s', async (_name, act, type, status) => {
    const before = await dumpDatabase(engine);
    const error = await act().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Ml2Error);
    expect(error).toMatchObject({ type, httpStatus: status });
    expect((error as Error).message.length).toBeGreaterThan(10);
    expect(await dumpDatabase(engine)).toEqual(before);
  });

  it('no tenant segment left: NoNetworkAvailable 503, and the network is not created', async () => {
    for (let created = 0; created < 3; created++) await plugin.createNetwork({}); // VNIs 1001..1003
    const before = await dumpDatabase(engine);
    await expect(plugin.createNetwork({})).rejects.toMatchObject({
      type: 'NoNetworkAvailable',
      httpStatus: 503,
    });
    expect(await dumpDatabase(engine)).toEqual(before);
  });

  it('a failing driver pre-commit leaves nothing of the port behind', async () => {
    await engine.close();
    const failing = new TestAgentDriver();
    failing.createPortPrecommit = () => {
      throw new Error('refused by the driver');
    };
    engine = await startTestEngine([failing]);
    plugin = engine.plugin;
    const network = await plugin.createNetwork({});
    const before = await dumpDatabase(engine);
    await expect(plugin.createPort({ network_id: network.id })).rejects.toMatchObject({
      type: 'MechanismDriverError',
      httpStatus: 500,
    });
    expect(await dumpDatabase(engine)).toEqual(before);
  });

  it('direct-physical with an empty profile binds with a generated MAC instead of failing', async () => {
    await engine.close();
    engine = await startTestEngine([
      {
        name: 'vf',
        connectivity: 'l2',
        bindPort: (context) =>
          context.setBinding(context.segmentsToBind[0].id, 'hostdev_physical', {}, 'ACTIVE'),
      },
    ]);
    plugin = engine.plugin;
    const network = await plugin.createNetwork({});
    const port = await plugin.createPort({
      network_id: network.id,
      'binding:vnic_type': 'direct-physical',
      'binding:profile': {},
      'binding:host_id': 'host1',
    });
    expect(port['binding:vif_type']).toBe('hostdev_physical');
    expect(port.status).toBe('ACTIVE');
    expect(port.mac_address).toMatch(/^fa:16:3e:/);
    const withMac = await plugin.createPort({
      network_id: network.id,
      'binding:vnic_type': 'direct-physical',
      'binding:profile': { device_mac_address: '52:54:00:12:34:56' },
      'binding:host_id': 'host1',
    });
    expect(withMac.mac_address).toBe('52:54:00:12:34:56');
    // The same VF MAC again on this network: 409, and the port is not left behind.
    const before = await dumpDatabase(engine);
    await expect(
      plugin.createPort({
        network_id: network.id,
        'binding:vnic_type': 'direct-physical',
        'binding:profile': { device_mac_address: '52:54:00:12:34:56' },
        'binding:host_id': 'host1',
      }),
    ).rejects.toMatchObject({ type: 'MacAddressInUse', httpStatus: 409 });
    const after = await dumpDatabase(engine);
    expect(after.ports).toEqual(before.ports);
    expect(after.ml2_port_bindings).toEqual(before.ml2_port_bindings);
  });
});
