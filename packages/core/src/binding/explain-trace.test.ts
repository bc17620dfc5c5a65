import { type BindingTrace, DeclineReason } from '@ml2ts/driver-api';
import { explainTrace } from './explain-trace';

const segment = {
  id: 'seg',
  networkType: 'vxlan',
  physicalNetwork: null,
  segmentationId: 1001,
  isDynamic: false,
};

function failedTrace(
  reasons: BindingTrace['attempts'][number]['entries'][number]['reasons'],
): BindingTrace {
  return {
    portId: 'p1',
    host: 'host1',
    vnicType: 'normal',
    startedAt: '2026-01-01T00:00:00.000Z',
    outcome: 'failed',
    vifType: 'binding_failed',
    attempts: [
      {
        attempt: 1,
        outcome: 'failed',
        entries: [
          { level: 0, driver: 'openvswitch', segments: [segment], decision: 'declined', reasons },
        ],
      },
    ],
  };
}

describe('explainTrace', () => {
  it('says which agent is dead, how old its heartbeat is and what to do', () => {
    const text = explainTrace(
      failedTrace([
        {
          code: DeclineReason.AGENT_DEAD,
          agentId: 'a1',
          facts: { heartbeatAgeSeconds: 3600.2, agentDownTime: 75 },
        },
      ]),
    ).join('\n');
    expect(text).toContain('failed to bind');
    expect(text).toContain('level 0, driver openvswitch: declined vxlan 1001');
    expect(text).toContain(
      'agent a1 is dead: its last heartbeat was 3600 s ago, more than agent_down_time (75 s)',
    );
    expect(text).toContain('restart the agent');
  });

  it('names the unmapped physical network and the mappings the agent has', () => {
    const text = explainTrace(
      failedTrace([
        {
          code: DeclineReason.PHYSNET_NOT_MAPPED,
          agentId: 'a1',
          facts: { physicalNetwork: 'physnet2', mappings: { physnet1: 'br-eth1' } },
        },
      ]),
    ).join('\n');
    expect(text).toContain("no mapping for physical network 'physnet2' (it maps: physnet1)");
  });

  it('explains a missing agent', () => {
    const text = explainTrace(
      failedTrace([
        {
          code: DeclineReason.NO_AGENT_ON_HOST,
          facts: { agentType: 'Open vSwitch agent', host: 'host1' },
        },
      ]),
    ).join('\n');
    expect(text).toContain("no Open vSwitch agent is registered on host 'host1'");
  });

  it("keeps a driver's own message and facts after the sentence for a built-in code", () => {
    const text = explainTrace(
      failedTrace([
        {
          code: DeclineReason.HOST_NOT_SERVED,
          message: 'add compute-9 to fabric_vhost.hosts once it is cabled to the fabric',
          facts: { host: 'compute-9', hosts: ['compute-1', 'compute-2'] },
        },
      ]),
    ).join('\n');
    expect(text).toContain(
      '    - the driver does not serve host \'compute-9\'. The driver says: add compute-9 to fabric_vhost.hosts once it is cabled to the fabric. Other facts: {"hosts":["compute-1","compute-2"]}.',
    );
  });

  it('adds only the facts the built-in sentence did not use, and no message twice', () => {
    const [, , noAgent, dynamic] = explainTrace(
      failedTrace([
        {
          code: DeclineReason.NO_AGENT_ON_HOST,
          message: 'Is the agent started with --host?',
          facts: { agentType: 'Open vSwitch agent', host: 'host1' },
        },
        {
          code: DeclineReason.DYNAMIC_SEGMENT_UNAVAILABLE,
          message: 'no VLAN left on physnet1',
          facts: { physicalNetwork: 'physnet1' },
        },
      ]),
    );
    expect(noAgent).toBe(
      "    - no Open vSwitch agent is registered on host 'host1'; start the agent there, and check that its host name equals binding:host_id exactly. The driver says: Is the agent started with --host?",
    );
    expect(dynamic).toBe(
      '    - no dynamic segment could be allocated: no VLAN left on physnet1; check the VLAN ranges of the physical network. Other facts: {"physicalNetwork":"physnet1"}.',
    );
  });

  it("shows a driver's own code with its message and facts", () => {
    const text = explainTrace(
      failedTrace([
        { code: 'switch_port_down', message: 'uplink te1/0/7 is down', facts: { rack: 'r12' } },
      ]),
    ).join('\n');
    expect(text).toContain('    - switch_port_down: uplink te1/0/7 is down {"rack":"r12"}.');
  });

  it('says a driver timed out, with the deadline and what to do', () => {
    const trace = failedTrace([]);
    const timedOut: BindingTrace = {
      ...trace,
      attempts: [
        {
          ...trace.attempts[0],
          entries: [
            {
              level: 0,
              driver: 'fabric',
              segments: [segment],
              decision: 'timeout',
              reasons: [{ code: DeclineReason.DRIVER_TIMEOUT, facts: { driverTimeout: 2.5 } }],
              error: 'bindPort did not settle within 2.5 s ([ml2] driver_timeout)',
            },
          ],
        },
      ],
    };
    expect(explainTrace(timedOut)[1]).toBe(
      '  level 0, driver fabric: did not answer within 2.5 s ([ml2] driver_timeout), so it ' +
        'counted as not bound, the next driver was asked, and anything it did afterwards was ' +
        'ignored; find what the driver waits for (its backend, a lock), or raise [ml2] ' +
        'driver_timeout.',
    );
  });

  it('has sentences for the timeout and invalid-result reason codes', () => {
    const text = explainTrace(
      failedTrace([
        { code: DeclineReason.DRIVER_TIMEOUT, facts: { driverTimeout: 30 } },
        {
          code: DeclineReason.INVALID_BINDING_RESULT,
          message: 'vif_details.vlan_id is a BigInt (100n), which JSON cannot hold',
        },
      ]),
    ).join('\n');
    expect(text).toContain(
      "    - the driver's bindPort did not settle within 30 s ([ml2] driver_timeout); it counted as not bound",
    );
    expect(text).toContain(
      '    - the driver bound with a result that cannot be stored: vif_details.vlan_id is a BigInt (100n), which JSON cannot hold; fix the driver (the next driver was asked).',
    );
    expect(text).not.toContain('The driver says');
  });

  it('explains a skipped binding', () => {
    expect(
      explainTrace({
        portId: 'p1',
        host: 'h',
        vnicType: 'normal',
        startedAt: '',
        outcome: 'not_attempted',
        vifType: 'unbound',
        note: 'the network has no static segments',
        attempts: [],
      }),
    ).toEqual([
      "Port p1 on host 'h' (vnic_type normal) was not bound: the network has no static segments.",
    ]);
  });
});
