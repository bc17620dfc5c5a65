import { type ReportStateResult } from '@ml2ts/driver-api';
import { type DeviceWiring } from './device-wiring';

/** How one device ended up after the agent processed it. */
export type DeviceOutcomeKind = 'up' | 'down' | 'unbound' | 'waiting';

/**
 * What an agent did, for observers (timelines, logs, tests). `at` is the agent's clock. Events
 * are emitted synchronously from the agent's work; observers must not block or throw.
 */
export type AgentEvent =
  | { type: 'reported'; at: Date; status: ReportStateResult | null; startFlag: boolean }
  | { type: 'reportFailed'; at: Date; error: string }
  | { type: 'resync'; at: Date; reason: 'revived' | 'error' | 'requested' }
  /** The device appeared on the bridge, or must be processed again (update, retry, resync). */
  | { type: 'deviceSeen'; at: Date; device: string; interfaceName: string }
  /** The device was processed: `wiring` is what the agent programmed (null: nothing). */
  | {
      type: 'deviceWired';
      at: Date;
      device: string;
      portId: string | null;
      outcome: DeviceOutcomeKind;
      wiring: DeviceWiring | null;
    }
  /** One `update_device_list` call succeeded for these devices. */
  | { type: 'devicesReported'; at: Date; up: string[]; down: string[] }
  | { type: 'deviceRemoved'; at: Date; device: string; interfaceName: string }
  /** The port was deleted (or its binding deactivated) and the agent unwired the device. */
  | { type: 'deviceUnwired'; at: Date; device: string; portId: string | null }
  | { type: 'deviceFailed'; at: Date; device: string; failures: number; givenUp: boolean };

/** Receives `AgentEvent`s. */
export type AgentObserver = (event: AgentEvent) => void;
