import { type ExchangeDeclaration } from './amqp-connection';

/** The control exchange Neutron's services share (`control_exchange`). */
export const DEFAULT_CONTROL_EXCHANGE = 'neutron';

/** How long a private queue (a reply queue, a fanout queue) outlives its last consumer: 30 min. */
export const TRANSIENT_QUEUE_EXPIRES_MS = 1_800_000;

/**
 * Where a request goes: a plain value. A call or cast goes to one server taking `topic` (any of
 * them, in turn), or to the one on host `server`; a fanout cast goes to every server of `topic`.
 */
export interface OsloTarget {
  /** The topic exchange; default the client's control exchange (`neutron`). */
  readonly exchange?: string;
  /** `q-plugin`, `q-reports-plugin`, `neutron-vo-Port-1.7`, ... */
  readonly topic: string;
  /** The host of the one server to reach (routing key `<topic>.<server>`). */
  readonly server?: string;
  /** True: every server of the topic gets a copy (exchange `<topic>_fanout`). Casts only. */
  readonly fanout?: boolean;
  /** `major.minor` the request is made at. */
  readonly version: string;
}

/** The control exchange as it is declared: a non-durable topic exchange. Pure. */
export function topicExchange(name: string): ExchangeDeclaration {
  return { name, type: 'topic', durable: false, autoDelete: false };
}

/** The fanout exchange of a topic: `<topic>_fanout`, non-durable, deleted when unused. Pure. */
export function fanoutExchange(topic: string): ExchangeDeclaration {
  return { name: `${topic}_fanout`, type: 'fanout', durable: false, autoDelete: true };
}

/**
 * The exchange and routing key a request to `target` is published with: `<topic>_fanout` and
 * `''` for a fanout, else the control exchange with `<topic>.<server>` or `<topic>`. Pure.
 */
export function routeOf(
  target: OsloTarget,
  defaultExchange: string,
): { exchange: ExchangeDeclaration; routingKey: string } {
  if (target.fanout) return { exchange: fanoutExchange(target.topic), routingKey: '' };
  return {
    exchange: topicExchange(target.exchange ?? defaultExchange),
    routingKey: target.server ? `${target.topic}.${target.server}` : target.topic,
  };
}
