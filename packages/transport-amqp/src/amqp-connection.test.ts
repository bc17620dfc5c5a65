import { ChannelClosedError } from '@ml2ts/agent-rpc';
import { AmqpConnection } from './amqp-connection';
import { publishProperties } from './oslo-envelope';
import { TransportOperationFailed } from './transport-operation-failed';
import { TransportUnreachable } from './transport-unreachable';
import { parseTransportUrl, withVirtualHost } from './transport-url';
import { eventually } from './test-support/eventually';
import { RecordingLogger } from './test-support/recording-logger';
import { describeWithRabbitmq, testBrokerUrl, useScratchVhost } from './test-support/scratch-vhost';

const FAST_RETRY = { initialDelayMs: 20, maxDelayMs: 200 };

describe('AmqpConnection without a broker', () => {
  it('rejects with TransportUnreachable naming the hosts without passwords and what to check', async () => {
    const connection = new AmqpConnection({
      url: parseTransportUrl('rabbit://guest:s3cret@127.0.0.1:1,guest:s3cret@127.0.0.1:2/'),
      retry: FAST_RETRY,
    });
    const failure = (await connection
      .open()
      .catch((error: unknown) => error)) as TransportUnreachable;
    expect(failure).toBeInstanceOf(TransportUnreachable);
    expect(failure).toMatchObject({
      httpStatus: 503,
      reason: 'network',
      type: 'TransportUnreachable',
    });
    expect(failure.message).toMatch(
      /rabbit:\/\/guest:\*\*\*@127\.0\.0\.1:1,guest:\*\*\*@127\.0\.0\.1:2\//,
    );
    expect(failure.message).toMatch(
      /127\.0\.0\.1:1, 127\.0\.0\.1:2; check that RabbitMQ runs there/,
    );
    expect(failure.message).not.toMatch(/s3cret/);
    expect(connection.state).toBe('idle');
    await connection.close();
    await connection.close();
    expect(connection.state).toBe('closed');
    await expect(connection.open()).rejects.toBeInstanceOf(ChannelClosedError);
  });
});

describeWithRabbitmq('AmqpConnection on RabbitMQ', () => {
  const vhost = useScratchVhost();
  const connections: AmqpConnection[] = [];
  const connect = (options: { logger?: RecordingLogger; retry?: typeof FAST_RETRY } = {}) => {
    const connection = new AmqpConnection({
      url: vhost.current.url,
      name: `ml2ts connection test ${connections.length}`,
      retry: options.retry ?? FAST_RETRY,
      logger: options.logger,
    });
    connections.push(connection);
    return connection;
  };
  afterEach(async () => {
    await Promise.all(connections.splice(0).map((connection) => connection.close()));
  });

  it('refuses a wrong password and a missing vhost with what to check', async () => {
    const broker = testBrokerUrl();
    const wrongPassword = new AmqpConnection({
      url: {
        ...vhost.current.url,
        hosts: vhost.current.url.hosts.map((host) => ({ ...host, password: 'wrong-password' })),
      },
    });
    await expect(wrongPassword.open()).rejects.toMatchObject({
      reason: 'credentials',
      message: expect.stringMatching(/refused the user name or password/),
    });
    const noVhost = new AmqpConnection({ url: withVirtualHost(broker, 'ml2ts-no-such-vhost') });
    await expect(noVhost.open()).rejects.toMatchObject({
      reason: 'vhost',
      message: expect.stringMatching(/ml2ts-no-such-vhost.*rabbitmqctl list_vhosts/),
    });
    await Promise.all([wrongPassword.close(), noVhost.close()]);
  });

  it('classifies a declaration the broker refuses, and stays usable', async () => {
    const connection = connect();
    await connection.addTopology({
      description: 'queue conflict-1',
      setup: async (channel) => {
        await channel.assertQueue('conflict-1', { durable: false });
      },
    });
    const refused = await connection
      .addTopology({
        description: 'queue conflict-1 again, durable',
        setup: async (channel) => {
          await channel.assertQueue('conflict-1', { durable: true });
        },
      })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TransportOperationFailed);
    expect((refused as Error).message).toMatch(/PRECONDITION_FAILED - inequivalent arg 'durable'/);
    await connection.publish(null, 'conflict-1', '{}', publishProperties(), 5000);
    expect(connection.state).toBe('open');
  });

  it('comes back after the broker closes it, re-declares its topologies and logs it', async () => {
    const logger = new RecordingLogger();
    const connection = connect({ logger });
    const received: string[] = [];
    let setups = 0;
    await connection.addTopology({
      description: 'queue reconnect-1',
      setup: async (channel) => {
        setups += 1;
        await channel.assertQueue('reconnect-1', { durable: false, autoDelete: false });
        await channel.consume(
          'reconnect-1',
          (message) => {
            if (message) received.push(message.content.toString());
          },
          { noAck: true },
        );
      },
    });
    expect(connection.openCount).toBe(1);
    await vhost.current.closeAllConnections();
    await eventually(() => connection.openCount === 2 && connection.state === 'open');
    expect(setups).toBe(2);
    await connection.publish(null, 'reconnect-1', 'after', publishProperties(), 5000);
    await eventually(() => received.includes('after'));
    expect(logger.has('AMQP connection lost; reconnecting')).toBe(true);
    expect(logger.has('AMQP connection re-established')).toBe(true);
    expect(logger.has('AMQP topology re-declared')).toBe(true);
    expect(logger.text()).not.toMatch(new RegExp(`:${vhost.current.url.hosts[0].password}@`));
  });

  it('lets a publish made while disconnected wait for the reconnect', async () => {
    const connection = connect({ retry: { initialDelayMs: 300, maxDelayMs: 300 } });
    const received: string[] = [];
    await connection.addTopology({
      description: 'queue waiting-1',
      setup: async (channel) => {
        await channel.assertQueue('waiting-1', { durable: false });
        await channel.consume(
          'waiting-1',
          (message) => {
            if (message) received.push(message.content.toString());
          },
          { noAck: true },
        );
      },
    });
    await vhost.current.closeAllConnections();
    await eventually(() => connection.state === 'reconnecting');
    await connection.publish(null, 'waiting-1', 'while down', publishProperties(), 10_000);
    expect(connection.openCount).toBe(2);
    await eventually(() => received.includes('while down'));
  });

  it('gives up on a publish whose time runs out before the reconnect', async () => {
    const connection = connect({ retry: { initialDelayMs: 20_000, maxDelayMs: 20_000 } });
    await connection.open();
    await vhost.current.closeAllConnections();
    await eventually(() => connection.state === 'reconnecting');
    const failure = await connection
      .publish(null, 'nowhere', '{}', publishProperties(), 50)
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TransportUnreachable);
    expect(failure).toMatchObject({ reason: 'disconnected', httpStatus: 503 });
    await connection.close();
    await expect(
      connection.publish(null, 'nowhere', '{}', publishProperties(), 50),
    ).rejects.toBeInstanceOf(ChannelClosedError);
  });
});
