import { type AgentNotification } from './agent-notification';

/**
 * The server's end of the notification fanout: what it publishes reaches every agent subscribed
 * at that moment (none, when no agent is subscribed), each with its own copy.
 */
export interface NotificationPublisher {
  /**
   * Fans `notification` out. Resolves once the transport took it; delivery happens later and
   * never inside this call. Rejects with `ChannelClosedError` once closed.
   */
  publish(notification: AgentNotification): Promise<void>;
  /** Stops publishing. Idempotent. */
  close(): Promise<void>;
}
