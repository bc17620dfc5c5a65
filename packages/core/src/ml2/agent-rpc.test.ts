import { PortStatus, VifType } from '@ml2ts/driver-api';
import {
  ovsReport,
  startTestEngine,
  TestAgentDriver,
  type TestEngine,
} from '../test-support/test-engine';
import { PluginAgentServer } from '../agent-server/plugin-agent-server';

describe('AgentRpc', () => {
  let engine: TestEngine;
  afterEach(async () => engine?.close());

  async function setup() {
    engine = await startTestEngine([new TestAgentDriver()]);
    await engine.plugin.rpc.reportState(ovsReport('host1'));
    const network = await engine.plugin.createNetwork({});
    return { plugin: engine.plugin, network };
  }

  it('describeDevice answers the bound segment without binding or changing the status', async () => {
    const { plugin, network } = await setup();
    const bound = await plugin.createPort({ network_id: network.id, 'binding:host_id': 'host1' });
    expect(await plugin.rpc.describeDevice({ device: bound.id, host: 'host1' })).toMatchObject({
      port_id: bound.id,
      network_type: 'vxlan',
      segmentation_id: 1001,
      vif_type: VifType.OVS,
    });
    expect((await plugin.getPort(bound.id)).status).toBe(PortStatus.DOWN);

    const failed = await plugin.createPort({ network_id: network.id, 'binding:host_id': 'host2' });
    await plugin.rpc.reportState(ovsReport('host2'));
    expect(await plugin.rpc.describeDevice({ device: failed.id, host: 'host2' })).toEqual({
      device: failed.id,
    });
    expect((await plugin.getPort(failed.id))['binding:vif_type']).toBe(VifType.BINDING_FAILED);
  });

  it('maps tap names, id prefixes and MAC addresses to ports; ambiguous prefixes to nothing', async () => {
    const { plugin, network } = await setup();
    const port = await plugin.createPort({
      network_id: network.id,
      id: 'abcdef01-0000-4000-8000-000000000001',
      mac_address: 'fa:16:3e:11:22:33',
      'binding:host_id': 'host1',
    });
    await plugin.createPort({
      network_id: network.id,
      id: 'abcdef01-0000-4000-8000-000000000002',
      'binding:host_id': 'host1',
    });
    const tap = await plugin.rpc.describeDevice({ device: 'tapabcdef01-00', host: 'host1' });
    expect(tap).toEqual({ device: 'tapabcdef01-00' }); // prefix of two ports
    const full = await plugin.rpc.describeDevice({ device: `qvo${port.id}`, host: 'host1' });
    expect(full.port_id).toBe(port.id);
    const byMac = await plugin.rpc.describeDevice({ device: 'FA:16:3E:11:22:33', host: 'host1' });
    expect(byMac.port_id).toBe(port.id);
    const prefix = await plugin.rpc.describeDevice({
      device: 'abcdef01-0000-4000-8000-00000000000',
      host: 'host1',
    });
    expect(prefix).toEqual({ device: 'abcdef01-0000-4000-8000-00000000000' });
  });

  it('answers no_active_binding to a compute port asked for from another host', async () => {
    const { plugin, network } = await setup();
    const port = await plugin.createPort({
      network_id: network.id,
      device_owner: 'compute:nova',
      'binding:host_id': 'host1',
    });
    expect(await plugin.rpc.getDeviceDetails({ device: port.id, host: 'host9' })).toEqual({
      device: port.id,
      no_active_binding: true,
    });
    expect((await plugin.getPort(port.id)).status).toBe(PortStatus.DOWN);
  });

  it('applies device lists per device and reports unknown devices as handled', async () => {
    const { plugin, network } = await setup();
    const first = await plugin.createPort({ network_id: network.id, 'binding:host_id': 'host1' });
    const second = await plugin.createPort({ network_id: network.id, 'binding:host_id': 'host1' });
    const server = new PluginAgentServer(plugin);
    const details = await server.getDevicesDetailsList({
      devices: [first.id, 'unknown'],
      host: 'host1',
    });
    expect(details.devices.map((device) => device.port_id)).toEqual([first.id, undefined]);
    expect((await plugin.getPort(first.id)).status).toBe(PortStatus.BUILD);
    const result = await server.updateDeviceList({
      devices_up: [first.id],
      devices_down: [second.id, 'unknown'],
      host: 'host1',
    });
    expect(result).toEqual({
      devices_up: [first.id],
      failed_devices_up: [],
      devices_down: [
        { device: second.id, exists: true },
        { device: 'unknown', exists: false },
      ],
      failed_devices_down: [],
    });
    expect((await plugin.getPort(first.id)).status).toBe(PortStatus.ACTIVE);
    expect(await plugin.rpc.updateDeviceDown({ device: 'unknown', host: 'host1' })).toEqual({
      device: 'unknown',
      exists: false,
    });
  });

  it('sends vif-plugged to the compute side when a compute port turns ACTIVE', async () => {
    const { plugin, network } = await setup();
    const events: string[] = [];
    plugin.notifier.on('vifPlugged', ({ portId, status }) => events.push(`${portId}:${status}`));
    const port = await plugin.createPort({
      network_id: network.id,
      device_owner: 'compute:nova',
      'binding:host_id': 'host1',
    });
    await plugin.rpc.updateDeviceUp({ device: port.id, host: 'host1' });
    expect(events).toEqual([`${port.id}:ACTIVE`]);
  });

  it('casts port_update with the bottom segment when a bound port changes', async () => {
    const { plugin, network } = await setup();
    const updates: unknown[] = [];
    plugin.notifier.on('portUpdate', (event) => updates.push(event.segment));
    const port = await plugin.createPort({ network_id: network.id });
    expect(updates).toEqual([]); // no port_update on create
    await plugin.updatePort(port.id, { 'binding:host_id': 'host1' });
    expect(updates).toEqual([
      { network_type: 'vxlan', segmentation_id: 1001, physical_network: null },
    ]);
    const deletes: string[] = [];
    plugin.notifier.on('portDelete', ({ portId }) => deletes.push(portId));
    await plugin.deletePort(port.id);
    expect(deletes).toEqual([port.id]);
  });
});
