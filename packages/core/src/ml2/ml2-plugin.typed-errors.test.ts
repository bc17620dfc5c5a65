import {
  BadRequest,
  Conflict,
  InvalidIpForSubnet,
  IpAddressInUse,
  MacAddressInUse,
  type Ml2Error,
  NetworkIdsDontMatch,
  NetworkInUse,
  NetworkMacAddressGenerationFailure,
  NetworkNotFound,
  NotFound,
  PortBound,
  PortExists,
  PortNotFound,
  SegmentNotFound,
  SubnetInUse,
  SubnetNotFound,
} from '@ml2ts/driver-api';
import { createEngine, type Engine } from '../engine/create-engine';
import {
  dumpDatabase,
  ovsReport,
  sequentialIds,
  startTestEngine,
  TestAgentDriver,
  type TestEngine,
} from '../test-support/test-engine';
import { type Ml2Plugin } from './ml2-plugin';

type ErrorClass = abstract new (...args: never[]) => Ml2Error;

describe('every conflict and not-found the engine answers is a named error class', () => {
  let engine: TestEngine;
  let plugin: Ml2Plugin;
  let networkId: string;
  let subnetId: string;
  let portId: string;
  let macAddress: string;
  let otherSegmentId: string;

  beforeEach(async () => {
    engine = await startTestEngine([new TestAgentDriver()]);
    plugin = engine.plugin;
    await plugin.rpc.reportState(ovsReport('host1'));
    networkId = (await plugin.createNetwork({})).id;
    subnetId = (await plugin.createSubnet({ network_id: networkId, cidr: '10.0.0.0/24' })).id;
    const port = await plugin.createPort({
      network_id: networkId,
      'binding:host_id': 'host1',
      fixed_ips: [{ subnet_id: subnetId, ip_address: '10.0.0.5' }],
    });
    portId = port.id;
    macAddress = port.mac_address;
    const other = await plugin.createNetwork({});
    otherSegmentId = (await plugin.listSegments(other.id))[0].id;
  });
  afterEach(async () => engine.close());

  const cases: Array<[string, () => Promise<unknown>, ErrorClass, ErrorClass, string, number]> = [
    [
      'deleting a network that still has ports',
      () => plugin.deleteNetwork(networkId),
      NetworkInUse,
      Conflict,
      'NetworkInUse',
      409,
    ],
    [
      'deleting a subnet a port has an address on',
      () => plugin.deleteSubnet(subnetId),
      SubnetInUse,
      Conflict,
      'SubnetInUse',
      409,
    ],
    [
      'creating a port with the id of another port',
      () => plugin.createPort({ network_id: networkId, id: portId }),
      PortExists,
      Conflict,
      'PortExists',
      409,
    ],
    [
      'creating a port with an address another port has',
      () =>
        plugin.createPort({
          network_id: networkId,
          fixed_ips: [{ subnet_id: subnetId, ip_address: '10.0.0.5' }],
        }),
      IpAddressInUse,
      Conflict,
      'IpAddressInUse',
      409,
    ],
    [
      'creating a port with a MAC another port of the network has',
      () => plugin.createPort({ network_id: networkId, mac_address: macAddress }),
      MacAddressInUse,
      Conflict,
      'MacAddressInUse',
      409,
    ],
    [
      'changing the MAC of a bound port',
      () => plugin.updatePort(portId, { mac_address: 'fa:16:3e:aa:bb:cc' }),
      PortBound,
      Conflict,
      'PortBound',
      409,
    ],
    [
      'creating a port with an address outside its subnet',
      () =>
        plugin.createPort({
          network_id: networkId,
          fixed_ips: [{ subnet_id: subnetId, ip_address: '10.9.0.5' }],
        }),
      InvalidIpForSubnet,
      BadRequest,
      'InvalidIpForSubnet',
      400,
    ],
    [
      'creating a subnet on an unknown segment',
      () =>
        plugin.createSubnet({
          network_id: networkId,
          cidr: '10.1.0.0/24',
          segment_id: 'no-such-segment',
        }),
      SegmentNotFound,
      NotFound,
      'SegmentNotFound',
      404,
    ],
    [
      'creating a subnet on a segment of another network',
      () =>
        plugin.createSubnet({
          network_id: networkId,
          cidr: '10.1.0.0/24',
          segment_id: otherSegmentId,
        }),
      NetworkIdsDontMatch,
      BadRequest,
      'NetworkIdsDontMatch',
      400,
    ],
    [
      'updating an unknown network',
      () => plugin.updateNetwork('no-such-network', { name: 'x' }),
      NetworkNotFound,
      NotFound,
      'NetworkNotFound',
      404,
    ],
    [
      'deleting an unknown subnet',
      () => plugin.deleteSubnet('no-such-subnet'),
      SubnetNotFound,
      NotFound,
      'SubnetNotFound',
      404,
    ],
    [
      'reading an unknown port',
      () => plugin.getPort('no-such-port'),
      PortNotFound,
      NotFound,
      'PortNotFound',
      404,
    ],
  ];

  it.each(cases)('%s', async (_label, act, named, family, type, status) => {
    const before = await dumpDatabase(engine);
    const error = await act().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(named);
    expect(error).toBeInstanceOf(family);
    expect(error).toMatchObject({ type, httpStatus: status });
    expect(await dumpDatabase(engine)).toEqual(before);
  });
});

describe('MAC generation', () => {
  let engine: Engine | undefined;
  afterEach(async () => engine?.close());

  it('gives up with NetworkMacAddressGenerationFailure (503) when every generated MAC is taken', async () => {
    const ids = sequentialIds();
    engine = await createEngine({
      database: ':memory:',
      ids: { uuid: ids.uuid, macAddress: () => 'fa:16:3e:00:00:01' },
      overrides: {
        ml2: { mechanism_drivers: [], tenant_network_types: ['vxlan'] },
        ml2_type_vxlan: { vni_ranges: ['1001:1003'] },
      },
    });
    const network = await engine.plugin.createNetwork({});
    await engine.plugin.createPort({ network_id: network.id });
    const error = await engine.plugin
      .createPort({ network_id: network.id })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NetworkMacAddressGenerationFailure);
    expect(error).toMatchObject({ type: 'NetworkMacAddressGenerationFailure', httpStatus: 503 });
    expect(await engine.plugin.listPorts({ network_id: network.id })).toHaveLength(1);
  });
});
