import { resolve } from 'node:path';
import { createEngine, type Engine } from '@ml2ts/core';
import { NovaNotifier, type NovaNotifierOptions } from './nova-notifier';
import { FakeNova, handleAll, type NovaRequest } from './test-support/fake-nova';
import { RecordingLogger } from './test-support/recording-logger';

/** The repository's `node_modules`, where the driver packages are linked. */
const NODE_MODULES = resolve(__dirname, '../../../../node_modules');
const HOST = 'compute-1';
const INSTANCE = '9f2e3c4d-1111-4a2b-8c3d-0123456789ab';

/** An engine on in-memory SQLite with the openvswitch driver and an OVS agent on `HOST`. */
async function startEngine(): Promise<Engine> {
  const engine = await createEngine({
    database: ':memory:',
    pluginSearchPaths: [NODE_MODULES],
    overrides: {
      ml2: { mechanism_drivers: ['openvswitch'], tenant_network_types: ['vxlan'] },
      ml2_type_vxlan: { vni_ranges: ['1001:1010'] },
    },
  });
  await engine.plugin.rpc.reportState({
    agent_type: 'Open vSwitch agent',
    binary: 'neutron-openvswitch-agent',
    host: HOST,
    topic: 'N/A',
    start_flag: true,
    configurations: {
      bridge_mappings: {},
      tunnel_types: ['vxlan'],
      tunneling_ip: '127.0.0.11',
      integration_bridge: 'br-int',
    },
  });
  return engine;
}

function eventsOf(requests: readonly NovaRequest[]): unknown[] {
  return requests.flatMap((request) => (request.body as { events: unknown[] }).events);
}

describe('NovaNotifier against a Nova listener', () => {
  let engine: Engine;
  let nova: FakeNova;
  let notifier: NovaNotifier | undefined;
  let logger: RecordingLogger;

  beforeEach(async () => {
    engine = await startEngine();
    nova = await FakeNova.start();
    logger = new RecordingLogger();
  });
  afterEach(async () => {
    await notifier?.close();
    notifier = undefined;
    await nova.close();
    await engine.close();
  });

  function attachNotifier(options: Partial<NovaNotifierOptions> = {}): NovaNotifier {
    notifier = new NovaNotifier({ url: nova.url, sendEventsInterval: 0.05, logger, ...options });
    notifier.attach(engine.plugin.notifier);
    return notifier;
  }

  /** A compute port of `INSTANCE` bound to `HOST`, as Nova creates it. */
  async function computePort(): Promise<string> {
    const network = await engine.plugin.createNetwork({ name: 'tenant' });
    const port = await engine.plugin.createPort({
      network_id: network.id,
      device_owner: 'compute:nova',
      device_id: INSTANCE,
      'binding:host_id': HOST,
    });
    return port.id;
  }

  /** What the OVS agent on `HOST` does when it has wired the port's device. */
  async function agentBringsUp(portId: string): Promise<void> {
    const details = await engine.plugin.rpc.getDeviceDetails({
      device: portId,
      agent_id: `ovs-agent-${HOST}`,
      host: HOST,
    });
    expect(details.port_id).toBe(portId);
    await engine.plugin.rpc.updateDeviceUp({
      device: portId,
      agent_id: `ovs-agent-${HOST}`,
      host: HOST,
    });
  }

  it('sends network-vif-plugged once when the agent brings the port up', async () => {
    attachNotifier();
    const portId = await computePort();
    await agentBringsUp(portId);
    expect((await engine.plugin.getPort(portId)).status).toBe('ACTIVE');

    const [request] = await nova.waitForRequests(1);
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/v2.1/os-server-external-events');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['x-openstack-nova-api-version']).toBe('2.1');
    expect(request.headers['x-auth-token']).toBeUndefined();
    expect(request.body).toEqual({
      events: [
        {
          name: 'network-vif-plugged',
          server_uuid: INSTANCE,
          tag: portId,
          status: 'completed',
        },
      ],
    });
    // The engine's own vifPlugged echo of the status change is not a second event.
    await new Promise((done) => setTimeout(done, 200));
    expect(nova.requests).toHaveLength(1);
    expect(logger.at('error')).toEqual([]);
  });

  it('sends network-vif-unplugged when the device goes down and network-vif-deleted on delete', async () => {
    attachNotifier({ authToken: 'static-token' });
    const portId = await computePort();
    await agentBringsUp(portId);
    await nova.waitForRequests(1);

    await engine.plugin.rpc.updateDeviceDown({ device: portId, host: HOST });
    const [, unplugged] = await nova.waitForRequests(2);
    expect(unplugged.body).toEqual({
      events: [
        {
          name: 'network-vif-unplugged',
          server_uuid: INSTANCE,
          tag: portId,
          status: 'completed',
        },
      ],
    });
    expect(unplugged.headers['x-auth-token']).toBe('static-token');

    await engine.plugin.deletePort(portId);
    const [, , deleted] = await nova.waitForRequests(3);
    expect(deleted.body).toEqual({
      events: [{ name: 'network-vif-deleted', server_uuid: INSTANCE, tag: portId }],
    });
    expect(logger.text()).not.toContain('static-token');
  });

  it('tells Nova nothing about ports it does not own', async () => {
    const sender = attachNotifier();
    const network = await engine.plugin.createNetwork({ name: 'tenant' });
    const port = await engine.plugin.createPort({
      network_id: network.id,
      device_owner: 'network:dhcp',
      device_id: `dhcp-${HOST}`,
      'binding:host_id': HOST,
    });
    await agentBringsUp(port.id);
    await engine.plugin.deletePort(port.id);
    await sender.flush();
    await new Promise((done) => setTimeout(done, 100));
    expect(nova.requests).toEqual([]);
  });

  it('follows notify_nova_on_port_status_changes = false (deletes are still sent)', async () => {
    attachNotifier({ notifyOnStatusChanges: false });
    const portId = await computePort();
    await agentBringsUp(portId);
    await engine.plugin.deletePort(portId);
    await nova.waitForRequests(1);
    await new Promise((done) => setTimeout(done, 100));
    expect(eventsOf(nova.requests)).toEqual([
      { name: 'network-vif-deleted', server_uuid: INSTANCE, tag: portId },
    ]);
  });

  it('retries a failing Nova (500), logs it, and keeps going once Nova is back', async () => {
    nova.responder = () => ({ status: 500, body: { computeFault: { code: 500 } } });
    const sender = attachNotifier({ retry: { attempts: 3, initialDelayMs: 10, maxDelayMs: 20 } });
    const portId = await computePort();
    await agentBringsUp(portId);
    await nova.waitForRequests(3);
    await sender.flush();
    expect(nova.requests).toHaveLength(3);
    expect(logger.at('warn').map((record) => record.message)).toEqual([
      'Could not send events to Nova; retrying',
      'Could not send events to Nova; retrying',
    ]);
    expect(logger.at('error')).toEqual([
      {
        level: 'error',
        message: 'Could not send events to Nova; giving up',
        fields: expect.objectContaining({
          attempts: 3,
          error: 'Nova answered 500',
          events: [
            {
              name: 'network-vif-plugged',
              port: portId,
              server: INSTANCE,
              status: 'completed',
            },
          ],
        }),
      },
    ]);
    // Every try carried the same batch.
    expect(new Set(nova.requests.map((request) => JSON.stringify(request.body))).size).toBe(1);

    nova.responder = handleAll;
    await engine.plugin.rpc.updateDeviceDown({ device: portId, host: HOST });
    const requests = await nova.waitForRequests(4);
    expect(eventsOf([requests[3]])).toEqual([
      expect.objectContaining({ name: 'network-vif-unplugged', tag: portId }),
    ]);
  });

  it('retries an unreachable Nova (connection refused) and gives up, logged', async () => {
    const stopped = await FakeNova.start();
    const url = stopped.url;
    await stopped.close(); // nothing listens on its port any more
    const sender = attachNotifier({ url, retry: { attempts: 2, initialDelayMs: 10 } });
    const portId = await computePort();
    await agentBringsUp(portId);
    await sender.flush();
    expect(logger.at('warn')).toHaveLength(1);
    const [giveUp] = logger.at('error');
    expect(giveUp.message).toBe('Could not send events to Nova; giving up');
    expect(giveUp.fields).toMatchObject({
      attempts: 2,
      error: expect.stringContaining('ECONNREFUSED'),
      events: [expect.objectContaining({ name: 'network-vif-plugged', port: portId })],
    });
  });

  it('never delays the engine: calls return while Nova holds a request unanswered', async () => {
    nova.responder = () => 'hang';
    const sender = attachNotifier({ requestTimeoutMs: 1_500, retry: { attempts: 1 } });
    const portId = await computePort();
    await agentBringsUp(portId);
    await nova.waitForRequests(1); // Nova holds the request open from here on

    await engine.plugin.rpc.updateDeviceDown({ device: portId, host: HOST });
    await engine.plugin.deletePort(portId);
    await expect(engine.plugin.getPort(portId)).rejects.toMatchObject({ httpStatus: 404 });
    // The engine's calls are done while the first request is still unanswered (not timed out).
    expect(logger.at('error')).toEqual([]);
    expect(nova.requests).toHaveLength(1);

    // The request under way times out (logged); the events queued meanwhile go in one request.
    nova.responder = handleAll;
    await sender.flush();
    const requests = await nova.waitForRequests(2);
    expect(logger.at('error')[0].fields['error']).toBe('no answer within 1500 ms');
    expect(eventsOf([requests[1]])).toEqual([
      expect.objectContaining({ name: 'network-vif-unplugged', tag: portId }),
      expect.objectContaining({ name: 'network-vif-deleted', tag: portId }),
    ]);
  });

  it('close sends what is pending once and detaches', async () => {
    const portId = await computePort();
    const closing = attachNotifier({ sendEventsInterval: 60 });
    await agentBringsUp(portId);
    await nova.waitForRequests(1);
    await engine.plugin.rpc.updateDeviceDown({ device: portId, host: HOST }); // held: interval
    await closing.close();
    expect(eventsOf(nova.requests)).toEqual([
      expect.objectContaining({ name: 'network-vif-plugged' }),
      expect.objectContaining({ name: 'network-vif-unplugged' }),
    ]);
    await engine.plugin.deletePort(portId);
    await new Promise((done) => setTimeout(done, 100));
    expect(nova.requests).toHaveLength(2);
  });
});
