import { RemoteCallError, toWireError, UnsupportedVersion } from '@ml2ts/agent-rpc';
import { NoSuchMethod } from './no-such-method';

/**
 * The module name ml2ts's own errors travel under. It is not one of the modules a Python
 * client may rebuild exceptions from, so Neutron's agents turn these failures into a plain
 * `RemoteError` carrying the class name and message (and never import anything).
 */
export const ML2TS_FAILURE_MODULE = 'ml2ts.errors';

/** The module of the dispatcher's `UnsupportedVersion` and `NoSuchMethod` failures. */
export const OSLO_DISPATCHER_MODULE = 'oslo_messaging.rpc.dispatcher';

/** The suffix Python clients give the classes of rebuilt remote errors (and their modules). */
const REMOTE_SUFFIX = '_Remote';

/** A remote error as a reply's `failure` carries it (once parsed from its JSON string). */
export interface OsloFailure {
  /** The error class's name: ml2ts's error type (`InvalidInput`), or the Python class. */
  readonly class: string;
  readonly module: string;
  readonly message: string;
  /** The traceback's lines; informational. */
  readonly tb: readonly string[];
  /** The exception's positional arguments: the message. */
  readonly args: readonly unknown[];
  /** ml2ts puts the error's HTTP status here as `http_status`. */
  readonly kwargs: Record<string, unknown>;
}

/** Statuses of failures that carry none, by class name (Neutron's and the dispatcher's). */
const KNOWN_STATUSES: Readonly<Record<string, number>> = {
  UnsupportedVersion: 400,
  NoSuchMethod: 400,
  InvalidInput: 400,
  BadRequest: 400,
  NotAuthorized: 403,
  NotFound: 404,
  Conflict: 409,
  InUse: 409,
  MessagingTimeout: 504,
};

/**
 * The failure a server sends for a thrown value. `UnsupportedVersion` and `NoSuchMethod` are
 * written as the dispatcher of a Python server writes them (module `oslo_messaging.rpc.dispatcher`,
 * the message as the only argument, no keyword arguments); an ml2ts error (`Ml2Error`) keeps its
 * type as the class and its status in `kwargs.http_status`, under module `ml2ts.errors`; any
 * other value becomes a `RemoteError` with status 500. Pure; never throws.
 */
export function failureOf(error: unknown): OsloFailure {
  if (error instanceof UnsupportedVersion) {
    return dispatcherFailure(
      'UnsupportedVersion',
      `No endpoint on this topic serves RPC version ${error.requestedVersion} ` +
        `(method ${error.method})`,
    );
  }
  if (error instanceof NoSuchMethod) return dispatcherFailure('NoSuchMethod', error.message);
  const wire = toWireError(error);
  return {
    class: wire.type,
    module: ML2TS_FAILURE_MODULE,
    message: wire.message,
    tb: [`${ML2TS_FAILURE_MODULE}.${wire.type}: ${wire.message}\n`],
    args: [wire.message],
    kwargs: { http_status: wire.http_status },
  };
}

function dispatcherFailure(className: string, message: string): OsloFailure {
  return {
    class: className,
    module: OSLO_DISPATCHER_MODULE,
    message,
    tb: [`${OSLO_DISPATCHER_MODULE}.${className}: ${message}\n`],
    args: [message],
    kwargs: {},
  };
}

/**
 * A reply's `failure` for a thrown value: the JSON string of `failureOf(error)`. Pure; never
 * throws.
 */
export function encodeFailure(error: unknown): string {
  return JSON.stringify(failureOf(error));
}

/**
 * The error a client rejects a call with, from a reply's `failure` string: a `RemoteCallError`
 * whose type is the failure's class (the `_Remote` suffix Python adds removed) and whose status
 * is `kwargs.http_status` when the sender is ml2ts, else the usual status of that class (400 for
 * the dispatcher's refusals, 404 for `...NotFound`), else 500. A failure that is not JSON becomes
 * a `RemoteError`. Pure; never throws.
 */
export function decodeFailure(method: string, failure: string): RemoteCallError {
  let parsed: unknown;
  try {
    parsed = JSON.parse(failure);
  } catch {
    return new RemoteCallError(method, { type: 'RemoteError', http_status: 500, message: failure });
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return new RemoteCallError(method, { type: 'RemoteError', http_status: 500, message: failure });
  }
  const fields = parsed as Partial<Record<keyof OsloFailure, unknown>>;
  let type = typeof fields.class === 'string' && fields.class ? fields.class : 'RemoteError';
  const module = typeof fields.module === 'string' ? fields.module : '';
  if (type.endsWith(REMOTE_SUFFIX) && module.endsWith(REMOTE_SUFFIX)) {
    type = type.slice(0, -REMOTE_SUFFIX.length);
  }
  const message = typeof fields.message === 'string' ? fields.message : '';
  return new RemoteCallError(method, {
    type,
    http_status: statusOf(type, fields.kwargs),
    message,
  });
}

function statusOf(type: string, kwargs: unknown): number {
  if (kwargs !== null && typeof kwargs === 'object') {
    const status = (kwargs as { http_status?: unknown }).http_status;
    if (typeof status === 'number' && Number.isInteger(status) && status >= 100 && status < 600) {
      return status;
    }
  }
  if (Object.hasOwn(KNOWN_STATUSES, type)) return KNOWN_STATUSES[type];
  if (type.endsWith('NotFound')) return 404;
  return 500;
}
