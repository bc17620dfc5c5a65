import { AgentType, DeclineReason, silentLogger } from '@ml2ts/driver-api';
import { createFakePortContext, makeAgent, makeConfiguration, makeSegment } from '@ml2ts/testkit';
import { SriovNicSwitchMechanismDriver } from './sriov-nic-switch-mechanism-driver';

/**
 * The SR-IOV driver's binding rules that surprise, as Neutron has them: which direct ports it
 * leaves to Open vSwitch, the type of its `vlan` detail and how `direct-physical` ports bind.
 */
describe('sriovnicswitch binding rules', () => {
  const vlan = makeSegment({
    networkType: 'vlan',
    physicalNetwork: 'physnet1',
    segmentationId: 1234,
  });
  const flat = makeSegment({ networkType: 'flat', physicalNetwork: 'physnet1' });
  const agent = makeAgent({
    agentType: AgentType.NIC_SWITCH,
    configurations: { device_mappings: { physnet1: ['ens1f0'] } },
  });
  const bind = (options: Parameters<typeof createFakePortContext>[0]) => {
    const context = createFakePortContext(options);
    new SriovNicSwitchMechanismDriver(makeConfiguration(), silentLogger).bindPort(context);
    return context;
  };

  it('refuses direct ports with switchdev (left to Open vSwitch hardware offload)', () => {
    const context = bind({
      vnicType: 'direct',
      profile: { capabilities: ['switchdev'] },
      segments: [vlan],
      agents: [agent],
    });
    expect(context.setBindingCalls).toEqual([]);
    expect(context.declineCodes).toEqual([DeclineReason.SWITCHDEV_NOT_SUPPORTED]);
  });

  it('vlan is a string ("0" for flat); direct-physical binds with no agent and asks for ACTIVE', () => {
    const onVlan = bind({ vnicType: 'direct', segments: [vlan], agents: [agent] })
      .setBindingCalls[0];
    expect(onVlan).toMatchObject({ vifType: 'hw_veb', status: 'DOWN' });
    expect(onVlan?.vifDetails.vlan).toBe('1234');
    const onFlat = bind({ vnicType: 'macvtap', segments: [flat], agents: [agent] })
      .setBindingCalls[0];
    expect(onFlat?.vifDetails.vlan).toBe('0');
    const physical = bind({
      vnicType: 'direct-physical',
      segments: [
        makeSegment({ networkType: 'vlan', physicalNetwork: 'unmapped', segmentationId: 7 }),
      ],
      agents: [],
    }).setBindingCalls[0];
    expect(physical).toMatchObject({ vifType: 'hostdev_physical', status: 'ACTIVE' });
    expect(physical?.vifDetails.vlan).toBe('7');
  });
});
