import { type ReportStateResult } from '@ml2ts/driver-api';
import { type DeviceDetails, type DeviceRequest } from '../plugin/agent-rpc';
import { type AgentNotification, type AgentNotificationListener } from './agent-notification';
import {
  type AgentServerApi,
  type DeviceDownResult,
  type DeviceListResult,
  type DeviceListUpdate,
  type DevicesDetailsList,
  type DevicesDetailsListRequest,
  type ReportStateRequest,
} from './agent-server-api';
import { type AgentChannel } from './agent-transport';
import { ChannelClosedError } from './remote-call-error';

/**
 * An `AgentChannel` made of a client for the calls (usually `agentServerClient` over the
 * transport's wire) and a feed of serialized notifications (`deliver`). Any transport can build
 * its channels from it.
 */
export class ClientAgentChannel implements AgentChannel {
  private readonly listeners = new Set<AgentNotificationListener>();
  private closed = false;

  /** `onClose` runs once, when the channel closes (the transport forgets the channel). */
  constructor(
    readonly host: string,
    private readonly client: AgentServerApi,
    private readonly onClose: () => void = () => undefined,
  ) {}

  /** True once `close` was called. */
  get isClosed(): boolean {
    return this.closed;
  }

  /** See `AgentChannel.subscribe`. */
  subscribe(listener: AgentNotificationListener): () => void {
    if (this.closed) throw new ChannelClosedError(this.host);
    // Wrapped so that the same function subscribed twice is two subscriptions.
    const subscription: AgentNotificationListener = (notification) => listener(notification);
    this.listeners.add(subscription);
    return () => {
      this.listeners.delete(subscription);
    };
  }

  /**
   * Hands one serialized notification to every current listener, each parsing its own copy, in
   * a later microtask (never inside the caller's stack). A listener's throw is swallowed. Does
   * nothing once closed. Never blocks.
   */
  deliver(notificationJson: string): void {
    if (this.closed) return;
    for (const listener of [...this.listeners]) {
      queueMicrotask(() => {
        if (this.closed || !this.listeners.has(listener)) return;
        try {
          listener(JSON.parse(notificationJson) as AgentNotification);
        } catch {
          // A listener's failure must not reach the server or the other agents.
        }
      });
    }
  }

  /** See `AgentChannel.close`. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.listeners.clear();
    this.onClose();
  }

  /** See `AgentServerApi.reportState`. */
  async reportState(request: ReportStateRequest): Promise<ReportStateResult | null> {
    return this.open().reportState(request);
  }

  /** See `AgentServerApi.getDeviceDetails`. */
  async getDeviceDetails(request: DeviceRequest): Promise<DeviceDetails> {
    return this.open().getDeviceDetails(request);
  }

  /** See `AgentServerApi.describeDevice`. */
  async describeDevice(request: DeviceRequest): Promise<DeviceDetails> {
    return this.open().describeDevice(request);
  }

  /** See `AgentServerApi.getDevicesDetailsList`. */
  async getDevicesDetailsList(request: DevicesDetailsListRequest): Promise<DevicesDetailsList> {
    return this.open().getDevicesDetailsList(request);
  }

  /** See `AgentServerApi.updateDeviceUp`. */
  async updateDeviceUp(request: DeviceRequest): Promise<void> {
    return this.open().updateDeviceUp(request);
  }

  /** See `AgentServerApi.updateDeviceDown`. */
  async updateDeviceDown(request: DeviceRequest): Promise<DeviceDownResult> {
    return this.open().updateDeviceDown(request);
  }

  /** See `AgentServerApi.updateDeviceList`. */
  async updateDeviceList(request: DeviceListUpdate): Promise<DeviceListResult> {
    return this.open().updateDeviceList(request);
  }

  /** The client; throws `ChannelClosedError` once closed (the async callers reject). */
  private open(): AgentServerApi {
    if (this.closed) throw new ChannelClosedError(this.host);
    return this.client;
  }
}
