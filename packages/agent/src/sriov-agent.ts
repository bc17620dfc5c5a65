import { ConfigurationError, silentLogger } from '@ml2ts/driver-api';
import { type AgentRuntimeOptions } from './agent-options';
import { L2Agent } from './l2-agent';
import { SriovDeviceHandler } from './sriov-device-handler';

/** The SR-IOV NIC agent's options. The bridge stands for the host's virtual functions. */
export interface SriovAgentOptions extends AgentRuntimeOptions {
  /** Physical network → the physical functions (NICs) serving it. Default none. */
  deviceMappings?: Readonly<Record<string, readonly string[]>>;
}

/**
 * Builds an SR-IOV NIC agent (`NIC Switch agent`, `neutron-sriov-nic-agent`, agent id
 * `nic-switch-agent.<host>`). It reports with a cast: it never sees `revived`. Throws
 * `ConfigurationError` for a bad option.
 */
export function createSriovAgent(options: SriovAgentOptions): L2Agent<SriovDeviceHandler> {
  const handler = new SriovDeviceHandler({
    bridge: options.bridge,
    deviceMappings: deviceMappings(options.deviceMappings),
    extensions: options.extensions ?? [],
    logger: options.logger ?? silentLogger,
  });
  return new L2Agent({ ...options, handler, agentId: `nic-switch-agent.${options.host}` });
}

function deviceMappings(value: unknown): Record<string, string[]> {
  if (value === undefined) return {};
  const valid =
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    Object.entries(value).every(
      ([physnet, devices]) =>
        physnet !== '' &&
        Array.isArray(devices) &&
        devices.length > 0 &&
        devices.every((device) => typeof device === 'string' && device !== ''),
    );
  if (!valid) {
    throw new ConfigurationError(
      'deviceMappings',
      value,
      'must be an object of physical network → non-empty list of physical function names',
    );
  }
  return Object.fromEntries(
    Object.entries(value as Record<string, string[]>).map(([physnet, devices]) => [
      physnet,
      [...devices],
    ]),
  );
}
