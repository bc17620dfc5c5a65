import { type Logger } from '@ml2ts/driver-api';
import {
  type AgentNotification,
  type AgentServerApi,
  type DeviceDetails,
  type DeviceListResult,
} from '@ml2ts/agent-rpc';
import { type AgentObserver, type DeviceOutcomeKind } from './agent-event';
import { type Bridge, type BridgeEvent } from './bridge';
import {
  type DeviceHandler,
  type LocalDevice,
  type PortHint,
  type RequestIdentity,
} from './device-handler';
import { type DeviceWiring } from './device-wiring';
import { type Scheduler, type TimerHandle } from './scheduler';

/** A failing device is retried this many times after its first failure, then dropped. */
export const MAX_DEVICE_RETRIES = 5;
/** Devices per `update_device_list` call (`rpc_resources_processing_step`). */
export const RESOURCES_PROCESSING_STEP = 20;
/** Neutron's default `polling_interval`, seconds. */
export const DEFAULT_POLLING_INTERVAL = 2;

/** What the agent remembers of a device it processed. */
export interface DeviceRecord {
  readonly device: LocalDevice;
  /** The port id the server answered, when it knew the port. */
  readonly portId: string | null;
  readonly outcome: DeviceOutcomeKind | 'unwired';
  readonly wiring: DeviceWiring | null;
}

/** What a `DeviceLoop` is built from. */
export interface DeviceLoopParts {
  identity: RequestIdentity;
  server: AgentServerApi;
  bridge: Bridge;
  handler: DeviceHandler;
  scheduler: Scheduler;
  logger: Logger;
  observer: AgentObserver;
  /** Milliseconds from the start of one round to the start of the next. */
  pollingIntervalMs: number;
}

/**
 * The agent's device loop. Each round, when something happened (bridge events,
 * notifications, devices to retry, a pending full sync; the first round is a full sync), it scans
 * the bridge, fetches details for new, re-added, updated and retried devices, wires them, reports
 * them up or down with `update_device_list` (chunked by 20), and reports removed devices down.
 * Devices of deleted ports are unwired. A device that fails is retried in later rounds up to 5
 * times; any other error makes the next round a full sync. Rounds never overlap; they run every
 * polling interval (measured from a round's start) on the scheduler, or on demand (`runRound`).
 */
export class DeviceLoop {
  private readonly known = new Map<string, DeviceRecord>();
  private readonly retryDevices = new Map<string, LocalDevice>();
  private readonly failures = new Map<string, number>();
  private readonly pendingDown = new Map<string, LocalDevice>();
  private readonly updatedPorts = new Map<string, PortHint>();
  private readonly deletedPorts = new Set<string>();
  private addedNames = new Set<string>();
  private removedNames = new Set<string>();
  private bridgeChanged = false;
  private fullSync = true;
  private notReady = false;
  private rounds = 0;
  private timer: TimerHandle | null = null;
  private unwatch: (() => void) | null = null;
  private stopped = false;
  private running: Promise<void> = Promise.resolve();

  constructor(private readonly parts: DeviceLoopParts) {}

  /** Rounds completed so far (the OVS agent is started once this is above 0). */
  get roundsCompleted(): number {
    return this.rounds;
  }

  /** How many devices the agent currently tracks (`devices` in its configurations). */
  get deviceCount(): number {
    return this.known.size;
  }

  /** What the agent remembers of each device it processed, by device key. */
  devices(): ReadonlyMap<string, DeviceRecord> {
    return this.known;
  }

  /** Starts watching the bridge and runs the first round at once (on the scheduler). */
  start(): void {
    if (this.stopped || this.unwatch) return;
    this.unwatch = this.parts.bridge.watch((event) => this.onBridgeEvent(event));
    this.arm(0);
  }

  /** Stops the rounds and the bridge watch; waits for a round in progress. Idempotent. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.timer?.cancel();
    this.timer = null;
    this.unwatch?.();
    this.unwatch = null;
    await this.running;
  }

  /** The next round reprocesses every device on the bridge (after `revived`, or on demand). */
  requestFullSync(): void {
    this.fullSync = true;
  }

  /**
   * Takes a notification into the next round: `portUpdate` reprocesses the port's device,
   * `portDelete` unwires it, `bindingDeactivate` for this host reprocesses it (the server then
   * answers `no_active_binding`), and so does `bindingActivate` for this host (the server then
   * answers the port's details: it is wired here). Never blocks.
   */
  notify(notification: AgentNotification): void {
    switch (notification.type) {
      case 'portUpdate':
        this.updatedPorts.set(notification.port.id, {
          id: notification.port.id,
          mac_address: notification.port.mac_address,
          profile: notification.port['binding:profile'],
        });
        break;
      case 'portDelete':
        this.deletedPorts.add(notification.port_id);
        break;
      case 'bindingDeactivate':
      case 'bindingActivate':
        if (notification.host === this.parts.identity.host) {
          this.updatedPorts.set(notification.port_id, { id: notification.port_id });
        }
        break;
    }
  }

  /** Runs one round now, after any round in progress. Never rejects. */
  runRound(): Promise<void> {
    const round = this.running.then(() => this.round());
    this.running = round;
    return round;
  }

  private arm(delayMs: number): void {
    this.timer = this.parts.scheduler.setTimer(delayMs, () => this.tick());
  }

  private async tick(): Promise<void> {
    this.timer = null;
    if (this.stopped) return;
    const started = this.parts.scheduler.now().getTime();
    await this.runRound();
    if (this.stopped) return;
    const elapsed = this.parts.scheduler.now().getTime() - started;
    this.arm(Math.max(0, this.parts.pollingIntervalMs - elapsed));
  }

  private onBridgeEvent(event: BridgeEvent): void {
    this.bridgeChanged = true;
    if (event.type === 'added') this.addedNames.add(event.name);
    if (event.type === 'removed') this.removedNames.add(event.name);
  }

  private async round(): Promise<void> {
    const fullSync = this.fullSync;
    const added = this.addedNames;
    const removedNames = this.removedNames;
    const bridgeChanged = this.bridgeChanged;
    const updated = new Map(this.updatedPorts);
    const deleted = new Set(this.deletedPorts);
    const busy =
      fullSync ||
      bridgeChanged ||
      this.notReady ||
      updated.size > 0 ||
      deleted.size > 0 ||
      this.retryDevices.size > 0 ||
      this.pendingDown.size > 0;
    if (busy) {
      this.fullSync = false;
      this.addedNames = new Set();
      this.removedNames = new Set();
      this.bridgeChanged = false;
      this.updatedPorts.clear();
      this.deletedPorts.clear();
      try {
        await this.process(fullSync, added, removedNames, updated, deleted);
      } catch (error) {
        this.parts.logger.error('Error while processing devices; full resync next round', {
          host: this.parts.identity.host,
          error: String(error),
        });
        this.fullSync = true;
        for (const portId of deleted) this.deletedPorts.add(portId);
        this.emit({ type: 'resync', reason: 'error' });
      }
    }
    this.rounds += 1;
  }

  private async process(
    fullSync: boolean,
    addedNames: ReadonlySet<string>,
    removedNames: ReadonlySet<string>,
    updated: ReadonlyMap<string, PortHint>,
    deleted: ReadonlySet<string>,
  ): Promise<void> {
    const { handler } = this.parts;
    const current = new Map<string, LocalDevice>();
    this.notReady = false;
    for (const iface of await this.parts.bridge.listInterfaces()) {
      const device = handler.identify(iface);
      if (device === 'not-ready') this.notReady = true;
      else if (device) current.set(device.key, device);
    }

    await this.unwireDeleted(deleted, current);

    const removed = [...this.known.values()].filter((record) => !current.has(record.device.key));
    const reAdded: LocalDevice[] = [];
    const toProcess: LocalDevice[] = [];
    for (const device of current.values()) {
      const record = this.known.get(device.key);
      const readded =
        record !== undefined &&
        addedNames.has(device.interfaceName) &&
        removedNames.has(device.interfaceName);
      if (readded) reAdded.push(device);
      if (
        fullSync ||
        !record ||
        readded ||
        this.retryDevices.has(device.key) ||
        [...updated.values()].some((port) => this.refersTo(device, record, port))
      ) {
        toProcess.push(device);
      }
    }
    // Devices to retry that left the bridge are not retried.
    for (const key of this.retryDevices.keys()) {
      if (!current.has(key)) this.forgetFailures(key);
    }

    // A re-added device is reported down first, so that its next up is a fresh transition.
    if (reAdded.length > 0) await this.report([], reAdded, false);
    await this.processDevices(toProcess);
    await this.processRemoved(removed, current);
  }

  private async unwireDeleted(
    deleted: ReadonlySet<string>,
    current: ReadonlyMap<string, LocalDevice>,
  ): Promise<void> {
    for (const portId of deleted) {
      for (const record of [...this.known.values()]) {
        if (!this.refersTo(record.device, record, { id: portId })) continue;
        if (current.has(record.device.key)) {
          await this.parts.handler.unwire(record.device, 'deleted');
        }
        this.known.set(record.device.key, { ...record, outcome: 'unwired', wiring: null });
        this.forgetFailures(record.device.key);
        this.emit({ type: 'deviceUnwired', device: record.device.device, portId: record.portId });
      }
    }
  }

  private async processDevices(devices: readonly LocalDevice[]): Promise<void> {
    if (devices.length === 0) return;
    const { handler } = this.parts;
    for (const device of devices) {
      this.emit({ type: 'deviceSeen', device: device.device, interfaceName: device.interfaceName });
    }
    const batch = await handler.fetchDetails(this.parts.server, devices, this.parts.identity);
    const up: LocalDevice[] = [];
    const down: LocalDevice[] = [];
    const processed: LocalDevice[] = [];
    for (const device of devices) {
      if (batch.failed.has(device.key)) {
        this.fail(device);
        continue;
      }
      const details: DeviceDetails = batch.details.get(device.key) ?? { device: device.device };
      const outcome = await handler.wire(device, details);
      if (outcome.kind === 'vanished') continue;
      const previous = this.known.get(device.key);
      const portId = details.port_id ?? previous?.portId ?? null;
      this.known.set(device.key, {
        device,
        portId,
        outcome: outcome.kind,
        wiring: outcome.wiring,
      });
      processed.push(device);
      this.emit({
        type: 'deviceWired',
        device: device.device,
        portId,
        outcome: outcome.kind,
        wiring: outcome.wiring,
      });
      if (outcome.kind === 'up') up.push(device);
      if (outcome.kind === 'down') down.push(device);
    }
    const failed = new Set(await this.report(up, down, handler.refreshTunnels(this.rounds)));
    for (const device of processed) {
      if (failed.has(device)) this.fail(device);
      else this.forgetFailures(device.key);
    }
  }

  private async processRemoved(
    removed: readonly DeviceRecord[],
    current: ReadonlyMap<string, LocalDevice>,
  ): Promise<void> {
    const down: LocalDevice[] = [];
    for (const record of removed) {
      await this.parts.handler.unwire(record.device, 'removed');
      this.known.delete(record.device.key);
      this.emit({
        type: 'deviceRemoved',
        device: record.device.device,
        interfaceName: record.device.interfaceName,
      });
      down.push(record.device);
    }
    for (const device of this.pendingDown.values()) {
      if (!current.has(device.key)) down.push(device);
    }
    this.pendingDown.clear();
    if (down.length === 0) return;
    for (const device of await this.report([], down, false)) {
      if (this.countFailure(device)) this.pendingDown.set(device.key, device);
    }
  }

  /**
   * `update_device_list` in chunks of 20 up and 20 down. Returns the devices the server listed as
   * failed, and every device of a chunk whose call threw.
   */
  private async report(
    up: readonly LocalDevice[],
    down: readonly LocalDevice[],
    refreshTunnels: boolean,
  ): Promise<LocalDevice[]> {
    const failed: LocalDevice[] = [];
    const { handler, identity } = this.parts;
    const step = RESOURCES_PROCESSING_STEP;
    for (let start = 0; start < Math.max(up.length, down.length); start += step) {
      const upChunk = up.slice(start, start + step);
      const downChunk = down.slice(start, start + step);
      let result: DeviceListResult;
      try {
        result = await this.parts.server.updateDeviceList({
          devices_up: upChunk.map((device) => handler.reference(device)),
          devices_down: downChunk.map((device) => handler.reference(device)),
          agent_id: identity.agentId,
          host: identity.host,
          refresh_tunnels: refreshTunnels,
        });
      } catch (error) {
        this.parts.logger.error('update_device_list failed', { error: String(error) });
        failed.push(...upChunk, ...downChunk);
        continue;
      }
      const failedUp = new Set(result.failed_devices_up);
      const failedDown = new Set(result.failed_devices_down);
      failed.push(...upChunk.filter((device) => failedUp.has(device.device)));
      failed.push(...downChunk.filter((device) => failedDown.has(device.device)));
      this.emit({
        type: 'devicesReported',
        up: result.devices_up,
        down: result.devices_down.map(({ device }) => device),
      });
    }
    return failed;
  }

  /** Whether a notification about `port` concerns a device (by the answered id or the handler). */
  private refersTo(device: LocalDevice, record: DeviceRecord | undefined, port: PortHint): boolean {
    return record?.portId === port.id || this.parts.handler.refersTo(device, port);
  }

  /** Counts a failure and schedules a retry, or gives up after `MAX_DEVICE_RETRIES` retries. */
  private fail(device: LocalDevice): void {
    if (this.countFailure(device)) this.retryDevices.set(device.key, device);
  }

  /** True when the device may be retried. */
  private countFailure(device: LocalDevice): boolean {
    const retries = this.failures.get(device.key) ?? 0;
    if (retries >= MAX_DEVICE_RETRIES) {
      this.parts.logger.warn('Device failed too many times and will not be retried any more', {
        device: device.device,
        failures: retries + 1,
      });
      this.forgetFailures(device.key);
      this.emit({
        type: 'deviceFailed',
        device: device.device,
        failures: retries + 1,
        givenUp: true,
      });
      return false;
    }
    this.failures.set(device.key, retries + 1);
    this.emit({
      type: 'deviceFailed',
      device: device.device,
      failures: retries + 1,
      givenUp: false,
    });
    return true;
  }

  private forgetFailures(key: string): void {
    this.failures.delete(key);
    this.retryDevices.delete(key);
  }

  private emit(event: DistributiveOmit<Parameters<AgentObserver>[0], 'at'>): void {
    try {
      this.parts.observer({
        ...event,
        at: this.parts.scheduler.now(),
      } as Parameters<AgentObserver>[0]);
    } catch {
      // An observer's failure must not break the loop.
    }
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
