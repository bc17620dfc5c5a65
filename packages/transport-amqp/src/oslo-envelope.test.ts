import * as path from 'node:path';
import { MalformedMessage } from './malformed-message';
import { agentContext, formatAgentTime, formatOsloTimestamp, serverContext } from './oslo-context';
import {
  decodeEnvelope,
  decodeReply,
  decodeRequest,
  encodeCall,
  encodeCast,
  encodeReply,
  publishProperties,
} from './oslo-envelope';
import { neutronSamples, wireBodyOf } from './test-support/neutron-samples';

const samples = neutronSamples(path.resolve(__dirname, '../../../../shared/neutron-agent/samples'));
const withSamples = samples.available ? describe : describe.skip;
if (!samples.available) console.warn(samples.reason);

const HEX32 = /^[0-9a-f]{32}$/;
const REQUEST_ID = /^req-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}$/;

/** The parsed message inside an envelope string. */
function inner(envelope: string): Record<string, unknown> {
  const outer = JSON.parse(envelope) as Record<string, unknown>;
  expect(Object.keys(outer).sort()).toEqual(['oslo.message', 'oslo.version']);
  expect(outer['oslo.version']).toBe('2.0');
  expect(typeof outer['oslo.message']).toBe('string');
  return JSON.parse(outer['oslo.message'] as string) as Record<string, unknown>;
}

/** A message without the values that differ every time: ids and timestamps. */
function stable(message: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...message };
  for (const key of [
    '_msg_id',
    '_reply_q',
    '_unique_id',
    '_context_request_id',
    '_context_timestamp',
  ]) {
    if (key in copy) copy[key] = '<varies>';
  }
  return copy;
}

describe('oslo contexts', () => {
  it('writes timestamps as %Y-%m-%d %H:%M:%S.%f in UTC, and agent times with a T', () => {
    const at = new Date(Date.UTC(2026, 11, 1, 7, 56, 3, 21));
    expect(formatOsloTimestamp(at)).toBe('2026-12-01 07:56:03.021000');
    expect(formatAgentTime(at)).toBe('2026-12-01T07:56:03.021000');
  });

  it('makes fresh request ids and a timestamp of now', () => {
    const context = agentContext();
    expect(context.request_id).toMatch(REQUEST_ID);
    expect(context.timestamp).toMatch(TIMESTAMP);
    expect(agentContext().request_id).not.toBe(context.request_id);
  });
});

describe('oslo envelopes', () => {
  const request = {
    method: 'tunnel_sync',
    args: { tunnel_ip: '192.0.2.1', tunnel_type: 'vxlan', host: 'compute-1' },
    version: '1.4',
    context: agentContext(),
  };

  it('wraps a call with its ids, _timeout null and the 23 context keys', () => {
    const message = inner(encodeCall(request, 'a'.repeat(32), 'reply_' + 'b'.repeat(32)));
    expect(message._msg_id).toBe('a'.repeat(32));
    expect(message._reply_q).toBe('reply_' + 'b'.repeat(32));
    expect(message._timeout).toBeNull();
    expect(message._unique_id).toMatch(HEX32);
    expect(Object.keys(message).filter((key) => key.startsWith('_context_'))).toHaveLength(23);
    expect(message).toMatchObject({ method: 'tunnel_sync', version: '1.4', args: request.args });
  });

  it('wraps a cast without _msg_id, _reply_q and _timeout', () => {
    const message = inner(encodeCast(request));
    expect(message).not.toHaveProperty('_msg_id');
    expect(message).not.toHaveProperty('_reply_q');
    expect(message).not.toHaveProperty('_timeout');
    expect(message._unique_id).toMatch(HEX32);
  });

  it('wraps a reply as one ending message, result null on failure', () => {
    expect(inner(encodeReply('m1', { a: 1 }, null))).toMatchObject({
      _msg_id: 'm1',
      result: { a: 1 },
      failure: null,
      ending: true,
    });
    expect(inner(encodeReply('m1', undefined, null)).result).toBeNull();
    expect(inner(encodeReply('m1', 'x', '{"class":"E"}'))).toMatchObject({
      result: null,
      failure: '{"class":"E"}',
    });
  });

  it('reads back what it writes', () => {
    const decoded = decodeRequest(encodeCall(request, 'c'.repeat(32), 'reply_q'));
    expect(decoded).toMatchObject({
      method: 'tunnel_sync',
      version: '1.4',
      args: request.args,
      msgId: 'c'.repeat(32),
      replyQueue: 'reply_q',
      namespace: null,
    });
    expect(decoded.context).toEqual(request.context);
    expect(decodeReply(encodeReply('m2', [1], null))).toMatchObject({
      msgId: 'm2',
      result: [1],
      failure: null,
      ending: true,
    });
  });

  it('reads messages without an envelope, and a request without version or args', () => {
    expect(decodeEnvelope('{"method": "x"}')).toEqual({ method: 'x' });
    expect(decodeRequest('{"method": "x"}')).toMatchObject({
      version: '1.0',
      args: {},
      msgId: null,
    });
  });

  it.each([
    ['not json', /not JSON/],
    ['[1, 2]', /not a JSON object/],
    ['{"oslo.version": "3.0", "oslo.message": "{}"}', /version "3.0" is not 2.x/],
    ['{"oslo.version": "2.0", "oslo.message": "{"}', /oslo.message is not JSON/],
    ['{"oslo.version": "2.0", "oslo.message": "{\\"args\\": {}}"}', /names no method/],
  ])('refuses %s with MalformedMessage', (body, problem) => {
    expect(() => decodeRequest(body)).toThrow(MalformedMessage);
    expect(() => decodeRequest(body)).toThrow(problem);
  });

  it('refuses a reply without _msg_id', () => {
    expect(() => decodeReply('{"result": 1}')).toThrow(/no _msg_id/);
  });

  it('sets the AMQP properties of every message, and the expiration of calls', () => {
    expect(publishProperties()).toEqual({
      contentType: 'application/json',
      contentEncoding: 'utf-8',
      deliveryMode: 2,
      priority: 0,
      headers: {},
    });
    expect(publishProperties(5000).expiration).toBe('5000');
  });
});

/** amqplib's property names, as the samples write them. */
function propertiesAsRecorded(expirationMs?: number): Record<string, unknown> {
  const properties = publishProperties(expirationMs);
  const recorded: Record<string, unknown> = {
    content_encoding: properties.contentEncoding,
    content_type: properties.contentType,
    delivery_mode: properties.deliveryMode,
    headers: properties.headers,
    priority: properties.priority,
  };
  if (properties.expiration !== undefined) recorded.expiration = properties.expiration;
  return recorded;
}

withSamples("compared with Neutron's recorded messages", () => {
  it("writes an agent's call exactly as the agent did (ids and times aside)", () => {
    const sample = samples.load('report_state');
    const recorded = sample.body['oslo.message'];
    const ours = inner(
      encodeCall(
        {
          method: 'report_state',
          args: recorded.args as Record<string, unknown>,
          version: '1.2',
          context: agentContext(),
        },
        'x',
        'reply_x',
      ),
    );
    expect(stable(ours)).toEqual(stable(recorded));
    expect(propertiesAsRecorded(5000)).toEqual(sample.properties);
  });

  it("writes a server's fanout cast exactly as the API process did", () => {
    const sample = samples.load('port_delete');
    const recorded = sample.body['oslo.message'];
    const ours = inner(
      encodeCast({
        method: 'port_delete',
        args: recorded.args as Record<string, unknown>,
        version: '1.0',
        context: serverContext(),
      }),
    );
    expect(stable(ours)).toEqual(stable(recorded));
    expect(propertiesAsRecorded()).toEqual(sample.properties);
  });

  it('writes a cast with the agent context as the RPC worker did (tunnel_update)', () => {
    const recorded = samples.load('tunnel_update').body['oslo.message'];
    const ours = inner(
      encodeCast({
        method: 'tunnel_update',
        args: recorded.args as Record<string, unknown>,
        version: '1.0',
        context: agentContext(),
      }),
    );
    expect(stable(ours)).toEqual(stable(recorded));
  });

  it('writes a reply exactly as the server did', () => {
    const sample = samples.load('tunnel_sync');
    const recorded = sample.reply!.body['oslo.message'];
    const ours = inner(encodeReply(recorded._msg_id as string, recorded.result, null));
    expect(stable(ours)).toEqual(stable(recorded));
    expect(propertiesAsRecorded()).toEqual(sample.reply!.properties);
  });

  it('reads every recorded request and reply', () => {
    for (const name of [
      'report_state',
      'bulk_pull-Port',
      'update_device_list',
      'push-Port-1.7-updated',
    ]) {
      const sample = samples.load(name);
      const recorded = sample.body['oslo.message'];
      const decoded = decodeRequest(wireBodyOf(sample.body));
      expect(decoded.method).toBe(recorded.method);
      expect(decoded.version).toBe(recorded.version);
      expect(decoded.args).toEqual(recorded.args);
      expect(decoded.context.request_id).toBe(recorded._context_request_id);
      expect(decoded.uniqueId).toBe(recorded._unique_id);
      if (sample.reply) {
        expect(decoded.msgId).toBe(recorded._msg_id);
        expect(decoded.replyQueue).toBe(recorded._reply_q);
        const reply = decodeReply(wireBodyOf(sample.reply.body));
        expect(reply).toMatchObject({ msgId: recorded._msg_id, failure: null, ending: true });
        expect(reply.result).toEqual(sample.reply.body['oslo.message'].result);
      } else {
        expect(decoded.msgId).toBeNull();
      }
    }
  });
});
