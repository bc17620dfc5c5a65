import { type Logger, silentLogger } from '@ml2ts/driver-api';
import { type AgentRpc } from '../plugin/agent-rpc';
import { type Notifier } from '../plugin/notifier';
import { type AgentNotification } from './agent-notification';
import { watchAgentNotifications } from './watch-agent-notifications';
import { type AgentServerApi } from './agent-server-api';
import { type AgentChannel, type AgentTransport } from './agent-transport';
import { ClientAgentChannel } from './client-agent-channel';
import { PluginAgentServer } from './plugin-agent-server';
import { ChannelClosedError } from './remote-call-error';
import { agentServerClient, dispatchAgentCall } from './wire-protocol';

/** What the in-process transport needs of an `Ml2Plugin`: its RPC handlers and its events. */
export interface InProcessServer {
  readonly rpc: AgentRpc;
  readonly notifier: Notifier;
}

/**
 * The embedded transport: agents and the engine share one process, but every call and every
 * notification still crosses a JSON boundary (serialized, then parsed on the other side), as on
 * a message bus: no object is shared, Dates become ISO strings, and server errors arrive as
 * `RemoteCallError`s. Notifications (`portUpdate`, `portDelete`) fan out to every open channel
 * asynchronously, in emission order.
 */
export class InProcessTransport implements AgentTransport {
  private readonly server: AgentServerApi;
  private readonly channels = new Set<ClientAgentChannel>();
  private readonly stopWatching: () => void;
  private closed = false;

  /**
   * Starts forwarding the plugin's agent notifications at once (before any channel exists,
   * notifications are dropped, as on a bus without subscribers). `logger` receives per-device
   * failures of bulk calls.
   */
  constructor(server: InProcessServer, options: { logger?: Logger } = {}) {
    this.server = new PluginAgentServer(server.rpc, options.logger ?? silentLogger);
    this.stopWatching = watchAgentNotifications(server.notifier, (notification) =>
      this.fanout(notification),
    );
  }

  /** How many channels are open. */
  get openChannels(): number {
    return this.channels.size;
  }

  /** See `AgentTransport.connect`. */
  connect(host: string): AgentChannel {
    if (this.closed) throw new ChannelClosedError(host);
    const client = agentServerClient((method, request) =>
      dispatchAgentCall(this.server, method, request),
    );
    const channel: ClientAgentChannel = new ClientAgentChannel(host, client, () =>
      this.channels.delete(channel),
    );
    this.channels.add(channel);
    return channel;
  }

  /** Stops forwarding notifications and closes every channel. Idempotent; never blocks. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.stopWatching();
    for (const channel of [...this.channels]) channel.close();
  }

  private fanout(notification: AgentNotification): void {
    const json = JSON.stringify(notification);
    for (const channel of this.channels) channel.deliver(json);
  }
}
