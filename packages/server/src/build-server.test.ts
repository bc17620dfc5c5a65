import { buildTestServer, type TestServer } from './test-support/build-test-server';

describe('the REST API', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await buildTestServer();
  });
  afterEach(() => server.close());

  it('creates a network, a subnet and a bound port, as the openstack CLI does', async () => {
    const { app } = server;
    const network = await app.inject({
      method: 'POST',
      url: '/v2.0/networks',
      payload: { network: { name: 'net0', admin_state_up: true } },
    });
    expect(network.statusCode).toBe(201);
    const networkId = network.json().network.id;
    expect(network.json().network).toMatchObject({
      name: 'net0',
      'provider:network_type': 'vxlan',
      project_id: 'fake_project_id',
      tenant_id: 'fake_project_id',
      status: 'ACTIVE',
    });
    const subnet = await app.inject({
      method: 'POST',
      url: '/v2.0/subnets',
      payload: { subnet: { network_id: networkId, cidr: '192.0.2.0/24', ip_version: 4 } },
    });
    expect(subnet.statusCode).toBe(201);
    const port = await app.inject({
      method: 'POST',
      url: '/v2.0/ports',
      payload: { port: { network_id: networkId, name: 'port-a', 'binding:host_id': 'compute-1' } },
    });
    expect(port.statusCode).toBe(201);
    expect(port.json().port).toMatchObject({ 'binding:vif_type': 'ovs', status: 'DOWN' });
    expect(port.headers['x-openstack-request-id']).toMatch(/^req-[0-9a-f-]{36}$/);
  });

  it('answers an unknown network by name with NetworkNotFound', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/v2.0/networks/net0' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      NeutronError: {
        type: 'NetworkNotFound',
        message: 'Network net0 could not be found.',
        detail: '',
      },
    });
  });

  it('lists the agents alive', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/v2.0/agents' });
    expect(response.statusCode).toBe(200);
    expect(response.json().agents.map((agent: { alive: boolean }) => agent.alive)).toEqual([
      true,
      true,
    ]);
  });
});
