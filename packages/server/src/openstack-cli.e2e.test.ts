import pino from 'pino';
import { type RunningServer, startServer } from './start-server';
import { openstackCliPlan, openstackJson, runOpenstack } from './test-support/openstack-cli';
import { reportTestAgents, TEST_ENGINE_OPTIONS } from './test-support/build-test-server';

const plan = openstackCliPlan();
if (plan.action === 'skip') console.warn(plan.message);
const describeWithCli = plan.action === 'skip' ? describe.skip : describe;

type Row = Record<string, unknown>;

// The real openstack CLI (python3-openstackclient) against `ml2ts server` on a loopback port.
describeWithCli('the openstack CLI against ml2ts server', () => {
  jest.setTimeout(120_000);
  let server: RunningServer;
  let endpoint: string;
  const cli = <T = Row>(...args: string[]) => openstackJson<T>(endpoint, args);

  beforeAll(async () => {
    if (plan.action === 'fail') throw new Error(plan.message);
    server = await startServer({
      engine: TEST_ENGINE_OPTIONS,
      listen: { host: '127.0.0.1', port: 0 },
      log: pino({ level: 'silent' }),
    });
    endpoint = server.url;
    await reportTestAgents(server.engine);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('lists, shows and disables agents', async () => {
    const agents = await cli<Row[]>('network', 'agent', 'list');
    expect(
      agents.map((agent) => [agent['Agent Type'], agent.Host, agent.Alive, agent.State]),
    ).toEqual(
      expect.arrayContaining([
        ['Open vSwitch agent', 'compute-1', true, true],
        ['Linux bridge agent', 'compute-2', true, true],
      ]),
    );
    const ovs = agents.find((agent) => agent.Host === 'compute-1') as Row;
    const disabled = await runOpenstack(endpoint, [
      'network',
      'agent',
      'set',
      '--disable',
      String(ovs.ID),
    ]);
    expect(disabled).toMatchObject({ code: 0 });
    const shown = await cli('network', 'agent', 'show', String(ovs.ID));
    expect(shown).toMatchObject({ admin_state_up: false, alive: true, host: 'compute-1' });
    await runOpenstack(endpoint, ['network', 'agent', 'set', '--enable', String(ovs.ID)]);
  });

  it('creates provider networks, subnets and a bound port, moves and unbinds it', async () => {
    const vlan = await cli(
      'network',
      'create',
      '--provider-network-type',
      'vlan',
      '--provider-physical-network',
      'physnet1',
      '--provider-segment',
      '101',
      'cli-vlan101',
    );
    expect(vlan).toMatchObject({
      name: 'cli-vlan101',
      'provider:network_type': 'vlan',
      'provider:physical_network': 'physnet1',
      'provider:segmentation_id': 101,
      status: 'ACTIVE',
    });
    const net = await cli('network', 'create', 'cli-net0');
    expect(net).toMatchObject({ 'provider:network_type': 'vxlan', mtu: 1450 });
    const subnet = await cli(
      'subnet',
      'create',
      '--network',
      'cli-net0',
      '--subnet-range',
      '192.0.2.0/24',
      'cli-subnet0',
    );
    expect(subnet).toMatchObject({
      cidr: '192.0.2.0/24',
      gateway_ip: '192.0.2.1',
      allocation_pools: [{ start: '192.0.2.2', end: '192.0.2.254' }],
      network_id: net.id,
    });

    const port = await cli(
      'port',
      'create',
      '--network',
      'cli-net0',
      '--host',
      'compute-1',
      '--vnic-type',
      'normal',
      '--binding-profile',
      'trusted=true',
      'cli-port-a',
    );
    expect(port).toMatchObject({
      binding_host_id: 'compute-1',
      binding_vif_type: 'ovs',
      binding_vnic_type: 'normal',
      binding_profile: { trusted: 'true' },
      status: 'DOWN',
    });
    expect(port.fixed_ips).toEqual([
      { subnet_id: subnet.id, ip_address: expect.stringMatching(/^192\.0\.2\.\d+$/) },
    ]);

    expect(
      await runOpenstack(endpoint, ['port', 'set', '--host', 'compute-2', 'cli-port-a']),
    ).toMatchObject({ code: 0 });
    expect(await cli('port', 'show', 'cli-port-a')).toMatchObject({
      binding_host_id: 'compute-2',
      binding_vif_type: 'bridge',
    });
    expect(await runOpenstack(endpoint, ['port', 'unset', '--host', 'cli-port-a'])).toMatchObject({
      code: 0,
    });
    expect(await cli('port', 'show', 'cli-port-a')).toMatchObject({
      binding_host_id: '',
      binding_vif_type: 'unbound',
    });

    const long = await cli<Row[]>('port', 'list', '--long');
    expect(long.find((row) => row.Name === 'cli-port-a')).toMatchObject({
      Status: 'DOWN',
      'Fixed IP Addresses': [expect.objectContaining({ subnet_id: subnet.id })],
    });

    const segments = await cli<Row[]>('network', 'segment', 'list');
    expect(segments).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Network: vlan.id, 'Network Type': 'vlan', Segment: 101 }),
        expect.objectContaining({ Network: net.id, 'Network Type': 'vxlan' }),
      ]),
    );

    expect(await runOpenstack(endpoint, ['port', 'delete', 'cli-port-a'])).toMatchObject({
      code: 0,
    });
    expect(
      await runOpenstack(endpoint, ['network', 'delete', 'cli-net0', 'cli-vlan101']),
    ).toMatchObject({ code: 0 });
    expect(await cli<Row[]>('network', 'list')).toEqual([]);
  });

  it('creates a security group with a rule and a port in it', async () => {
    const group = await cli('security', 'group', 'create', 'cli-web');
    expect(group).toMatchObject({ name: 'cli-web', stateful: true, revision_number: 1 });
    const rule = await cli(
      'security',
      'group',
      'rule',
      'create',
      '--protocol',
      'tcp',
      '--dst-port',
      '22',
      'cli-web',
    );
    expect(rule).toMatchObject({
      security_group_id: group.id,
      direction: 'ingress',
      ether_type: 'IPv4',
      protocol: 'tcp',
      port_range_min: 22,
      port_range_max: 22,
      remote_ip_prefix: '0.0.0.0/0',
    });
    const rules = await cli<Row[]>('security', 'group', 'rule', 'list', 'cli-web');
    expect(rules).toHaveLength(3);
    expect(rules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ ID: rule.id, 'IP Protocol': 'tcp', 'Port Range': '22:22' }),
      ]),
    );
    const groups = await cli<Row[]>('security', 'group', 'list');
    expect(groups.map((row) => row.Name).sort()).toEqual(['cli-web', 'default']);

    await cli('network', 'create', 'cli-sg-net');
    const port = await cli(
      'port',
      'create',
      '--network',
      'cli-sg-net',
      '--security-group',
      'cli-web',
      'cli-sg-port',
    );
    expect(port.security_group_ids).toEqual([group.id]);
    const plain = await cli('port', 'create', '--network', 'cli-sg-net', 'cli-sg-plain');
    const defaultGroup = groups.find((row) => row.Name === 'default') as Row;
    expect(plain.security_group_ids).toEqual([defaultGroup.ID]);

    const inUse = await runOpenstack(endpoint, ['security', 'group', 'delete', 'cli-web']);
    expect(inUse.code).toBe(1);
    expect(
      await runOpenstack(endpoint, ['port', 'delete', 'cli-sg-port', 'cli-sg-plain']),
    ).toMatchObject({ code: 0 });
    expect(await runOpenstack(endpoint, ['network', 'delete', 'cli-sg-net'])).toMatchObject({
      code: 0,
    });
    expect(await runOpenstack(endpoint, ['security', 'group', 'delete', 'cli-web'])).toMatchObject({
      code: 0,
    });
  });

  it('lists the extensions ml2ts implements', async () => {
    const extensions = await cli<Row[]>('extension', 'list', '--network');
    const aliases = extensions.map((extension) => extension.Alias);
    expect(aliases).toEqual(expect.arrayContaining(['binding', 'provider', 'agent', 'segment']));
  });

  it('says when a port does not exist', async () => {
    const missing = await runOpenstack(endpoint, ['port', 'show', 'no-such-port']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('No Port found for no-such-port');
  });
});
