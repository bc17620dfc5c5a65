import { randomUUID } from 'node:crypto';
import type * as amqp from 'amqplib';
import { MalformedMessage } from './malformed-message';
import { type OsloContext, packContext, unpackContext } from './oslo-context';

/** The envelope version every message carries as `oslo.version`. */
export const OSLO_ENVELOPE_VERSION = '2.0';

/** The envelope's key for the version. */
export const OSLO_VERSION_KEY = 'oslo.version';

/** The envelope's key for the message, itself a JSON string. */
export const OSLO_MESSAGE_KEY = 'oslo.message';

/** The version a request without one is read at (what the senders of old did not write). */
export const DEFAULT_REQUEST_VERSION = '1.0';

/** A fresh id as message ids are written: a UUID v4 in hex, without dashes. Never blocks. */
export function newUniqueId(): string {
  return randomUUID().replace(/-/g, '');
}

/** One request (a call or a cast) as it is read off or put on the bus. */
export interface OsloRequest {
  readonly method: string;
  /** The method's keyword arguments; whatever the sender put there (usually an object). */
  readonly args: unknown;
  /** `major.minor` (or `major.minor.revision`) the sender speaks. */
  readonly version: string;
  /** Never sent by ml2ts nor by Neutron; null when absent. */
  readonly namespace: string | null;
  readonly context: OsloContext;
  /** Set on calls only: the id the reply must carry. */
  readonly msgId: string | null;
  /** Set on calls only: the queue the reply goes to, through the default exchange. */
  readonly replyQueue: string | null;
  /** Unique per message; a redelivered message keeps it, so duplicates can be told. */
  readonly uniqueId: string | null;
  /**
   * `_timeout`: seconds within which a caller that set it expects a keep-alive reply while the
   * call runs (null, as Neutron's agents send it, means none).
   */
  readonly callMonitorTimeout: number | null;
}

/** One reply to a call. */
export interface OsloReply {
  readonly msgId: string;
  readonly uniqueId: string | null;
  readonly result: unknown;
  /** The encoded remote error (see `encodeFailure`), or null on success. */
  readonly failure: string | null;
  /** False on the keep-alive replies a server may send while a call runs; true on the answer. */
  readonly ending: boolean;
}

/** What to put in a request: everything but the ids the encoder makes. */
export interface OutgoingRequest {
  readonly method: string;
  readonly args: Record<string, unknown>;
  readonly version: string;
  readonly context: OsloContext;
}

/**
 * Wraps one message (a plain object) in the envelope:
 * `{"oslo.version": "2.0", "oslo.message": "<the message as a JSON string>"}`. Pure; throws
 * only on values JSON cannot hold (cycles, BigInts), as `JSON.stringify` does.
 */
export function encodeEnvelope(message: Record<string, unknown>): string {
  return JSON.stringify({
    [OSLO_VERSION_KEY]: OSLO_ENVELOPE_VERSION,
    [OSLO_MESSAGE_KEY]: JSON.stringify(message),
  });
}

/**
 * The body of a call: method, args, version, the flattened context, `_msg_id`, `_reply_q`,
 * `_timeout: null` and a fresh `_unique_id`, in its envelope. Pure apart from the fresh id.
 */
export function encodeCall(request: OutgoingRequest, msgId: string, replyQueue: string): string {
  return encodeEnvelope({
    ...packContext(request.context),
    _msg_id: msgId,
    _reply_q: replyQueue,
    _timeout: null,
    _unique_id: newUniqueId(),
    args: request.args,
    method: request.method,
    version: request.version,
  });
}

/**
 * The body of a cast (directed or fanout): like a call without `_msg_id`, `_reply_q` and
 * `_timeout`. Pure apart from the fresh id.
 */
export function encodeCast(request: OutgoingRequest): string {
  return encodeEnvelope({
    ...packContext(request.context),
    _unique_id: newUniqueId(),
    args: request.args,
    method: request.method,
    version: request.version,
  });
}

/**
 * The body of a reply: `{_msg_id, _unique_id, result, failure, ending: true}` in its envelope;
 * `result` is null when `failure` is set. Pure apart from the fresh id.
 */
export function encodeReply(msgId: string, result: unknown, failure: string | null): string {
  return encodeEnvelope({
    _msg_id: msgId,
    _unique_id: newUniqueId(),
    result: failure === null ? (result === undefined ? null : result) : null,
    failure,
    ending: true,
  });
}

/**
 * The body of a keep-alive reply, sent while a call whose caller set `_timeout` still runs:
 * `{_msg_id, _unique_id, result: null, failure: null, ending: false}`. Pure apart from the id.
 */
export function encodeHeartbeat(msgId: string): string {
  return encodeEnvelope({
    _msg_id: msgId,
    _unique_id: newUniqueId(),
    result: null,
    failure: null,
    ending: false,
  });
}

/**
 * Unwraps one message body: the object inside the envelope, or the body itself when it has no
 * envelope (as the oldest senders wrote). Pure. Throws `MalformedMessage` when the body is not
 * a JSON object, its envelope is of another major version, or its message is not a JSON object.
 */
export function decodeEnvelope(body: Buffer | string): Record<string, unknown> {
  let outer: unknown;
  try {
    outer = JSON.parse(typeof body === 'string' ? body : body.toString('utf8'));
  } catch {
    throw new MalformedMessage('the body is not JSON');
  }
  if (!isObject(outer)) throw new MalformedMessage('the body is not a JSON object');
  if (!(OSLO_VERSION_KEY in outer)) return outer;
  const version = outer[OSLO_VERSION_KEY];
  if (
    typeof version !== 'string' ||
    version.split('.')[0] !== OSLO_ENVELOPE_VERSION.split('.')[0]
  ) {
    throw new MalformedMessage(`envelope version ${JSON.stringify(version)} is not 2.x`);
  }
  const inner = outer[OSLO_MESSAGE_KEY];
  let message: unknown;
  try {
    message = typeof inner === 'string' ? JSON.parse(inner) : inner;
  } catch {
    throw new MalformedMessage('the oslo.message is not JSON');
  }
  if (!isObject(message)) throw new MalformedMessage('the oslo.message is not a JSON object');
  return message;
}

/**
 * Reads one request (call or cast) off the bus. Pure. Throws `MalformedMessage` when the body
 * cannot be unwrapped or names no method; every other field is read leniently (a missing
 * version is `1.0`, missing args are `{}`).
 */
export function decodeRequest(body: Buffer | string): OsloRequest {
  const message = decodeEnvelope(body);
  const method = message.method;
  if (typeof method !== 'string' || method.length === 0) {
    throw new MalformedMessage('the request names no method');
  }
  const version = message.version;
  return {
    method,
    args: message.args === undefined || message.args === null ? {} : message.args,
    version: typeof version === 'string' ? version : DEFAULT_REQUEST_VERSION,
    namespace: typeof message.namespace === 'string' ? message.namespace : null,
    context: unpackContext(message),
    msgId: nonEmptyString(message._msg_id),
    replyQueue: nonEmptyString(message._reply_q),
    uniqueId: nonEmptyString(message._unique_id),
    callMonitorTimeout:
      typeof message._timeout === 'number' && message._timeout > 0 ? message._timeout : null,
  };
}

/**
 * Reads one reply off the bus. Pure. Throws `MalformedMessage` when the body cannot be
 * unwrapped or has no `_msg_id`.
 */
export function decodeReply(body: Buffer | string): OsloReply {
  const message = decodeEnvelope(body);
  const msgId = nonEmptyString(message._msg_id);
  if (msgId === null) throw new MalformedMessage('the reply has no _msg_id');
  const failure = message.failure;
  return {
    msgId,
    uniqueId: nonEmptyString(message._unique_id),
    result: message.result ?? null,
    failure:
      failure === null || failure === undefined
        ? null
        : typeof failure === 'string'
          ? failure
          : JSON.stringify(failure),
    ending: message.ending === true,
  };
}

/**
 * The AMQP properties of every message: `content_type application/json`, `content_encoding
 * utf-8`, `delivery_mode 2`, `priority 0`, `headers {}`, and on calls `expiration` = the call
 * timeout in milliseconds. Pure.
 */
export function publishProperties(expirationMs?: number): amqp.Options.Publish {
  const properties: amqp.Options.Publish = {
    contentType: 'application/json',
    contentEncoding: 'utf-8',
    deliveryMode: 2,
    priority: 0,
    headers: {},
  };
  if (expirationMs !== undefined) {
    properties.expiration = String(Math.max(0, Math.ceil(expirationMs)));
  }
  return properties;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function nonEmptyString(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}
