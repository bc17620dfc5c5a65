import pino from 'pino';
import { request } from 'undici';
import { startServer } from './start-server';
import { FakeNova } from './nova/test-support/fake-nova';
import { reportTestAgents, TEST_ENGINE_OPTIONS } from './test-support/build-test-server';

const silent = pino({ level: 'silent' });

describe('startServer', () => {
  it('listens on a free loopback port and answers the version document', async () => {
    const server = await startServer({
      engine: TEST_ENGINE_OPTIONS,
      listen: { host: '127.0.0.1', port: 0 },
      log: silent,
    });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const response = await request(`${server.url}/`);
      expect(response.statusCode).toBe(200);
      expect(await response.body.json()).toEqual({
        versions: [
          { id: 'v2.0', status: 'CURRENT', links: [{ href: `${server.url}/v2.0/`, rel: 'self' }] },
        ],
      });
    } finally {
      await server.close();
    }
  });

  it('answers the requests in flight before it closes', async () => {
    const server = await startServer({
      engine: TEST_ENGINE_OPTIONS,
      listen: { host: '127.0.0.1', port: 0 },
      log: silent,
    });
    // Hold the database so that the create waits, in flight, until the server is closing.
    let release!: () => void;
    const held = server.engine.store.transaction(
      () => new Promise<void>((resolve) => (release = resolve)),
    );
    const creating = request(`${server.url}/v2.0/networks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ network: { name: 'in-flight' } }),
    });
    let answered = false;
    void creating.then(() => (answered = true));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(answered).toBe(false);
    const closing = server.close();
    release();
    await held;
    const response = await creating;
    expect(response.statusCode).toBe(201);
    expect(((await response.body.json()) as { network: { name: string } }).network.name).toBe(
      'in-flight',
    );
    await closing;
    await expect(request(`${server.url}/`)).rejects.toThrow();
  });

  it('warns when it listens beyond loopback, since callers are trusted', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'warn' }, { write: (line: string) => lines.push(line) });
    const server = await startServer({
      engine: TEST_ENGINE_OPTIONS,
      listen: { host: '0.0.0.0', port: 0 },
      log,
    });
    await server.close();
    expect(lines.join('')).toContain(
      'served without authentication (auth_strategy = noauth) on 0.0.0.0',
    );
  });

  it('closes the engine when it cannot listen', async () => {
    const first = await startServer({
      engine: TEST_ENGINE_OPTIONS,
      listen: { host: '127.0.0.1', port: 0 },
      log: silent,
    });
    try {
      const port = Number(new URL(first.url).port);
      await expect(
        startServer({
          engine: TEST_ENGINE_OPTIONS,
          listen: { host: '127.0.0.1', port },
          log: silent,
        }),
      ).rejects.toThrow(/EADDRINUSE|address already in use/);
    } finally {
      await first.close();
    }
  });

  it('sends Nova the vif-plugged event of a port created over REST that an agent brought up', async () => {
    const nova = await FakeNova.start();
    const server = await startServer({
      engine: TEST_ENGINE_OPTIONS,
      listen: { host: '127.0.0.1', port: 0 },
      log: silent,
      nova: { url: nova.url, sendEventsInterval: 0 },
    });
    try {
      await reportTestAgents(server.engine);
      const post = async (path: string, body: unknown) => {
        const response = await request(`${server.url}${path}`, {
          method: 'POST',
          body: JSON.stringify(body),
        });
        return (await response.body.json()) as Record<string, { id: string }>;
      };
      const { network } = await post('/v2.0/networks', { network: { name: 'vms' } });
      const instance = '6f2c1c8e-2f4e-4a39-9a7e-6a8d1f0c0b11';
      const { port } = await post('/v2.0/ports', {
        port: {
          network_id: network.id,
          device_owner: 'compute:nova',
          device_id: instance,
          'binding:host_id': 'compute-1',
        },
      });
      const agent = { device: port.id, agent_id: 'ovs-compute-1', host: 'compute-1' };
      await server.engine.plugin.rpc.getDeviceDetails(agent);
      await server.engine.plugin.rpc.updateDeviceUp(agent);
      const [event] = await nova.waitForRequests(1);
      expect(event.url).toBe('/v2.1/os-server-external-events');
      expect(event.body).toEqual({
        events: [
          { name: 'network-vif-plugged', server_uuid: instance, tag: port.id, status: 'completed' },
        ],
      });
    } finally {
      await server.close();
      await nova.close();
    }
  });
});
