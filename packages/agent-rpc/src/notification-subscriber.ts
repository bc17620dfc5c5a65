import { type AgentNotificationListener } from './agent-notification';

/** A running subscription. */
export interface NotificationSubscription {
  /** Stops the deliveries to its listener. Idempotent. */
  cancel(): Promise<void>;
}

/** An agent's end of the notification fanout. */
export interface NotificationSubscriber {
  /**
   * Starts delivering every notification published from now on to `listener`, asynchronously
   * and in publication order. Resolves once deliveries are set up; may block on the network.
   */
  subscribe(listener: AgentNotificationListener): Promise<NotificationSubscription>;
  /** Cancels every subscription of this subscriber. Idempotent. */
  close(): Promise<void>;
}
