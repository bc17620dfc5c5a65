import { ChannelClosedError } from '@ml2ts/agent-rpc';
import { Ml2Error } from '@ml2ts/driver-api';
import { TransportOperationFailed } from './transport-operation-failed';
import { TransportUnreachable } from './transport-unreachable';

/** Socket error codes that mean "no broker answers there". */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ECONNABORTED',
]);

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function errorCode(error: unknown): unknown {
  return error !== null && typeof error === 'object'
    ? (error as { code?: unknown }).code
    : undefined;
}

/** The broker's own words out of an amqplib message (`... with message "NOT_FOUND - ..."`). */
function brokerWords(text: string): string {
  const quoted = /with message "([^"]*)"/.exec(text);
  return quoted ? quoted[1] : text;
}

/**
 * Turns an error from opening a connection to the broker `host` (`host:port`) into a
 * `TransportUnreachable` that says what to check. Pure; never throws. Typed `Ml2Error`s pass
 * through unchanged.
 */
export function classifyConnectError(error: unknown, redactedUrl: string, host: string): Ml2Error {
  if (error instanceof Ml2Error) return error;
  const text = errorText(error);
  const code = errorCode(error);
  if (typeof code === 'string' && NETWORK_CODES.has(code)) {
    const what =
      code === 'ENOTFOUND' || code === 'EAI_AGAIN'
        ? `the host name of ${host} does not resolve (${code})`
        : code === 'ETIMEDOUT'
          ? `connecting to ${host} timed out`
          : `no broker accepts connections at ${host} (${code})`;
    return new TransportUnreachable(
      redactedUrl,
      'network',
      `${what}; check that RabbitMQ runs there and that transport_url names the right host and port.`,
      { cause: error },
    );
  }
  if (/ACCESS.REFUSED|\b403\b/.test(text)) {
    return new TransportUnreachable(
      redactedUrl,
      'credentials',
      `the broker at ${host} refused the user name or password; check the credentials in ` +
        'transport_url (rabbitmqctl authenticate_user).',
      { cause: error },
    );
  }
  if (/ConnectionOpenOk|NOT.ALLOWED|\b530\b/.test(text)) {
    return new TransportUnreachable(
      redactedUrl,
      'vhost',
      `the broker at ${host} refused to open the virtual host; check that it exists and that ` +
        'the user may use it (rabbitmqctl list_vhosts, rabbitmqctl list_permissions -p VHOST).',
      { cause: error },
    );
  }
  if (/timeout|timed out|ETIMEDOUT/i.test(text)) {
    return new TransportUnreachable(
      redactedUrl,
      'network',
      `connecting to ${host} timed out; check that RabbitMQ runs there and that nothing ` +
        'filters the port.',
      { cause: error },
    );
  }
  return new TransportUnreachable(
    redactedUrl,
    'protocol',
    `the connection to ${host} failed (${brokerWords(text)}); check that it is a RabbitMQ ` +
      'AMQP 0-9-1 port and the broker log.',
    { cause: error },
  );
}

/**
 * Turns an error from one operation on a channel (`declaring queue q-plugin`, `publishing to
 * neutron`) into a typed error: `TransportOperationFailed` when the broker refused it on a live
 * connection, `TransportUnreachable` (`disconnected`) when the connection or channel went away
 * under it. Pure; never throws. Typed `Ml2Error`s pass through unchanged.
 */
export function classifyChannelError(
  error: unknown,
  operation: string,
  redactedUrl: string,
): Ml2Error {
  if (error instanceof Ml2Error) return error;
  const text = errorText(error);
  const code = errorCode(error);
  if (code === 406 || /PRECONDITION.FAILED/.test(text)) {
    return new TransportOperationFailed(
      operation,
      `${brokerWords(text)}; another service declared it with other settings: remove it ` +
        '(rabbitmqctl delete_queue / delete_exchange) or align the settings (amqp_durable_queues).',
      { cause: error },
    );
  }
  if (code === 403 || /ACCESS.REFUSED/.test(text)) {
    return new TransportOperationFailed(
      operation,
      `${brokerWords(text)}; check the user's permissions on the virtual host ` +
        '(rabbitmqctl list_permissions -p VHOST).',
      { cause: error },
    );
  }
  if (code === 404 || /NOT.FOUND/.test(text)) {
    return new TransportOperationFailed(
      operation,
      `${brokerWords(text)}; something deleted it while ml2ts used it.`,
      { cause: error },
    );
  }
  if (typeof code === 'number') {
    return new TransportOperationFailed(operation, `${brokerWords(text)} (AMQP ${code}).`, {
      cause: error,
    });
  }
  return new TransportUnreachable(
    redactedUrl,
    'disconnected',
    `the connection was lost while ${operation} (${text}); it is being re-established.`,
    { cause: error },
  );
}

/** True for the errors that mean "the connection or channel is gone; retry after reconnecting". */
export function isConnectionLoss(error: unknown): boolean {
  if (error instanceof TransportUnreachable) return error.reason === 'disconnected';
  if (error instanceof ChannelClosedError) return false;
  if (error instanceof Ml2Error) return false;
  const code = errorCode(error);
  if (typeof code === 'number') return code === 320 || code === 504 || code === 501;
  if (typeof code === 'string') return NETWORK_CODES.has(code);
  const text = errorText(error);
  return /channel closed|connection closed|channel ended|IllegalOperationError|socket/i.test(text);
}
