import { type Logger } from '@ml2ts/driver-api';
import { AmqpConnection, type RetryOptions } from './amqp-connection';
import { type TransportUrl } from './transport-url';

/**
 * What every client, server, subscriber and publisher of one `AmqpTransport` shares: the
 * transport's options with their defaults applied. Plain data.
 */
export interface AmqpTransportSettings {
  readonly url: TransportUrl;
  /** The control exchange (`neutron`). */
  readonly exchange: string;
  /** The server side's host name: its RPC servers also take `<topic>.<host>`. */
  readonly host: string;
  /** Reply timeout of calls that set none (and the time limit of casts and publishes). */
  readonly callTimeoutMs: number;
  /** Reply timeout (and message expiration) of `reportState` calls that set none. */
  readonly reportStateTimeoutMs: number;
  readonly logger: Logger;
  readonly retry: RetryOptions | undefined;
  readonly connectTimeoutMs: number | undefined;
}

/**
 * A new, unopened connection for one client, server, subscriber or publisher, named `name` in
 * logs and in the broker's connection list. Never blocks.
 */
export function newConnection(settings: AmqpTransportSettings, name: string): AmqpConnection {
  return new AmqpConnection({
    url: settings.url,
    name,
    logger: settings.logger,
    retry: settings.retry,
    connectTimeoutMs: settings.connectTimeoutMs,
    setupTimeoutMs: settings.callTimeoutMs,
  });
}
