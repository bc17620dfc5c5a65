import { ChannelClosedError, RemoteCallError, RpcTimeoutError } from '@ml2ts/agent-rpc';
import { InvalidInput } from '@ml2ts/driver-api';
import type * as amqp from 'amqplib';
import { AmqpConnection } from './amqp-connection';
import { agentContext, packContext } from './oslo-context';
import { decodeEnvelope, encodeCast, encodeEnvelope, publishProperties } from './oslo-envelope';
import { OsloRpcClient } from './oslo-rpc-client';
import { type OsloEndpoint, OsloRpcServer } from './oslo-rpc-server';
import { topicExchange } from './oslo-target';
import { eventually } from './test-support/eventually';
import { RecordingLogger } from './test-support/recording-logger';
import { describeWithRabbitmq, useScratchVhost } from './test-support/scratch-vhost';

const FAST_RETRY = { initialDelayMs: 20, maxDelayMs: 200 };

describeWithRabbitmq('oslo RPC over RabbitMQ', () => {
  const vhost = useScratchVhost();
  const closables: Array<{ close(): Promise<void> }> = [];
  /** Closes in reverse order of creation: servers and clients before their connections. */
  afterEach(async () => {
    for (const closable of closables.splice(0).reverse()) await closable.close();
  });

  let topicCounter = 0;
  /** A topic of its own for every test, so that no test sees another's queues. */
  const freshTopic = () => `test-topic-${++topicCounter}`;

  const connection = (logger?: RecordingLogger) => {
    const made = new AmqpConnection({ url: vhost.current.url, retry: FAST_RETRY, logger });
    closables.push(made);
    return made;
  };

  const server = async (
    topic: string,
    host: string,
    endpoints: OsloEndpoint[],
    logger?: RecordingLogger,
  ) => {
    const made = new OsloRpcServer({
      connection: connection(logger),
      topic,
      host,
      endpoints,
      logger,
    });
    closables.push(made);
    await made.start();
    return made;
  };

  const client = (options: { callTimeoutMs?: number } = {}) => {
    const made = new OsloRpcClient({ connection: connection(), ...options });
    closables.push(made);
    return made;
  };

  const echo = (name: string, calls: unknown[] = []): OsloEndpoint[] => [
    {
      version: '1.9',
      methods: {
        echo: (args, context) => {
          calls.push({ args, context });
          return { served_by: name, args };
        },
        fail: () => {
          throw new InvalidInput('the echo failed on purpose');
        },
        crash: () => {
          throw new TypeError('something broke');
        },
        nothing: () => undefined,
      },
    },
    { version: '1.2', methods: { legacy: () => 'legacy' } },
  ];

  it('answers a call with the result, passing args and context through', async () => {
    const topic = freshTopic();
    const calls: Array<{ args: unknown; context: Record<string, unknown> }> = [];
    await server(topic, 'server-1', echo('server-1', calls));
    const rpc = client();
    const context = agentContext();
    await expect(
      rpc.call({ topic, version: '1.9' }, 'echo', { a: 1, b: [true, null] }, { context }),
    ).resolves.toEqual({ served_by: 'server-1', args: { a: 1, b: [true, null] } });
    expect(calls[0].context).toEqual(context);
    await expect(rpc.call({ topic, version: '1.0' }, 'nothing', {})).resolves.toBeNull();
    await expect(rpc.call({ topic, version: '1.1' }, 'legacy', {})).resolves.toBe('legacy');
  });

  it('declares exactly the exchanges, queues and bindings of a Python server', async () => {
    const topic = freshTopic();
    const rpcServer = await server(topic, 'host-a', echo('host-a'));
    const queues = (await vhost.current.listQueues()).filter((queue) =>
      queue.name.startsWith(`${topic}`),
    );
    const byName = Object.fromEntries(queues.map((queue) => [queue.name, queue]));
    expect(Object.keys(byName).sort()).toEqual(
      [topic, `${topic}.host-a`, rpcServer.fanoutQueue].sort(),
    );
    expect(rpcServer.fanoutQueue).toMatch(new RegExp(`^${topic}_fanout_[0-9a-f]{32}$`));
    for (const queue of queues) {
      expect(queue).toMatchObject({
        durable: false,
        auto_delete: false,
        exclusive: false,
        consumers: 1,
      });
    }
    expect(byName[topic].arguments).toEqual({});
    expect(byName[`${topic}.host-a`].arguments).toEqual({});
    expect(byName[rpcServer.fanoutQueue].arguments).toEqual({ 'x-expires': 1800000 });
    const bindings = (await vhost.current.listBindings())
      .filter((binding) => binding.source_name !== '' && binding.destination_name.startsWith(topic))
      .map((binding) => [binding.source_name, binding.destination_name, binding.routing_key]);
    expect(bindings.sort()).toEqual(
      [
        ['neutron', topic, topic],
        ['neutron', `${topic}.host-a`, `${topic}.host-a`],
        [`${topic}_fanout`, rpcServer.fanoutQueue, topic],
      ].sort(),
    );
    const exchanges = Object.fromEntries(
      (await vhost.current.listExchanges()).map((exchange) => [exchange.name, exchange]),
    );
    expect(exchanges.neutron).toMatchObject({ type: 'topic', durable: false, auto_delete: false });
    expect(exchanges[`${topic}_fanout`]).toMatchObject({
      type: 'fanout',
      durable: false,
      auto_delete: true,
    });
  });

  it('publishes calls with the AMQP properties and expiration Neutron uses, and a reply queue', async () => {
    const topic = freshTopic();
    const watcher = connection();
    const seen: amqp.ConsumeMessage[] = [];
    await watcher.addTopology({
      description: 'watcher',
      setup: async (channel) => {
        await channel.assertExchange('neutron', 'topic', { durable: false });
        await channel.assertQueue(topic, { durable: false });
        await channel.bindQueue(topic, 'neutron', topic);
        await channel.consume(topic, (message) => message && seen.push(message), { noAck: true });
      },
    });
    const rpc = client();
    await expect(
      rpc.call({ topic, version: '1.2' }, 'echo', {}, { timeoutMs: 300 }),
    ).rejects.toBeInstanceOf(RpcTimeoutError);
    expect(seen).toHaveLength(1);
    expect(seen[0].fields).toMatchObject({ exchange: 'neutron', routingKey: topic });
    expect(seen[0].properties).toMatchObject({
      contentType: 'application/json',
      contentEncoding: 'utf-8',
      deliveryMode: 2,
      priority: 0,
      headers: {},
      expiration: '300',
    });
    const reply = (await vhost.current.listQueues()).find((queue) => queue.name === rpc.replyQueue);
    expect(rpc.replyQueue).toMatch(/^reply_[0-9a-f]{32}$/);
    expect(reply).toMatchObject({
      durable: false,
      auto_delete: false,
      arguments: { 'x-expires': 1800000 },
    });
    expect(rpc.pendingCount).toBe(0);
  });

  it('casts: the server runs it and nothing comes back; a failing cast is only logged', async () => {
    const topic = freshTopic();
    const calls: unknown[] = [];
    const logger = new RecordingLogger();
    await server(topic, 'server-1', echo('server-1', calls), logger);
    const rpc = client();
    await rpc.cast({ topic, version: '1.9' }, 'echo', { n: 1 });
    await rpc.cast({ topic, version: '1.9' }, 'fail', {});
    await eventually(() => calls.length === 1 && logger.has('a cast failed'));
  });

  it('fans a cast out to every server of the topic, one copy each', async () => {
    const topic = freshTopic();
    const first: unknown[] = [];
    const second: unknown[] = [];
    await server(topic, 'host-a', echo('host-a', first));
    await server(topic, 'host-b', echo('host-b', second));
    const rpc = client();
    await rpc.cast({ topic, version: '1.0', fanout: true }, 'echo', { n: 1 });
    await rpc.cast({ topic, version: '1.0', fanout: true }, 'echo', { n: 2 });
    await eventually(() => first.length === 2 && second.length === 2);
    expect(first.map((call) => (call as { args: unknown }).args)).toEqual([{ n: 1 }, { n: 2 }]);
    expect(second.map((call) => (call as { args: unknown }).args)).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('shares the calls of one topic between its servers, and reaches one server by its host', async () => {
    const topic = freshTopic();
    const first: unknown[] = [];
    const second: unknown[] = [];
    await server(topic, 'host-a', echo('host-a', first));
    await server(topic, 'host-b', echo('host-b', second));
    const rpc = client();
    const answers = (await Promise.all(
      Array.from({ length: 10 }, (_, n) => rpc.call({ topic, version: '1.9' }, 'echo', { n })),
    )) as Array<{ served_by: string }>;
    expect(first.length + second.length).toBe(10);
    expect(first.length).toBeGreaterThan(0);
    expect(second.length).toBeGreaterThan(0);
    expect(new Set(answers.map((answer) => answer.served_by))).toEqual(
      new Set(['host-a', 'host-b']),
    );
    for (let n = 0; n < 3; n++) {
      await expect(
        rpc.call({ topic, version: '1.9', server: 'host-b' }, 'echo', {}),
      ).resolves.toMatchObject({ served_by: 'host-b' });
    }
  });

  it('refuses an unknown method with NoSuchMethod and another version with UnsupportedVersion', async () => {
    const topic = freshTopic();
    await server(topic, 'server-1', echo('server-1'));
    const rpc = client();
    const noSuchMethod = await rpc
      .call({ topic, version: '1.3' }, 'frobnicate', {})
      .catch((error: unknown) => error);
    expect(noSuchMethod).toBeInstanceOf(RemoteCallError);
    expect(noSuchMethod).toMatchObject({
      type: 'NoSuchMethod',
      httpStatus: 400,
      method: 'frobnicate',
    });
    for (const version of ['2.0', '1.10']) {
      const unsupported = await rpc
        .call({ topic, version }, 'echo', {})
        .catch((error: unknown) => error);
      expect(unsupported).toBeInstanceOf(RemoteCallError);
      expect(unsupported).toMatchObject({ type: 'UnsupportedVersion', httpStatus: 400 });
      expect((unsupported as Error).message).toMatch(
        new RegExp(`version ${version.replace('.', '\\.')}`),
      );
    }
    // 1.5 is above the legacy endpoint (1.2) but served by the 1.9 one, which lacks the method.
    await expect(rpc.call({ topic, version: '1.5' }, 'legacy', {})).rejects.toMatchObject({
      type: 'NoSuchMethod',
    });
  });

  it('carries a remote ml2ts error back with its type and status, and others as RemoteError', async () => {
    const topic = freshTopic();
    await server(topic, 'server-1', echo('server-1'));
    const rpc = client();
    await expect(rpc.call({ topic, version: '1.9' }, 'fail', {})).rejects.toMatchObject({
      constructor: RemoteCallError,
      type: 'InvalidInput',
      httpStatus: 400,
      message: 'Invalid input for operation: the echo failed on purpose.',
    });
    await expect(rpc.call({ topic, version: '1.9' }, 'crash', {})).rejects.toMatchObject({
      type: 'RemoteError',
      httpStatus: 500,
      message: 'something broke',
    });
  });

  it('times a call out with RpcTimeoutError, and drops the reply that comes late', async () => {
    const topic = freshTopic();
    let release: () => void = () => undefined;
    const logger = new RecordingLogger();
    const slowServer = new OsloRpcServer({
      connection: connection(logger),
      topic,
      host: 'slow',
      endpoints: [
        {
          version: '1.0',
          methods: { slow: () => new Promise((resolve) => (release = () => resolve('late'))) },
        },
      ],
    });
    closables.push(slowServer);
    await slowServer.start();
    const rpc = client({ callTimeoutMs: 200 });
    const failure = await rpc
      .call({ topic, version: '1.0' }, 'slow', {})
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RpcTimeoutError);
    expect(failure).toMatchObject({ type: 'MessagingTimeout', httpStatus: 504, timeoutMs: 200 });
    release();
    await eventually(() => slowServer.inFlightCount === 0);
    expect(rpc.pendingCount).toBe(0);
  });

  it('rejects the calls in flight with ChannelClosedError when the client closes', async () => {
    const topic = freshTopic();
    await server(topic, 'quiet', [
      { version: '1.0', methods: { hang: () => new Promise(() => undefined) } },
    ]);
    const rpc = client();
    const pending = rpc
      .call({ topic, version: '1.0' }, 'hang', {})
      .catch((error: unknown) => error);
    await eventually(() => rpc.pendingCount === 1);
    await rpc.close();
    expect(await pending).toBeInstanceOf(ChannelClosedError);
    await expect(rpc.call({ topic, version: '1.0' }, 'hang', {})).rejects.toBeInstanceOf(
      ChannelClosedError,
    );
  });

  it('waits in close() for the calls in flight to be answered', async () => {
    const topic = freshTopic();
    let release: () => void = () => undefined;
    const started: unknown[] = [];
    const rpcServer = await server(topic, 'busy', [
      {
        version: '1.0',
        methods: {
          work: () =>
            new Promise((resolve) => {
              started.push(1);
              release = () => resolve('done');
            }),
        },
      },
    ]);
    const rpc = client();
    const answer = rpc.call({ topic, version: '1.0' }, 'work', {});
    await eventually(() => started.length === 1);
    let closed = false;
    const closing = rpcServer.close().then(() => (closed = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(closed).toBe(false);
    release();
    await expect(answer).resolves.toBe('done');
    await closing;
    expect(closed).toBe(true);
  });

  it('logs and drops malformed messages, and runs a duplicate of a request once', async () => {
    const topic = freshTopic();
    const calls: unknown[] = [];
    const logger = new RecordingLogger();
    await server(topic, 'server-1', echo('server-1', calls), logger);
    const raw = connection();
    const exchange = topicExchange('neutron');
    await raw.publish(exchange, topic, 'this is not json', publishProperties(), 5000);
    await raw.publish(
      exchange,
      topic,
      '{"oslo.version": "2.0", "oslo.message": "{}"}',
      publishProperties(),
      5000,
    );
    const body = encodeCast({
      method: 'echo',
      args: { once: true },
      version: '1.0',
      context: agentContext(),
    });
    await raw.publish(exchange, topic, body, publishProperties(), 5000);
    await raw.publish(exchange, topic, body, publishProperties(), 5000);
    const rpc = client();
    await expect(
      rpc.call({ topic, version: '1.9' }, 'echo', { after: true }),
    ).resolves.toMatchObject({
      served_by: 'server-1',
    });
    expect(
      logger.lines.filter((line) => line.message.includes('dropped a malformed message')),
    ).toHaveLength(2);
    expect(calls.map((call) => (call as { args: unknown }).args)).toEqual([
      { once: true },
      { after: true },
    ]);
  });

  it('comes back after the broker drops its connections: consumers re-declared, calls answered', async () => {
    const topic = freshTopic();
    const logger = new RecordingLogger();
    const rpcServer = await server(topic, 'server-1', echo('server-1'), logger);
    const rpc = client();
    await expect(rpc.call({ topic, version: '1.9' }, 'echo', { n: 1 })).resolves.toBeDefined();
    await vhost.current.closeAllConnections();
    await expect(rpc.call({ topic, version: '1.9' }, 'echo', { n: 2 })).resolves.toMatchObject({
      served_by: 'server-1',
      args: { n: 2 },
    });
    const queues = await vhost.current.listQueues();
    for (const name of rpcServer.queues) {
      expect(queues.find((queue) => queue.name === name)).toMatchObject({ consumers: 1 });
    }
    expect(queues.find((queue) => queue.name === rpc.replyQueue)).toMatchObject({ consumers: 1 });
  });

  it('sends keep-alive replies while a call runs when its caller set _timeout', async () => {
    const topic = freshTopic();
    let release: () => void = () => undefined;
    await server(topic, 'server-1', [
      {
        version: '1.0',
        methods: { wait: () => new Promise((resolve) => (release = () => resolve('finally'))) },
      },
    ]);
    const raw = connection();
    const replies: Array<Record<string, unknown>> = [];
    await raw.addTopology({
      description: 'reply watcher',
      setup: async (channel) => {
        await channel.assertQueue('reply_watch', { durable: false });
        await channel.consume(
          'reply_watch',
          (message) => message && replies.push(decodeEnvelope(message.content)),
          { noAck: true },
        );
      },
    });
    const body = encodeEnvelope({
      ...packContext(agentContext()),
      _msg_id: 'm-keepalive',
      _reply_q: 'reply_watch',
      _timeout: 2,
      _unique_id: 'u-keepalive',
      args: {},
      method: 'wait',
      version: '1.0',
    });
    await raw.publish(topicExchange('neutron'), topic, body, publishProperties(10_000), 5000);
    await eventually(() => replies.length >= 1);
    expect(replies[0]).toMatchObject({
      _msg_id: 'm-keepalive',
      ending: false,
      result: null,
      failure: null,
    });
    release();
    await eventually(() => replies.some((reply) => reply.ending === true));
    expect(replies.find((reply) => reply.ending === true)).toMatchObject({ result: 'finally' });
  });

  it('declares its queue again when the broker cancels its consumer (queue deleted)', async () => {
    const topic = freshTopic();
    const logger = new RecordingLogger();
    await server(topic, 'host-a', echo('host-a'), logger);
    await vhost.current.deleteQueue(`${topic}.host-a`);
    await eventually(() => logger.has('consumer cancelled by the broker'));
    const rpc = client();
    await eventually(
      async () =>
        (await vhost.current.listQueues()).find((queue) => queue.name === `${topic}.host-a`)
          ?.consumers === 1,
    );
    await expect(
      rpc.call({ topic, version: '1.9', server: 'host-a' }, 'echo', { again: true }),
    ).resolves.toMatchObject({ served_by: 'host-a' });
  });
});
