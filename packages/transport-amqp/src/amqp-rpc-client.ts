import { ChannelClosedError, type RpcCallOptions, type RpcClient } from '@ml2ts/agent-rpc';
import { type AmqpConnection } from './amqp-connection';
import { type AmqpTransportSettings, newConnection } from './amqp-transport-settings';
import { neutronMethodOf, NeutronTopic } from './neutron-rpc-methods';
import { agentContext } from './oslo-context';
import { OsloRpcClient } from './oslo-rpc-client';
import { type OsloTarget } from './oslo-target';

/** The version methods outside `AgentServerApi` are called at. */
const RAW_METHOD_VERSION = '1.0';

/**
 * An agent's `RpcClient` over RabbitMQ: every `AgentServerApi` method goes out as the Neutron
 * call it stands for (`reportState` as `report_state` on `q-reports-plugin`, `bulkPull` as
 * `bulk_pull` on `q-plugin`, ...; see `NEUTRON_METHODS`), with Neutron's argument shapes, and its
 * reply comes back converted. Any other method name is sent unchanged, with its arguments, on
 * `q-plugin` at version 1.0, which every endpoint there serves (so `has_alive_neutron_server`
 * works too). Owns one connection, opened on first use.
 */
export class AmqpRpcClient implements RpcClient {
  private readonly connection: AmqpConnection;
  private readonly oslo: OsloRpcClient;
  private closed = false;

  constructor(
    private readonly settings: AmqpTransportSettings,
    /** The agent's host. */
    readonly host: string,
    private readonly onClose: () => void = () => undefined,
  ) {
    this.connection = newConnection(settings, `ml2ts agent ${host} rpc client`);
    this.oslo = new OsloRpcClient({
      connection: this.connection,
      exchange: settings.exchange,
      callTimeoutMs: settings.callTimeoutMs,
      context: agentContext(),
      name: host,
      logger: settings.logger,
    });
  }

  /** See `RpcClient.connect`: opens the connection and the reply queue. */
  async connect(): Promise<void> {
    if (this.closed) throw new ChannelClosedError(this.host);
    await this.oslo.connect();
  }

  /** See `RpcClient.call`. `reportState` waits `reportStateTimeoutMs` unless told otherwise. */
  async call(method: string, args: unknown, options: RpcCallOptions = {}): Promise<unknown> {
    if (this.closed) throw new ChannelClosedError(this.host);
    const { target, wireMethod, wireArgs, convert } = this.route(method, args);
    const timeoutMs =
      options.timeoutMs ??
      (method === 'reportState' ? this.settings.reportStateTimeoutMs : this.settings.callTimeoutMs);
    return convert(
      await this.oslo.call(target, wireMethod, wireArgs, { timeoutMs, reportAs: method }),
    );
  }

  /** See `RpcClient.cast`. */
  async cast(method: string, args: unknown): Promise<void> {
    if (this.closed) throw new ChannelClosedError(this.host);
    const { target, wireMethod, wireArgs } = this.route(method, args);
    await this.oslo.cast(target, wireMethod, wireArgs);
  }

  /** See `RpcClient.close`: calls in flight reject with `ChannelClosedError`. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.oslo.close();
    await this.connection.close();
    this.onClose();
  }

  private route(method: string, args: unknown) {
    const known = neutronMethodOf(method);
    if (known) {
      const target: OsloTarget = { topic: known.topic, version: known.version };
      return {
        target,
        wireMethod: known.wireMethod,
        wireArgs: known.toWire(args, new Date()),
        convert: known.resultFromWire,
      };
    }
    // Sent at 1.0, which every endpoint of the plugin topic serves: whichever has the method
    // answers it.
    const target: OsloTarget = { topic: NeutronTopic.PLUGIN, version: RAW_METHOD_VERSION };
    const wireArgs =
      args !== null && typeof args === 'object' && !Array.isArray(args)
        ? (args as Record<string, unknown>)
        : {};
    return { target, wireMethod: method, wireArgs, convert: (result: unknown) => result };
  }
}
