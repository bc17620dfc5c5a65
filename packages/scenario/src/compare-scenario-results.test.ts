import { compareScenarioResult, compareScenarioResults } from './compare-scenario-results';

const vxlan = {
  network_type: 'vxlan',
  physical_network: null,
  segmentation_id: 1001,
  segment_index: 0,
  is_dynamic: false,
};

const boundPort = (status: string) => ({
  exists: true,
  status,
  mac_address: '<generated>',
  'binding:host_id': 'host1',
  'binding:vnic_type': 'normal',
  'binding:profile': {},
  'binding:vif_type': 'ovs',
  'binding:vif_details': {
    connectivity: 'l2',
    port_filter: true,
    bound_drivers: { '0': 'openvswitch' },
  },
  binding_levels: [{ level: 0, driver: 'openvswitch', segment: { ...vxlan } }],
});

/** A small but complete result: setup, an RPC step, a heartbeat step and the final state. */
function recorded() {
  return {
    name: 'sample',
    description: 'one port bound by openvswitch',
    mechanism_drivers_loaded: ['openvswitch', 'linuxbridge'],
    setup: [
      { agent: 'ovs1', report_state_result: 'new' } as Record<string, unknown>,
      { network: 'net1' } as Record<string, unknown>,
      {
        op: 'create_port',
        port: 'p1',
        http_status: 201,
        bind_attempts: 1,
        driver_bind_calls: { openvswitch: 1 },
        ports: { p1: boundPort('DOWN') } as Record<string, unknown>,
      } as Record<string, unknown>,
    ],
    steps: [
      {
        index: 0,
        op: 'get_device_details',
        port: 'p1',
        host: 'host1',
        result: {
          has_details: true,
          network_type: 'vxlan',
          physical_network: null,
          segmentation_id: 1001,
          admin_state_up: true,
          device_owner: 'compute:nova',
        },
        ports: { p1: boundPort('BUILD') } as Record<string, unknown>,
      } as Record<string, unknown>,
      {
        index: 1,
        op: 'report_state',
        agent: 'ovs1',
        result: { report_state_result: 'alive' },
        ports: { p1: boundPort('BUILD') } as Record<string, unknown>,
      } as Record<string, unknown>,
    ],
    final: {
      ports: { p1: boundPort('BUILD') } as Record<string, unknown>,
      networks: { net1: { exists: true, segments: [{ ...vxlan }] } } as Record<string, unknown>,
      agents: {
        ovs1: {
          exists: true,
          alive: true,
          admin_state_up: true,
          host: 'host1',
          agent_type: 'Open vSwitch agent',
        },
      } as Record<string, unknown>,
    },
  };
}

type Result = ReturnType<typeof recorded>;

/** The differences between the recording and a copy of it changed by `change`. */
function differencesAfter(change: (result: Result) => void): string[] {
  const produced = recorded();
  change(produced);
  return compareScenarioResult(recorded(), produced);
}

const finalPort = (result: Result) => result.final.ports.p1 as ReturnType<typeof boundPort>;

/** Where a difference is: the part of its line before what it says. */
const where = (line: string) =>
  line.split(/: (?=expected|unexpected|port missing|record missing)/)[0];

describe('compareScenarioResult', () => {
  it('finds no difference between a result and an equal copy', () => {
    expect(compareScenarioResult(recorded(), recorded())).toEqual([]);
  });

  it('ignores the order of object keys but not the order of arrays', () => {
    const reordered = recorded();
    const port = finalPort(reordered);
    port['binding:vif_details'] = {
      bound_drivers: { '0': 'openvswitch' },
      port_filter: true,
      connectivity: 'l2',
    };
    expect(compareScenarioResult(recorded(), reordered)).toEqual([]);
    expect(differencesAfter((result) => result.mechanism_drivers_loaded.reverse())).toEqual([
      'mechanism_drivers_loaded: expected ["openvswitch","linuxbridge"], got ["linuxbridge","openvswitch"]',
    ]);
  });

  it('reports a changed binding in the final state, naming the port and the field', () => {
    expect(
      differencesAfter((result) => {
        finalPort(result)['binding:vif_type'] = 'binding_failed';
      }),
    ).toEqual(['final.ports.p1.binding:vif_type: expected "ovs", got "binding_failed"']);
  });

  it('reports a binding level on another segment after a step', () => {
    const differences = differencesAfter((result) => {
      const port = result.steps[0].ports as Record<string, ReturnType<typeof boundPort>>;
      port.p1.binding_levels[0].segment.segmentation_id = 1002;
    });
    expect(differences).toHaveLength(1);
    expect(differences[0]).toMatch(/^steps\[0\]\.ports\.p1\.binding_levels: expected .*1001.*1002/);
  });

  it('reports every port field that differs: status, MAC, host, vnic type, profile, details', () => {
    const differences = differencesAfter((result) => {
      const port = finalPort(result);
      port.status = 'ACTIVE';
      port.mac_address = 'fa:16:3e:00:00:01';
      port['binding:host_id'] = 'host2';
      port['binding:vnic_type'] = 'direct';
      port['binding:profile'] = { capabilities: ['switchdev'] };
      port['binding:vif_details'].port_filter = false;
      port.exists = false;
    });
    expect(differences.map(where)).toEqual([
      'final.ports.p1.exists',
      'final.ports.p1.status',
      'final.ports.p1.mac_address',
      'final.ports.p1.binding:host_id',
      'final.ports.p1.binding:vnic_type',
      'final.ports.p1.binding:profile',
      'final.ports.p1.binding:vif_details',
    ]);
  });

  it('reports a missing port and an unexpected port in steps and the final state', () => {
    expect(
      differencesAfter((result) => {
        delete result.final.ports.p1;
      }),
    ).toEqual(['final.ports.p1: port missing']);
    expect(
      differencesAfter((result) => {
        result.steps[1].ports = { ...(result.steps[1].ports as object), p2: boundPort('DOWN') };
        result.final.ports.p2 = boundPort('DOWN');
      }),
    ).toEqual(['steps[1].ports.p2: unexpected port', 'final.ports.p2: unexpected port']);
  });

  it('allows a setup record to list more ports than the recording, but not fewer', () => {
    expect(
      differencesAfter((result) => {
        result.setup[2].ports = { ...(result.setup[2].ports as object), p0: boundPort('DOWN') };
      }),
    ).toEqual([]);
    expect(
      differencesAfter((result) => {
        result.setup[2].ports = {};
      }),
    ).toEqual(['setup[2].ports.p1: port missing']);
  });

  it('reports an extra step, a missing step and a missing setup record', () => {
    expect(
      differencesAfter((result) => {
        result.steps.push({ index: 2, op: 'snapshot', ports: result.final.ports });
      }),
    ).toEqual(['steps: expected 2 records, got 3']);
    expect(
      differencesAfter((result) => {
        result.steps.pop();
      }),
    ).toEqual(['steps[1]: record missing', 'steps: expected 2 records, got 1']);
    expect(
      differencesAfter((result) => {
        result.setup.splice(1, 1);
      }),
    ).toContain('setup: expected 3 records, got 2');
  });

  it('reports a record with another operation, label or HTTP status', () => {
    expect(
      differencesAfter((result) => {
        result.setup[2].op = 'update_port';
        result.setup[2].port = 'p9';
        result.setup[2].http_status = 200;
        result.setup[1].network = 'net2';
      }),
    ).toEqual([
      'setup[1].network: expected "net1", got "net2"',
      'setup[2].op: expected "create_port", got "update_port"',
      'setup[2].port: expected "p1", got "p9"',
      'setup[2].http_status: expected 201, got 200',
    ]);
  });

  it('reports an error the recording does not have, and one it has that did not happen', () => {
    expect(
      differencesAfter((result) => {
        result.setup[1].error = { http_status: 400, type: 'InvalidInput', message: 'no' };
      }),
    ).toEqual(['setup[1].error.http_status: expected null, got 400']);
    const recording = recorded();
    recording.setup[1].error = { http_status: 400, type: 'InvalidInput', message: 'no' };
    expect(compareScenarioResult(recording, recorded())).toEqual([
      'setup[1].error.http_status: expected 400, got null',
    ]);
  });

  it('reports a different RPC result and a different report_state answer', () => {
    expect(
      differencesAfter((result) => {
        (result.steps[0].result as Record<string, unknown>).segmentation_id = 1002;
      }),
    ).toHaveLength(1);
    expect(
      differencesAfter((result) => {
        result.steps[1].result = { report_state_result: 'revived' };
        result.setup[0].report_state_result = 'alive';
      }),
    ).toEqual([
      'setup[0].report_state_result: expected "new", got "alive"',
      'steps[1].report_state_result: expected "alive", got "revived"',
    ]);
  });

  it('accepts the report_state answer in the record itself or inside its result', () => {
    expect(
      differencesAfter((result) => {
        delete result.steps[1].result;
        result.steps[1].report_state_result = 'alive';
        delete result.setup[0].report_state_result;
        result.setup[0].result = { report_state_result: 'new' };
      }),
    ).toEqual([]);
  });

  it('reports changed, missing and unexpected networks and agents in the final state', () => {
    const differences = differencesAfter((result) => {
      const net1 = result.final.networks.net1 as { segments: { is_dynamic: boolean }[] };
      net1.segments.push({ ...vxlan, is_dynamic: true });
      result.final.networks.net2 = { exists: false };
      (result.final.agents.ovs1 as { alive: boolean }).alive = false;
    });
    expect(differences.map(where)).toEqual([
      'final.networks.net1',
      'final.networks.net2',
      'final.agents.ovs1',
    ]);
    expect(
      differencesAfter((result) => {
        delete result.final.agents.ovs1;
      }),
    ).toEqual([expect.stringMatching(/^final\.agents\.ovs1: expected \{.*\}, got nothing$/)]);
  });

  it('does not compare messages, traces, work counters, description, index or host', () => {
    expect(
      differencesAfter((result) => {
        result.description = 'something else';
        result.name = 'renamed';
        result.setup[2].bind_attempts = 10;
        result.setup[2].driver_bind_calls = { openvswitch: 10 };
        result.steps[0].index = 7;
        result.steps[0].host = 'host9';
        result.final.ports.p1 = { ...finalPort(result), binding_failed_because: ['a reason'] };
        result.setup[1].error = { http_status: 400, type: 'InvalidInput', message: 'one' };
      }),
    ).toEqual(['setup[1].error.http_status: expected null, got 400']);
    const recording = recorded();
    recording.setup[1].error = { http_status: 400, type: 'InvalidInput', message: 'one' };
    const produced = recorded();
    produced.setup[1].error = { http_status: 400, type: 'BadRequest', message: 'another' };
    expect(compareScenarioResult(recording, produced)).toEqual([]);
  });

  it('treats a malformed result as empty, so everything recorded is reported missing', () => {
    const differences = compareScenarioResult(recorded(), 'not a result');
    expect(differences).toContain('setup[0]: record missing');
    expect(differences).toContain('steps: expected 2 records, got 0');
    expect(differences).toContain('final.ports.p1: port missing');
  });
});

describe('compareScenarioResults', () => {
  it('counts matching and differing scenarios, sorted by name', () => {
    const changed = recorded();
    finalPort(changed).status = 'ACTIVE';
    const report = compareScenarioResults(
      { b: recorded(), a: recorded() },
      { a: recorded(), b: changed },
    );
    expect(report).toEqual({
      scenarios: [
        { name: 'a', differences: [] },
        { name: 'b', differences: ['final.ports.p1.status: expected "BUILD", got "ACTIVE"'] },
      ],
      passed: 1,
      failed: 1,
    });
  });

  it('fails a recorded scenario that produced no result, and a result with no recording', () => {
    const report = compareScenarioResults(
      { kept: recorded(), lost: recorded() },
      { kept: recorded(), stray: recorded() },
    );
    expect(report.scenarios).toEqual([
      { name: 'kept', differences: [] },
      { name: 'lost', differences: ['no result produced'] },
      { name: 'stray', differences: ['no recorded result to compare with'] },
    ]);
    expect([report.passed, report.failed]).toEqual([1, 2]);
  });

  it('passes nothing when there is nothing to compare', () => {
    expect(compareScenarioResults({}, {})).toEqual({ scenarios: [], passed: 0, failed: 0 });
  });
});
