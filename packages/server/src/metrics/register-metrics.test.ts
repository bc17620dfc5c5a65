import { type FastifyInstance } from 'fastify';
import { buildTestServer, TEST_AGENTS, type TestServer } from '../test-support/build-test-server';
import { METRIC_NAMES } from './server-metrics';

/** The value of the sample `name{labels}` in a Prometheus text exposition, or undefined. */
function sample(
  text: string,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = match[2] === undefined ? [] : match[2].split(',');
    if (wanted.length === present.length && wanted.every((label) => present.includes(label))) {
      return Number(match[3]);
    }
  }
  return undefined;
}

async function scrape(app: FastifyInstance): Promise<string> {
  const response = await app.inject({ method: 'GET', url: '/metrics' });
  expect(response.statusCode).toBe(200);
  return response.body;
}

async function createNetwork(app: FastifyInstance): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/v2.0/networks',
    payload: { network: { name: 'net0' } },
  });
  expect(response.statusCode).toBe(201);
  return response.json().network.id;
}

async function createPort(app: FastifyInstance, networkId: string, host: string) {
  const response = await app.inject({
    method: 'POST',
    url: '/v2.0/ports',
    payload: { port: { network_id: networkId, 'binding:host_id': host } },
  });
  expect(response.statusCode).toBe(201);
  return response.json().port as { id: string; 'binding:vif_type': string };
}

describe('the /metrics endpoint', () => {
  const opened: TestServer[] = [];
  const open = async (metrics: boolean) => {
    const served = await buildTestServer({ metrics });
    opened.push(served);
    return served;
  };
  afterEach(async () => {
    for (const served of opened.splice(0)) await served.close();
  });

  it('is a 404 in the API error shape when metrics are off (the default)', async () => {
    const { app } = await open(false);
    const metrics = await app.inject({ method: 'GET', url: '/metrics' });
    const unknown = await app.inject({ method: 'GET', url: '/no-such-path' });
    expect(metrics.statusCode).toBe(404);
    expect(metrics.json()).toEqual(unknown.json());
    expect(metrics.json().NeutronError.type).toBe('HTTPNotFound');
  });

  it('counts requests by method, route pattern and status, with their latency', async () => {
    const { app } = await open(true);
    await app.inject({ method: 'GET', url: '/v2.0/networks' });
    await app.inject({ method: 'GET', url: '/v2.0/networks' });
    await app.inject({ method: 'GET', url: '/v2.0/networks/0f8b7b1a-0000-4000-8000-000000000000' });
    await app.inject({ method: 'GET', url: '/no-such-path/42' });
    const response = await app.inject({ method: 'GET', url: '/metrics' });
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = response.body;
    const requests = (method: string, route: string, status: string) =>
      sample(text, METRIC_NAMES.httpRequests, { method, route, status_code: status });
    expect(requests('GET', '/v2.0/networks', '200')).toBe(2);
    expect(requests('GET', '/v2.0/networks/:id', '404')).toBe(1);
    expect(requests('GET', 'unmatched', '404')).toBe(1);
    expect(text).not.toContain('no-such-path');
    const duration = `${METRIC_NAMES.httpRequestDuration}`;
    const labels = { method: 'GET', route: '/v2.0/networks' };
    expect(sample(text, `${duration}_count`, labels)).toBe(2);
    expect(sample(text, `${duration}_bucket`, { ...labels, le: '0.0005' })).toBeDefined();
    expect(sample(text, `${duration}_bucket`, { ...labels, le: '5' })).toBe(2);
    expect(sample(text, `${duration}_sum`, labels)).toBeGreaterThan(0);
  });

  it('counts bound ports by vif_type and failed bindings by reason', async () => {
    const { app } = await open(true);
    const networkId = await createNetwork(app);
    expect((await createPort(app, networkId, 'compute-1'))['binding:vif_type']).toBe('ovs');
    expect((await createPort(app, networkId, 'compute-1'))['binding:vif_type']).toBe('ovs');
    const failed = await createPort(app, networkId, 'compute-without-agent');
    expect(failed['binding:vif_type']).toBe('binding_failed');
    const text = await scrape(app);
    const bindings = (outcome: string, vifType: string) =>
      sample(text, METRIC_NAMES.portBindings, { outcome, vif_type: vifType });
    expect(bindings('bound', 'ovs')).toBe(2);
    expect(bindings('binding_failed', 'binding_failed')).toBe(1);
    const reason = (code: string) =>
      sample(text, METRIC_NAMES.portBindingFailureReasons, { reason: code });
    // Both agent-based drivers find no agent; SR-IOV does not take normal ports.
    expect(reason('no_agent_on_host')).toBe(1);
    expect(reason('vnic_type_not_supported')).toBe(1);
  });

  it('counts agent reports by agent type and result, and port status changes', async () => {
    const { app, engine } = await open(true);
    const rpc = engine.plugin.rpc;
    await rpc.reportState({ ...TEST_AGENTS[0], start_flag: false });
    await rpc.reportState({ ...TEST_AGENTS[0], host: 'compute-3' });
    await expect(
      rpc.reportState({ ...TEST_AGENTS[0], agent_type: 'Made-up agent', host: '' }),
    ).rejects.toThrow();
    const networkId = await createNetwork(app);
    const port = await createPort(app, networkId, 'compute-1');
    await rpc.getDeviceDetails({ device: port.id, agent_id: 'ovs', host: 'compute-1' });
    const text = await scrape(app);
    const reports = (agentType: string, result: string) =>
      sample(text, METRIC_NAMES.agentReports, { agent_type: agentType, result });
    expect(reports('Open vSwitch agent', 'alive')).toBe(1);
    expect(reports('Open vSwitch agent', 'new')).toBe(1);
    expect(reports('other', 'rejected')).toBe(1);
    expect(sample(text, METRIC_NAMES.portStatusChanges, { from: 'DOWN', to: 'BUILD' })).toBe(1);
  });

  it('exports the Node process metrics', async () => {
    const { app } = await open(true);
    const text = await scrape(app);
    expect(sample(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(sample(text, 'nodejs_heap_size_total_bytes')).toBeGreaterThan(0);
  });

  it('keeps each server its own counters, and stops counting when the app closes', async () => {
    const first = await open(true);
    const second = await open(true);
    await first.app.inject({ method: 'GET', url: '/v2.0/ports' });
    const requests = { method: 'GET', route: '/v2.0/ports', status_code: '200' };
    expect(sample(await scrape(first.app), METRIC_NAMES.httpRequests, requests)).toBe(1);
    expect(sample(await scrape(second.app), METRIC_NAMES.httpRequests, requests)).toBeUndefined();

    await first.app.close();
    expect(Object.prototype.hasOwnProperty.call(first.engine.plugin.rpc, 'reportState')).toBe(
      false,
    );
    expect(await first.engine.plugin.rpc.reportState(TEST_AGENTS[0])).toBe('alive');
  });
});
