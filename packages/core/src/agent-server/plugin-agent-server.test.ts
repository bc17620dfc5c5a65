import { PortStatus } from '@ml2ts/driver-api';
import { type AgentRpc } from '../ml2/agent-rpc';
import { type DeviceRequest } from '@ml2ts/agent-rpc';
import {
  ovsReport,
  startTestEngine,
  TestAgentDriver,
  type TestEngine,
} from '../test-support/test-engine';
import { PluginAgentServer } from './plugin-agent-server';
import { type SecurityGroupInfoReader } from './security-group-info';
import { type VersionedObjectReader } from './versioned-objects';

describe('PluginAgentServer', () => {
  let engine: TestEngine | undefined;
  afterEach(async () => {
    await engine?.close();
    engine = undefined;
  });

  it('resolves SR-IOV devices by MAC address and PCI slot in bulk calls', async () => {
    engine = await startTestEngine([new TestAgentDriver()]);
    const { plugin } = engine;
    await plugin.rpc.reportState(ovsReport('host1'));
    const networkA = await plugin.createNetwork({});
    const networkB = await plugin.createNetwork({});
    const mac = 'fa:16:3e:aa:bb:cc';
    const onA = await plugin.createPort({
      network_id: networkA.id,
      mac_address: mac,
      'binding:host_id': 'host1',
      'binding:profile': { pci_slot: '0000:05:00.1' },
    });
    const onB = await plugin.createPort({
      network_id: networkB.id,
      mac_address: mac,
      'binding:host_id': 'host1',
      'binding:profile': { pci_slot: '0000:05:00.2' },
    });
    const server = new PluginAgentServer(plugin);

    const details = await server.getDevicesDetailsList({
      devices: [{ device: mac, pci_slot: '0000:05:00.2' }, mac],
      host: 'host1',
    });
    // The bare MAC matches two ports, so it resolves to nothing.
    expect(details.devices.map((device) => device.port_id)).toEqual([onB.id, undefined]);
    expect((await plugin.getPort(onB.id)).status).toBe(PortStatus.BUILD);
    expect((await plugin.getPort(onA.id)).status).toBe(PortStatus.DOWN);

    const result = await server.updateDeviceList({
      devices_up: [{ device: mac, pci_slot: '0000:05:00.2' }],
      devices_down: [{ device: mac, pci_slot: '0000:05:00.1' }],
      host: 'host1',
    });
    expect(result).toEqual({
      devices_up: [mac],
      failed_devices_up: [],
      devices_down: [{ device: mac, exists: true }],
      failed_devices_down: [],
    });
    expect((await plugin.getPort(onB.id)).status).toBe(PortStatus.ACTIVE);
  });

  it('lists a device whose handler throws as failed and still handles the others', async () => {
    const seen: DeviceRequest[] = [];
    const failing = (request: DeviceRequest) => {
      seen.push(request);
      if (request.device === 'bad') throw new Error('boom');
    };
    const rpc = {
      getDeviceDetails: async (request: DeviceRequest) => {
        failing(request);
        return { device: request.device };
      },
      updateDeviceUp: async (request: DeviceRequest) => failing(request),
      updateDeviceDown: async (request: DeviceRequest) => {
        failing(request);
        return { device: request.device, exists: true };
      },
    } as unknown as AgentRpc;
    const server = new PluginAgentServer({
      rpc,
      versionedObjects: {} as unknown as VersionedObjectReader,
      securityGroupInfo: {} as unknown as SecurityGroupInfoReader,
    });

    expect(
      await server.getDevicesDetailsList({ devices: ['bad', 'good'], host: 'h', agent_id: 'a' }),
    ).toEqual({ devices: [{ device: 'good' }], failed_devices: ['bad'] });
    expect(seen[1]).toEqual({ device: 'good', host: 'h', agent_id: 'a' });
    expect(
      await server.updateDeviceList({ devices_up: ['bad', 'good'], devices_down: ['good', 'bad'] }),
    ).toEqual({
      devices_up: ['good'],
      failed_devices_up: ['bad'],
      devices_down: [{ device: 'good', exists: true }],
      failed_devices_down: ['bad'],
    });
  });
});
