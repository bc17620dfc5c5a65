import { type AgentServerApi, ChannelClosedError, type RpcServer } from '@ml2ts/agent-rpc';
import { Ml2Error } from '@ml2ts/driver-api';
import { type AmqpConnection } from './amqp-connection';
import { type AmqpTransportSettings, newConnection } from './amqp-transport-settings';
import { NeutronTopic } from './neutron-rpc-methods';
import { neutronServerEndpoints } from './neutron-server-endpoints';
import { OsloRpcServer } from './oslo-rpc-server';

/**
 * The server side's `RpcServer` over RabbitMQ: serves `q-plugin` and `q-reports-plugin` (each
 * also as `<topic>.<host>` and through its fanout) with the endpoints of
 * `neutronServerEndpoints`, so that Neutron's own agents and ml2ts agents alike are answered by
 * the `AgentServerApi`. Owns one connection, opened by `listen`.
 */
export class AmqpRpcServer implements RpcServer {
  private connection: AmqpConnection | null = null;
  private servers: OsloRpcServer[] = [];
  private listening = false;
  private closed = false;

  constructor(
    private readonly settings: AmqpTransportSettings,
    private readonly onClose: () => void = () => undefined,
  ) {}

  /**
   * See `RpcServer.listen`. Rejects with `TransportUnreachable` / `TransportOperationFailed`
   * when the bus cannot be reached or refuses the declarations, with `ChannelClosedError` once
   * closed, and with `AlreadyListening` (409) when called twice.
   */
  async listen(api: AgentServerApi): Promise<void> {
    if (this.closed) throw new ChannelClosedError(`RPC server ${this.settings.host}`);
    if (this.listening) {
      throw new Ml2Error('AlreadyListening', 409, 'This RPC server is already listening.');
    }
    this.listening = true;
    const connection = newConnection(this.settings, `ml2ts server ${this.settings.host} rpc`);
    const endpoints = neutronServerEndpoints(api);
    const servers = [NeutronTopic.PLUGIN, NeutronTopic.REPORTS].map(
      (topic) =>
        new OsloRpcServer({
          connection,
          exchange: this.settings.exchange,
          topic,
          host: this.settings.host,
          endpoints: endpoints[topic],
          logger: this.settings.logger,
          replyTimeoutMs: this.settings.callTimeoutMs,
        }),
    );
    this.connection = connection;
    this.servers = servers;
    try {
      for (const server of servers) await server.start();
    } catch (error) {
      await Promise.all(servers.map((server) => server.close()));
      await connection.close();
      this.connection = null;
      this.servers = [];
      this.listening = false;
      throw error;
    }
  }

  /** See `RpcServer.close`: answers the requests already taken, then closes. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(this.servers.map((server) => server.close()));
    await this.connection?.close();
    this.onClose();
  }
}
