import { runScenario } from './run-scenario';
import { type Scenario } from './scenario';

/**
 * Scenario files reach the engine through its public operations, so their values meet the same
 * request validation as any library call: a value of the wrong type or size is the engine's 400
 * in the result, never a crash of the runner or a value stored as is.
 */
function scenario(extra: Partial<Scenario>): Scenario {
  return {
    name: 'validation',
    config: {
      mechanism_drivers: ['openvswitch'],
      tenant_network_types: ['vxlan'],
      vni_ranges: ['1001:1010'],
    },
    agents: [
      {
        name: 'ovs1',
        agent_type: 'ovs',
        host: 'host1',
        configurations: { tunnel_types: ['vxlan'], bridge_mappings: {} },
      },
    ],
    networks: [{ name: 'net1', subnets: [{ cidr: '10.0.0.0/24' }] }],
    ports: [{ name: 'p1', network: 'net1', host: 'host1', device_owner: 'compute:nova' }],
    ...extra,
  };
}

const badRequest = { http_status: 400, type: 'InvalidInput' };

describe('scenario values go through the engine request validation', () => {
  it('records a 400 for setup values of the wrong type or size', async () => {
    const result = await runScenario(
      scenario({
        agents: [
          { name: 'ovs1', agent_type: 'ovs', host: 'host1' },
          { name: 'long', agent_type: 'ovs', host: 'h'.repeat(300) },
        ],
        networks: [
          { name: 'net1', subnets: [{ cidr: '10.0.0.1/24' }] },
          { name: 'numbered', project_id: 42 as unknown as string },
        ],
        ports: [
          { name: 'p1', network: 'net1', device_owner: 7 as unknown as string },
          { name: 'p2', network: 'net1', project_id: 42 as unknown as string },
        ],
      }),
    );
    expect(result.setup[1]).toMatchObject({ agent: 'long', error: badRequest });
    expect(result.setup[2]).toMatchObject({
      network: 'net1',
      subnet_errors: [{ cidr: '10.0.0.1/24', error: badRequest }],
    });
    expect(result.setup[3]).toMatchObject({ network: 'numbered', error: badRequest });
    expect(result.setup[4]).toMatchObject({ port: 'p1', http_status: 400, error: badRequest });
    expect(result.setup[5]).toMatchObject({ port: 'p2', http_status: 400, error: badRequest });
    expect(result.final.ports.p2).toMatchObject({ exists: false, error: badRequest });
  });

  it('records a 400 for step values of the wrong type or size', async () => {
    const result = await runScenario(
      scenario({
        steps: [
          { op: 'update_port', port: 'p1', mac_address: 5 },
          { op: 'update_port', port: 'p1', attrs: { 'binding:profile': 'pci' } },
          { op: 'report_state', agent: 'ovs1', configurations: { big: 'c'.repeat(5000) } },
          { op: 'create_port', port: { name: 'p3', network: 'net1', vnic_type: 'turbo' } },
        ],
      }),
    );
    expect(result.steps[0]).toMatchObject({ http_status: 400, error: badRequest });
    expect(result.steps[1]).toMatchObject({ http_status: 400, error: badRequest });
    expect(result.steps[2]).toMatchObject({ agent: 'ovs1', error: badRequest });
    expect(result.steps[3]).toMatchObject({ http_status: 400, error: badRequest });
    expect(result.final.ports.p1).toMatchObject({ exists: true, status: 'DOWN' });
  });
});
