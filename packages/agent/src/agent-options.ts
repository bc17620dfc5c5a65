import { ConfigurationError, type Logger } from '@ml2ts/driver-api';
import { type AgentTransport } from '@ml2ts/agent-rpc';
import { type IdGenerator, type RandomSource } from '@ml2ts/driver-api';
import { type AgentObserver } from './agent-event';
import { type Bridge } from './bridge';
import { type ReportTiming } from './report-schedule';
import { type Scheduler } from './scheduler';

/** What every agent type is built from. Durations are in seconds, like Neutron's options. */
export interface AgentRuntimeOptions extends ReportTiming {
  /** The host the agent runs on (`binding:host_id` of the ports it wires). */
  host: string;
  /** How the agent reaches the server; the agent opens one channel for its host. */
  transport: AgentTransport;
  /** The data plane the agent watches and programs. */
  bridge: Bridge;
  /** Default: real time. */
  scheduler?: Scheduler;
  /** Randomness of the report jitter; default `Math.random`. */
  random?: RandomSource;
  /** Source of each report's `uuid`; default crypto-random. */
  ids?: IdGenerator;
  /** Default: silent. */
  logger?: Logger;
  /**
   * Seconds to wait for the server's reply to a call before it fails with `RpcTimeoutError`;
   * default the transport's own (60 s, Neutron's `rpc_response_timeout`).
   */
  callTimeout?: number;
  /** `polling_interval` of the device loop: 2 by default. */
  pollingInterval?: number;
  /** Reported as `availability_zone` when given. */
  availabilityZone?: string;
  /** Agent extension names, reported in `configurations.extensions`. Default none. */
  extensions?: readonly string[];
  /**
   * Versions of the payloads the agent understands, sent as `resource_versions` until a report
   * succeeds. Default `DEFAULT_RESOURCE_VERSIONS`.
   */
  resourceVersions?: Readonly<Record<string, string>>;
  /** Receives what the agent does (reports, devices seen, wired, reported, removed). */
  observer?: AgentObserver;
}

/**
 * The notification payloads this runtime understands. The server stores them in the agents
 * table; nothing interprets them yet.
 */
export const DEFAULT_RESOURCE_VERSIONS: Readonly<Record<string, string>> = { Port: '1.0' };

/** Throws `ConfigurationError` unless `value` is a non-empty string. */
export function requireName(option: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ConfigurationError(option, value, 'must be a non-empty string');
  }
  return value;
}

/** A `physnet → name` map; throws `ConfigurationError` for anything else. */
export function nameMapping(option: string, value: unknown): Record<string, string> {
  if (value === undefined) return {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigurationError(option, value, 'must be an object of physical network → name');
  }
  for (const [physnet, name] of Object.entries(value)) {
    if (physnet === '' || typeof name !== 'string' || name === '') {
      throw new ConfigurationError(
        option,
        value,
        'physical networks and names must be non-empty strings',
      );
    }
  }
  return { ...(value as Record<string, string>) };
}

/** A list drawn from `allowed`, without duplicates; throws `ConfigurationError` otherwise. */
export function listOf(option: string, value: unknown, allowed: readonly string[]): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((entry) => !allowed.includes(entry as string))) {
    throw new ConfigurationError(option, value, `must be a list of: ${allowed.join(', ')}`);
  }
  return [...new Set(value as string[])];
}

/** One of `allowed` (default `fallback`); throws `ConfigurationError` otherwise. */
export function oneOf<T extends string>(
  option: string,
  value: unknown,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value as T)) {
    throw new ConfigurationError(option, value, `must be one of: ${allowed.join(', ')}`);
  }
  return value as T;
}

/** The tunnelling endpoint: required when tunnel types are configured. */
export function tunnelingIp(tunnelTypes: readonly string[], value: unknown): string | null {
  if (tunnelTypes.length === 0)
    return value === undefined ? null : requireName('tunnelingIp', value);
  if (value === undefined) {
    throw new ConfigurationError('tunnelingIp', value, 'is required when tunnelTypes is not empty');
  }
  return requireName('tunnelingIp', value);
}
