import * as path from 'node:path';
import {
  type AgentNotification,
  agentServerClient,
  RemoteCallError,
  type VersionedObjectPrimitive,
} from '@ml2ts/agent-rpc';
import { AmqpConnection } from './amqp-connection';
import { AmqpTransport } from './amqp-transport';
import { OsloRpcClient } from './oslo-rpc-client';
import { eventually } from './test-support/eventually';
import { FakeAgentServerApi } from './test-support/fake-agent-server-api';
import { neutronSamples } from './test-support/neutron-samples';
import {
  osloPeerUnavailableReason,
  runOsloPeer,
  startOsloPeerServer,
} from './test-support/oslo-python-peer';
import { describeWithRabbitmq, useScratchVhost } from './test-support/scratch-vhost';

const samples = neutronSamples(path.resolve(__dirname, '../../../../shared/neutron-agent/samples'));
if (!samples.available) console.warn(samples.reason);

const FAST_RETRY = { initialDelayMs: 20, maxDelayMs: 200 };

const port: VersionedObjectPrimitive = {
  'versioned_object.name': 'Port',
  'versioned_object.namespace': 'versionedobjects',
  'versioned_object.version': '1.7',
  'versioned_object.data': { id: 'p1', bindings: [] },
};

/**
 * The body of these tests runs only when the real oslo.messaging can be run too; otherwise the
 * block is skipped with one line (or fails under ML2TS_REQUIRE_SERVICES=1), like the broker.
 */
function describeWithOsloPeer(title: string, body: () => void): void {
  const reason = osloPeerUnavailableReason();
  if (reason === null) return describe(title, body);
  if (process.env.ML2TS_REQUIRE_SERVICES === '1') {
    return describe(title, () =>
      it('has oslo.messaging (ML2TS_REQUIRE_SERVICES=1)', () => {
        throw new Error(`oslo.messaging interoperability tests cannot run: ${reason}`);
      }),
    );
  }
  console.warn(`oslo.messaging interoperability tests skipped: ${reason}`);
  describe.skip(title, body);
}

describeWithRabbitmq('interoperability with the Python oslo.messaging rabbit driver', () => {
  const vhost = useScratchVhost();

  describeWithOsloPeer('a Python client and Python servers', () => {
    let transport: AmqpTransport;
    let api: FakeAgentServerApi;
    beforeEach(() => {
      transport = new AmqpTransport({
        url: vhost.current.url,
        host: 'ml2ts-server',
        callTimeoutMs: 10_000,
        retry: FAST_RETRY,
      });
      api = new FakeAgentServerApi();
    });
    afterEach(() => transport.close());

    it("answers a Python agent's calls, and its errors arrive as RemoteError with their class", async () => {
      await transport.createServer().listen(api);
      const reportArgs = samples.available
        ? samples.load('report_state').body['oslo.message'].args
        : {
            agent_state: { agent_state: { host: 'compute-1', start_flag: true } },
            time: '2026-12-01T07:56:04.315041',
          };
      const answers = await runOsloPeer('call', vhost.current.urlText, {
        calls: [
          {
            topic: 'q-reports-plugin',
            version: '1.2',
            method: 'has_alive_neutron_server',
            args: {},
          },
          { topic: 'q-reports-plugin', version: '1.2', method: 'report_state', args: reportArgs },
          {
            topic: 'q-plugin',
            version: '1.4',
            method: 'tunnel_sync',
            args: { tunnel_ip: '192.0.2.1', tunnel_type: 'vxlan', host: 'compute-1' },
          },
          {
            topic: 'q-plugin',
            version: '1.9',
            method: 'get_device_details',
            args: { device: ['fa:16:3e:00:00:01', '0000:04:00.1'], agent_id: 'a', host: null },
          },
          {
            topic: 'q-plugin',
            version: '1.1',
            method: 'bulk_pull',
            args: { resource_type: 'Port', version: '1.7', filter_kwargs: { id: ['p1'] } },
          },
          {
            topic: 'q-plugin',
            version: '1.6',
            method: 'get_network_details',
            args: { network: 'gone', agent_id: 'a', host: 'compute-1' },
          },
          { topic: 'q-reports-plugin', version: '2.0', method: 'report_state', args: reportArgs },
          { topic: 'q-plugin', version: '1.9', method: 'no_such_thing', args: {} },
        ],
      });
      expect(answers.slice(0, 5)).toEqual([
        { ok: true },
        { ok: 'new' },
        { ok: { tunnels: [{ host: 'compute-1', ip_address: '192.0.2.1', udp_port: 4789 }] } },
        {
          ok: {
            device: 'fa:16:3e:00:00:01',
            network_id: 'net-1',
            segmentation_id: 101,
            admin_state_up: true,
          },
        },
        {
          ok: [
            {
              'versioned_object.name': 'Port',
              'versioned_object.namespace': 'versionedobjects',
              'versioned_object.version': '1.7',
              'versioned_object.data': { id: 'r-1' },
            },
          ],
        },
      ]);
      expect(answers[5]).toMatchObject({
        error: 'RemoteError',
        exc_type: 'NetworkNotFound',
        value: 'Network gone could not be found.',
      });
      expect(answers[6]).toMatchObject({ error: 'RemoteError', exc_type: 'UnsupportedVersion' });
      expect(answers[7]).toMatchObject({ error: 'RemoteError', exc_type: 'NoSuchMethod' });
      expect(api.received[2]).toEqual({
        method: 'getDeviceDetails',
        request: { device: 'fa:16:3e:00:00:01', pci_slot: '0000:04:00.1', agent_id: 'a' },
      });
    });

    it("gets a Python server's answers and its dispatcher's refusals", async () => {
      const peer = await startOsloPeerServer(vhost.current.urlText, ['interop-topic'], 'py-host');
      const connection = new AmqpConnection({ url: vhost.current.url, retry: FAST_RETRY });
      const client = new OsloRpcClient({ connection, callTimeoutMs: 10_000 });
      try {
        const target = { topic: 'interop-topic', version: '1.3' };
        await expect(client.call(target, 'echo', { a: [1, 'two'] })).resolves.toEqual({
          echo: { a: [1, 'two'] },
        });
        await expect(
          client.call({ ...target, server: 'py-host' }, 'echo', { directed: true }),
        ).resolves.toEqual({ echo: { directed: true } });
        expect(peer.requests[0]).toMatchObject({
          method: 'echo',
          context: { is_admin: true, user_identity: '- - - - -', project_id: null },
        });
        await expect(client.call({ ...target, version: '2.0' }, 'echo', {})).rejects.toMatchObject({
          constructor: RemoteCallError,
          type: 'UnsupportedVersion',
          httpStatus: 400,
        });
        await expect(client.call(target, 'nope', {})).rejects.toMatchObject({
          type: 'NoSuchMethod',
          httpStatus: 400,
        });
        await expect(client.call(target, 'fail', {})).rejects.toMatchObject({
          type: 'InvalidInput',
          httpStatus: 400,
          message: 'Invalid input for operation: failed on purpose.',
        });
      } finally {
        await client.close();
        await connection.close();
        await peer.stop();
      }
    });

    it("reaches Python agents with ml2ts's fanouts", async () => {
      const peer = await startOsloPeerServer(
        vhost.current.urlText,
        ['neutron-vo-Port-1.7', 'q-agent-notifier-tunnel-update'],
        'compute-9',
      );
      try {
        const publisher = transport.createPublisher();
        await publisher.publish({
          type: 'resourcePush',
          resource_type: 'Port',
          event_type: 'updated',
          resources: [port],
        });
        await publisher.publish({
          type: 'tunnelUpdate',
          tunnel_ip: '192.0.2.9',
          tunnel_type: 'vxlan',
        });
        await eventually(() => peer.requests.length === 2);
        // Two topics are two queues: the order between them is not kept.
        const byMethod = [...peer.requests].sort((a, b) =>
          String(a.method).localeCompare(String(b.method)),
        );
        expect(byMethod).toEqual([
          expect.objectContaining({
            method: 'push',
            args: { resource_list: [port], event_type: 'updated' },
            context: expect.objectContaining({ project_id: 'fake_project_id', roles: ['admin'] }),
          }),
          expect.objectContaining({
            method: 'tunnel_update',
            args: { tunnel_ip: '192.0.2.9', tunnel_type: 'vxlan' },
          }),
        ]);
      } finally {
        await peer.stop();
      }
    });

    it("hands a Python server's fanouts to ml2ts agents", async () => {
      const received: AgentNotification[] = [];
      const subscriber = transport.createSubscriber('compute-1');
      await subscriber.subscribe((notification) => received.push(notification));
      await runOsloPeer('cast', vhost.current.urlText, {
        casts: [
          {
            topic: 'neutron-vo-Port-1.7',
            version: '1.1',
            fanout: true,
            method: 'push',
            args: { resource_list: [port], event_type: 'deleted' },
          },
          {
            topic: 'q-agent-notifier-port-delete',
            version: '1.0',
            fanout: true,
            method: 'port_delete',
            args: { port_id: 'p1' },
          },
        ],
      });
      await eventually(() => received.length === 2);
      expect(received).toEqual(
        expect.arrayContaining([
          { type: 'resourcePush', resource_type: 'Port', event_type: 'deleted', resources: [port] },
          { type: 'portDelete', port_id: 'p1' },
        ]),
      );
    });

    it('lets an ml2ts agent and the ml2ts server talk while Python agents share the bus', async () => {
      await transport.createServer().listen(api);
      const server = agentServerClient(transport.createClient('compute-1'));
      const [python] = await Promise.all([
        runOsloPeer('call', vhost.current.urlText, {
          calls: [
            {
              topic: 'q-plugin',
              version: '1.9',
              method: 'update_device_down',
              args: { device: 'x', agent_id: 'a', host: 'h' },
            },
          ],
        }),
        server.updateDeviceDown({ device: 'y', host: 'h' }),
      ]);
      expect(python).toEqual([{ ok: { device: 'x', exists: true } }]);
    });
  });
});
