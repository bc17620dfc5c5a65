import {
  type AgentConfigurations,
  ConfigurationError,
  type Logger,
  silentLogger,
} from '@ml2ts/driver-api';
import {
  type AgentChannel,
  type AgentStateReport,
  type AgentTransport,
  openAgentChannel,
} from '@ml2ts/agent-rpc';
import { deferredAgentServer } from './deferred-agent-server';
import { mathRandomSource, randomIdGenerator } from '@ml2ts/driver-api';
import { type AgentObserver } from './agent-event';
import { type AgentRuntimeOptions, DEFAULT_RESOURCE_VERSIONS, requireName } from './agent-options';
import { type DeviceHandler } from './device-handler';
import { DEFAULT_POLLING_INTERVAL, DeviceLoop, type DeviceRecord } from './device-loop';
import { ReportSchedule } from './report-schedule';
import { type Scheduler } from './scheduler';
import { type ReportOutcome, StateReporter } from './state-reporter';
import { systemScheduler } from './system-scheduler';

/** `topic` of L2 agents' reports. */
export const L2_AGENT_TOPIC = 'N/A';

/** What an `L2Agent` is built from: the common options, its type's handler and its id. */
export interface L2AgentParts<H extends DeviceHandler> extends AgentRuntimeOptions {
  handler: H;
  /** `agent_id` sent with device calls, e.g. `ovs-agent-<host>`. */
  agentId: string;
}

/**
 * One L2 agent process: a heartbeat (`StateReporter`) and a device loop (`DeviceLoop`) over a
 * bridge, talking to the server through one channel of the transport, for the agent type its
 * handler implements. Build it with `createOvsAgent`, `createLinuxBridgeAgent` or
 * `createSriovAgent`, then `start` it; `stop` it to release its timers and channel.
 */
export class L2Agent<H extends DeviceHandler = DeviceHandler> {
  /** The host it serves. */
  readonly host: string;
  /** `agent_id` of its device calls. */
  readonly agentId: string;
  /** Its type's device handling. */
  readonly handler: H;

  private channel: AgentChannel | null = null;
  private readonly transport: AgentTransport;
  private readonly callTimeoutMs: number | undefined;
  private readonly reporter: StateReporter;
  private readonly loop: DeviceLoop;
  private readonly availabilityZone: string | undefined;
  private readonly observer: AgentObserver;
  private readonly scheduler: Scheduler;
  private unsubscribe: (() => Promise<void>) | null = null;
  private phase: 'built' | 'starting' | 'running' | 'stopped' = 'built';

  /**
   * Validates the options; no channel is opened and nothing is sent before `start`. Throws
   * `ConfigurationError` for a bad option.
   */
  constructor(parts: L2AgentParts<H>) {
    this.host = requireName('host', parts.host);
    this.agentId = parts.agentId;
    this.handler = parts.handler;
    this.availabilityZone = parts.availabilityZone;
    const pollingInterval = parts.pollingInterval ?? DEFAULT_POLLING_INTERVAL;
    if (!Number.isFinite(pollingInterval) || pollingInterval <= 0) {
      throw new ConfigurationError('pollingInterval', pollingInterval, 'must be seconds > 0');
    }
    if (
      parts.callTimeout !== undefined &&
      (!Number.isFinite(parts.callTimeout) || parts.callTimeout <= 0)
    ) {
      throw new ConfigurationError('callTimeout', parts.callTimeout, 'must be seconds > 0');
    }
    const schedule = new ReportSchedule(parts);
    const scheduler: Scheduler = parts.scheduler ?? systemScheduler;
    const logger: Logger = parts.logger ?? silentLogger;
    const userObserver = parts.observer ?? (() => undefined);
    const observer: AgentObserver = (event) => {
      try {
        userObserver(event);
      } catch {
        // An observer's failure must not stop the agent.
      }
    };
    this.observer = observer;
    this.scheduler = scheduler;
    this.transport = parts.transport;
    this.callTimeoutMs = parts.callTimeout === undefined ? undefined : parts.callTimeout * 1000;
    // The loop and the reporter call the server through this indirection, so that they can be
    // built before `start` opens the channel.
    const server = deferredAgentServer(() => this.channel, this.host);
    this.loop = new DeviceLoop({
      identity: { host: this.host, agentId: this.agentId },
      server,
      bridge: parts.bridge,
      handler: parts.handler,
      scheduler,
      logger,
      observer,
      pollingIntervalMs: Math.round(pollingInterval * 1000),
    });
    this.reporter = new StateReporter({
      server,
      schedule,
      scheduler,
      random: parts.random ?? mathRandomSource,
      ids: parts.ids ?? randomIdGenerator,
      logger,
      observer,
      mode: parts.handler.reportMode,
      state: () => this.state(),
      resourceVersions: parts.resourceVersions ?? DEFAULT_RESOURCE_VERSIONS,
      isStarted: () => !parts.handler.startedAfterFirstRound || this.loop.roundsCompleted > 0,
      onRevived: () => {
        this.loop.requestFullSync();
        observer({ type: 'resync', at: scheduler.now(), reason: 'revived' });
      },
    });
  }

  /** `agent_type`. */
  get agentType(): string {
    return this.handler.agentType;
  }

  /** True while reports carry `start_flag`. */
  get sendsStartFlag(): boolean {
    return this.reporter.sendsStartFlag;
  }

  /** Device-loop rounds completed. */
  get roundsCompleted(): number {
    return this.loop.roundsCompleted;
  }

  /**
   * Reads the data plane's capabilities, opens the agent's channel on the transport, subscribes
   * to notifications, and starts the heartbeat (first report after the random initial delay)
   * and the device loop (first round at once, a full sync). May block on the bridge and the
   * transport; rejects with the transport's typed error when the server side cannot be reached.
   * Throws `Error` when called twice or after `stop`.
   */
  async start(): Promise<void> {
    if (this.phase !== 'built') throw new Error(`agent on ${this.host} was already started`);
    this.phase = 'starting';
    await this.handler.prepare();
    this.channel = await openAgentChannel(this.transport, this.host, {
      timeoutMs: this.callTimeoutMs,
    });
    this.unsubscribe = await this.channel.subscribe((notification) =>
      this.loop.notify(notification),
    );
    this.reporter.start();
    this.loop.start();
    this.phase = 'running';
  }

  /** Stops both timers, waits for work in flight, and closes the channel. Idempotent. */
  async stop(): Promise<void> {
    if (this.phase === 'stopped') return;
    this.phase = 'stopped';
    await this.unsubscribe?.();
    await Promise.all([this.reporter.stop(), this.loop.stop()]);
    await this.channel?.close();
  }

  /** Sends one report now, outside the schedule. Never rejects. */
  reportState(): Promise<ReportOutcome> {
    return this.reporter.reportNow();
  }

  /** Runs one device-loop round now (after any round in progress). Never rejects. */
  syncDevices(): Promise<void> {
    return this.loop.runRound();
  }

  /** Makes the next round a full resync of every device. */
  resync(): void {
    this.loop.requestFullSync();
    this.observer({ type: 'resync', at: this.scheduler.now(), reason: 'requested' });
  }

  /** The `configurations` the next report will carry. */
  configurations(): AgentConfigurations {
    return { ...this.handler.configurations(), devices: this.loop.deviceCount };
  }

  /** What the agent remembers of each device it processed, by device key. */
  devices(): ReadonlyMap<string, DeviceRecord> {
    return this.loop.devices();
  }

  private state(): AgentStateReport {
    return {
      agent_type: this.handler.agentType,
      binary: this.handler.binary,
      host: this.host,
      topic: L2_AGENT_TOPIC,
      configurations: this.configurations(),
      ...(this.availabilityZone !== undefined ? { availability_zone: this.availabilityZone } : {}),
    };
  }
}
