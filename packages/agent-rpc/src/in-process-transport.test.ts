import { InvalidInput, Ml2Error, ReportStateResult } from '@ml2ts/driver-api';
import { openAgentChannel } from './agent-channel';
import { type AgentNotification } from './agent-notification';
import { type AgentServerApi } from './agent-server-api';
import { ChannelClosedError } from './channel-closed-error';
import { InProcessTransport } from './in-process-transport';
import { RemoteCallError } from './remote-call-error';
import { RpcTimeoutError } from './rpc-timeout-error';

/** Lets queued microtasks and immediates (deliveries, dispatches) run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A server answering `reportState` and `describeDevice`, recording what it received. */
function fakeServer(received: unknown[] = [], name = 'server') {
  return {
    reportState: async (request: unknown) => {
      received.push(request);
      return { status: ReportStateResult.ALIVE, at: new Date(Date.UTC(2026, 0, 2)), name };
    },
    describeDevice: async (request: { device: string }) => {
      if (request.device === 'bad') throw new InvalidInput('device bad is malformed');
      if (request.device === 'bug') throw new TypeError('database is locked');
      if (request.device === 'slow') await new Promise(() => undefined);
      return { device: request.device, name };
    },
  } as unknown as AgentServerApi;
}

const portDelete = (portId: string): AgentNotification => ({ type: 'portDelete', port_id: portId });

describe('InProcessTransport', () => {
  let transport: InProcessTransport;
  beforeEach(() => {
    transport = new InProcessTransport();
  });
  afterEach(() => transport.close());

  it('passes requests and replies as JSON copies: nothing shared, Dates become strings', async () => {
    const received: unknown[] = [];
    await transport.createServer().listen(fakeServer(received));
    const channel = await openAgentChannel(transport, 'host1');
    const sent = {
      agent_state: { host: 'host1', configurations: { since: new Date(Date.UTC(2026, 0, 1)) } },
      skipped: undefined,
    };
    const answer = (await channel.reportState(sent as never)) as unknown;
    expect(received[0]).not.toBe(sent);
    expect(received[0]).toEqual({
      agent_state: { host: 'host1', configurations: { since: '2026-01-01T00:00:00.000Z' } },
    });
    expect(answer).toEqual({ status: 'alive', at: '2026-01-02T00:00:00.000Z', name: 'server' });
  });

  it('carries server errors back as RemoteCallError with type and status', async () => {
    await transport.createServer().listen(fakeServer());
    const channel = await openAgentChannel(transport, 'host1');
    const failure = await channel
      .describeDevice({ device: 'bad' })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RemoteCallError);
    expect(failure).toBeInstanceOf(Ml2Error);
    expect(failure).not.toBeInstanceOf(InvalidInput);
    expect(failure).toMatchObject({
      type: 'InvalidInput',
      httpStatus: 400,
      method: 'describeDevice',
    });
    await expect(channel.describeDevice({ device: 'bug' })).rejects.toMatchObject({
      type: 'RemoteError',
      httpStatus: 500,
      message: 'database is locked',
    });
  });

  it('keeps a call waiting until a server listens, as a queue would', async () => {
    const channel = await openAgentChannel(transport, 'host1');
    const pending = channel.describeDevice({ device: 'p1' });
    await settle();
    await transport.createServer().listen(fakeServer());
    await expect(pending).resolves.toEqual({ device: 'p1', name: 'server' });
  });

  it('fails a call whose reply does not come in time with RpcTimeoutError', async () => {
    await transport.createServer().listen(fakeServer());
    const channel = await openAgentChannel(transport, 'host1', { timeoutMs: 20 });
    const failure = await channel
      .describeDevice({ device: 'slow' })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RpcTimeoutError);
    expect(failure).toMatchObject({ type: 'MessagingTimeout', httpStatus: 504, timeoutMs: 20 });
    const quick = new InProcessTransport({ callTimeoutMs: 10 });
    const unanswered = quick.createClient('host1').call('describeDevice', { device: 'p1' });
    await expect(unanswered).rejects.toBeInstanceOf(RpcTimeoutError);
    await quick.close();
  });

  it('hands requests to several listening servers in turn', async () => {
    await transport.createServer().listen(fakeServer([], 'a'));
    await transport.createServer().listen(fakeServer([], 'b'));
    const channel = await openAgentChannel(transport, 'host1');
    const names = [];
    for (let index = 0; index < 4; index++) {
      names.push(
        ((await channel.describeDevice({ device: 'p' })) as unknown as { name: string }).name,
      );
    }
    expect(names).toEqual(['a', 'b', 'a', 'b']);
  });

  it('runs a cast without waiting for, or reporting, its outcome', async () => {
    const received: unknown[] = [];
    await transport.createServer().listen(fakeServer(received));
    const client = transport.createClient('host1');
    const sending = client.cast('reportState', { n: 1 });
    expect(received).toEqual([]);
    await sending;
    await client.cast('describeDevice', { device: 'bad' });
    await settle();
    expect(received).toEqual([{ n: 1 }]);
  });

  it('refuses a second listen on one server, and answers calls taken before its close', async () => {
    const server = transport.createServer();
    await server.listen(fakeServer());
    await expect(server.listen(fakeServer())).rejects.toThrow(/already listening/);
    const channel = await openAgentChannel(transport, 'host1');
    const inFlight = channel.describeDevice({ device: 'p1' });
    await settle();
    await server.close();
    await expect(inFlight).resolves.toMatchObject({ device: 'p1' });
  });

  it('fans notifications out to every subscriber, each with its own copy, in order', async () => {
    const publisher = transport.createPublisher();
    const first: AgentNotification[] = [];
    const second: AgentNotification[] = [];
    await (await openAgentChannel(transport, 'host1')).subscribe((n) => first.push(n));
    await (await openAgentChannel(transport, 'host2')).subscribe((n) => second.push(n));
    const publishing = publisher.publish(portDelete('p1'));
    expect(first).toEqual([]);
    await publishing;
    await publisher.publish(portDelete('p2'));
    await settle();
    expect(first).toEqual([portDelete('p1'), portDelete('p2')]);
    expect(second).toEqual(first);
    expect(second[0]).not.toBe(first[0]);
  });

  it('survives a throwing listener and stops delivering after unsubscribe or close', async () => {
    const publisher = transport.createPublisher();
    const channel = await openAgentChannel(transport, 'host1');
    const other = await openAgentChannel(transport, 'host2');
    const kept: string[] = [];
    const dropped: string[] = [];
    const closing: string[] = [];
    await channel.subscribe(() => {
      throw new Error('listener bug');
    });
    await channel.subscribe((n) => kept.push(n.type));
    const unsubscribe = await channel.subscribe((n) => dropped.push(n.type));
    await other.subscribe((n) => closing.push(n.type));
    expect(transport.subscriptionCount).toBe(4);

    await unsubscribe();
    await other.close();
    await other.close();
    expect(transport.subscriptionCount).toBe(2);
    await publisher.publish(portDelete('p1'));
    await settle();
    expect(kept).toEqual(['portDelete']);
    expect(dropped).toEqual([]);
    expect(closing).toEqual([]);
    await expect(other.describeDevice({ device: 'p1' })).rejects.toBeInstanceOf(ChannelClosedError);
    await expect(other.subscribe(() => undefined)).rejects.toBeInstanceOf(ChannelClosedError);
  });

  it('closes everything it made: waiting calls reject, nothing is delivered, nothing new opens', async () => {
    const publisher = transport.createPublisher();
    const channel = await openAgentChannel(transport, 'host1');
    const seen: string[] = [];
    await channel.subscribe((n) => seen.push(n.type));
    const waiting = channel.describeDevice({ device: 'p1' });
    await transport.close();
    await expect(waiting).rejects.toBeInstanceOf(ChannelClosedError);
    await expect(publisher.publish(portDelete('p1'))).rejects.toBeInstanceOf(ChannelClosedError);
    await settle();
    expect(seen).toEqual([]);
    expect(transport.subscriptionCount).toBe(0);
    expect(() => transport.createClient('host3')).toThrow(ChannelClosedError);
    await expect(openAgentChannel(transport, 'host3')).rejects.toBeInstanceOf(ChannelClosedError);
  });
});
