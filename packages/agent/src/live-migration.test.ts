import { PortStatus, VifType } from '@ml2ts/driver-api';
import { type AgentEvent } from './agent-event';
import { InMemoryBridge } from './in-memory-bridge';
import { type L2Agent } from './l2-agent';
import { createOvsAgent } from './ovs-agent';
import {
  type AgentTestBed,
  ovsExternalIds,
  startAgentTestBed,
} from './test-support/agent-test-bed';

const POLL = 2_000;

/**
 * Live migration through the host bindings (`binding-extended`): two Open vSwitch agents, the
 * VM's port bound on compute1, an INACTIVE binding for compute2, then its activation.
 */
describe('live migration between two Open vSwitch agents', () => {
  let bed: AgentTestBed;
  const agents: L2Agent[] = [];
  beforeEach(async () => {
    bed = await startAgentTestBed();
  });
  afterEach(async () => {
    for (const agent of agents.splice(0)) await agent.stop();
    await bed.close();
  });

  async function startOvs(host: string, tunnelingIp: string) {
    const bridge = new InMemoryBridge('br-int');
    const events: AgentEvent[] = [];
    const agent = createOvsAgent({
      host,
      transport: bed.transport,
      bridge,
      scheduler: bed.scheduler,
      initialReportDelayMax: 0,
      reportJitterMax: 0,
      tunnelTypes: ['vxlan'],
      tunnelingIp,
      observer: (event) => events.push(event),
    });
    agents.push(agent);
    await agent.start();
    return { bridge, events };
  }

  function plug(bridge: InMemoryBridge, port: { id: string; mac_address: string }): string {
    const name = `qvo${port.id.slice(0, 11)}`;
    bridge.addInterface({ name, externalIds: ovsExternalIds(port) });
    return name;
  }

  it('the target waits until the activation, then wires the port, which goes ACTIVE there', async () => {
    const source = await startOvs('compute1', '192.0.2.11');
    const target = await startOvs('compute2', '192.0.2.12');
    await bed.scheduler.runDue();
    const network = await bed.plugin.createNetwork({});
    const port = await bed.plugin.createPort({
      network_id: network.id,
      device_owner: 'compute:nova',
      'binding:host_id': 'compute1',
    });
    const sourceName = plug(source.bridge, port);
    await bed.scheduler.advance(POLL);
    expect((await bed.plugin.getPort(port.id)).status).toBe(PortStatus.ACTIVE);

    const inactive = await bed.plugin.createPortBinding(port.id, { host: 'compute2' });
    expect(inactive).toMatchObject({ vif_type: VifType.OVS, status: 'INACTIVE' });
    const targetName = plug(target.bridge, port);
    await bed.scheduler.advance(POLL);
    // Not its port yet: the target agent leaves it unwired and reports nothing.
    expect(target.bridge.wiringOf(targetName) ?? null).toBeNull();
    expect(target.events).toContainEqual(
      expect.objectContaining({ type: 'deviceWired', device: port.id, outcome: 'waiting' }),
    );
    expect((await bed.plugin.getPort(port.id)).status).toBe(PortStatus.ACTIVE);

    await bed.plugin.activatePortBinding(port.id, 'compute2');
    expect((await bed.plugin.getPort(port.id)).status).toBe(PortStatus.DOWN);
    await bed.scheduler.advance(POLL);
    expect(target.bridge.wiringOf(targetName)).toMatchObject({ kind: 'ovs', tag: 1 });
    const moved = await bed.plugin.getPort(port.id);
    expect(moved).toMatchObject({ 'binding:host_id': 'compute2', status: PortStatus.ACTIVE });
    expect(bed.transitions(port.id)).toEqual(['DOWN→ACTIVE', 'ACTIVE→DOWN', 'DOWN→ACTIVE']);

    // The VM leaves the source: its device going down there does not touch the port.
    source.bridge.removeInterface(sourceName);
    await bed.scheduler.advance(POLL);
    expect((await bed.plugin.getPort(port.id)).status).toBe(PortStatus.ACTIVE);
    await bed.plugin.deletePortBinding(port.id, 'compute1');
    expect((await bed.plugin.listPortBindings(port.id)).map((binding) => binding.host)).toEqual([
      'compute2',
    ]);
  });
});
