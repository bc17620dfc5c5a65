import {
  DeviceOwner,
  type Logger,
  PortStatus,
  ProvisioningEntity,
  ReportStateResult,
} from '@ml2ts/driver-api';
import {
  type DeviceDetails,
  type DeviceRequest,
  type TunnelSyncRequest,
  type TunnelSyncResult,
} from '@ml2ts/agent-rpc';
import { type PortRepository } from '../repositories/port-repository';
import { type TunnelEndpointType } from '../repositories/tunnel-endpoint-repository';
import { type Repositories } from '../repositories/unit-of-work';
import { parseJsonObject } from '../support/canonical-json';
import { normalizeMacAddress } from '../support/mac-address';
import { isUuidLike } from '../support/uuid-like';
import { type AgentStateReport } from '@ml2ts/agent-rpc';
import {
  type CheckedAgentState,
  deviceRequestRule,
  overlayAddressRule,
  tunnelSyncRequestRule,
  tunnelTypeRule,
} from '../validation';
import { type Rule } from '../validation/rule';
import { type AgentRegistry } from './agent-registry';
import { type Notifier } from './notifier';
import { type PortBinder } from './port-binder';
import { levelsForHost, loadPortState, type PortState } from './port-state';
import { type PortStatusWriter, type Provisioning } from './provisioning';
import { OPERATION_LOGGER, parameter, publicOperation } from './public-operation';
import { DEFAULT_VXLAN_UDP_PORT, syncTunnelEndpoint, type TunnelSyncSettings } from './tunnel-sync';
import { parseFixedIps } from './view-mappers';

/** Device-name prefixes agents put in front of (a prefix of) the port id. */
const DEVICE_PREFIXES = ['tap', 'qvo', 'sg-'];

/**
 * The calls L2 agents make on the server: heartbeats, device details, device up and down.
 * Every method runs its own units of work and must not be called inside one. Every method is a
 * `@publicOperation`: the request is checked before any database work (`deviceRequestRule` for
 * the device calls: `device` a non-empty string, `agent_id`, `host` and `pci_slot` strings,
 * nothing else; `tunnelSyncRequestRule` for `tunnel_sync`; a 400 naming the attribute
 * otherwise), and anything unforeseen is a 500 `InternalServerError` naming the call, its cause
 * logged.
 */
export class AgentRpc {
  /** The engine's logger, which the operation guard reports unexpected errors to. */
  readonly [OPERATION_LOGGER]: Logger;

  /** `tunnel_sync`'s checks that depend on the configuration: the type, the address's version. */
  private readonly tunnelChecks: {
    readonly type: Rule<TunnelEndpointType>;
    readonly address: Rule<string>;
  };

  /** `tunnels`: the loaded tunnel types and the overlay's IP version, for `tunnelSync`. */
  constructor(
    private readonly repositories: Repositories,
    private readonly agents: AgentRegistry,
    private readonly binder: PortBinder,
    private readonly provisioning: Provisioning,
    private readonly statusWriter: PortStatusWriter,
    private readonly notifier: Notifier,
    private readonly logger: Logger,
    private readonly tunnels: TunnelSyncSettings,
  ) {
    this[OPERATION_LOGGER] = logger;
    this.tunnelChecks = {
      type: tunnelTypeRule(tunnels.tunnelTypes),
      address: overlayAddressRule(tunnels.overlayIpVersion),
    };
  }

  /** `report_state`: see `AgentRegistry.reportState`, which checks the report. */
  @publicOperation('report_state')
  async reportState(
    report: AgentStateReport | CheckedAgentState,
    time?: string,
  ): Promise<ReportStateResult | null> {
    return this.agents.reportState(report, time);
  }

  /**
   * `get_device_details`: binds the port if needed, then answers the segment to wire. From the
   * bound host (or without a host) it moves the port to BUILD (DOWN when admin down).
   */
  @publicOperation('get_device_details', parameter('', deviceRequestRule))
  async getDeviceDetails(request: DeviceRequest): Promise<DeviceDetails> {
    const { device } = request;
    const host = request.host ?? '';
    const portId = await this.repositories.read((unit) =>
      resolveDevice(unit.ports, device, request.pci_slot),
    );
    if (!portId) return { device };
    const state = await this.binder.bindIfNeeded(portId, {
      original: null,
      allowNotify: false,
      needNotify: false,
    });
    if (!state) return { device };
    const details = this.detailsOf(state, device, host);
    if (details.port_id && (host === '' || host === state.binding.host)) {
      const status = state.port.adminStateUp ? PortStatus.BUILD : PortStatus.DOWN;
      await this.writeStatus(state.port.id, status);
    }
    return details;
  }

  /**
   * The details of a device as the OVS agent's pushed resource cache holds them: the same
   * answer as `getDeviceDetails`, but it neither binds the port nor changes its status
   * (Neutron's OVS agent reads its own cache instead of asking the server, so OVS ports do not
   * pass through BUILD). Read-only.
   */
  @publicOperation('describe_device', parameter('', deviceRequestRule))
  async describeDevice(request: DeviceRequest): Promise<DeviceDetails> {
    const { device } = request;
    const state = await this.readDevice(request);
    return state ? this.detailsOf(state, device, request.host ?? '') : { device };
  }

  /**
   * The details answer without the status change: only `device` when the port has no bound
   * segment, `no_active_binding` for a compute port asked about from another host, otherwise
   * the port and its bottom bound segment.
   */
  private detailsOf(state: PortState, device: string, host: string): DeviceDetails {
    const bottom = levelsForHost(state, state.binding.host).at(-1);
    const segment = bottom?.segmentId ? state.segmentsById.get(bottom.segmentId) : undefined;
    if (!segment) {
      this.logger.warn('Device requested by agent has no bound segment', { device, host });
      return { device };
    }
    const { port, binding } = state;
    if (
      port.deviceOwner.startsWith(DeviceOwner.COMPUTE_PREFIX) &&
      host !== '' &&
      binding.host !== host
    ) {
      return { device, no_active_binding: true };
    }
    return {
      device,
      network_id: port.networkId,
      port_id: port.id,
      mac_address: port.macAddress,
      admin_state_up: port.adminStateUp,
      network_type: segment.networkType,
      segmentation_id: segment.segmentationId,
      physical_network: segment.physicalNetwork,
      mtu: state.network.mtu,
      fixed_ips: parseFixedIps(port),
      device_owner: port.deviceOwner,
      profile: parseJsonObject(binding.profile).value,
      port_security_enabled: true,
      vif_type: binding.vifType,
    };
  }

  /**
   * `update_device_up`: the agent wired the device. From the bound host (or without a host) the
   * L2 provisioning block is cleared, which may make the port ACTIVE. From another host a compute
   * port only triggers the compute side's vif-plugged event (live migration).
   */
  @publicOperation('update_device_up', parameter('', deviceRequestRule))
  async updateDeviceUp(request: DeviceRequest): Promise<void> {
    const host = request.host ?? '';
    const state = await this.readDevice(request);
    if (!state) return;
    if (host !== '' && state.binding.host !== host) {
      if (state.port.deviceOwner.startsWith(DeviceOwner.COMPUTE_PREFIX)) {
        this.notifier.emit('vifPlugged', {
          portId: state.port.id,
          deviceId: state.port.deviceId,
          status: state.port.status,
        });
      }
      return;
    }
    await this.provisioning.complete(state.port.id, ProvisioningEntity.L2);
  }

  /**
   * `update_device_down`: the device is gone from the host. From the bound host (or without a
   * host) the port goes DOWN. Returns whether the port exists.
   */
  @publicOperation('update_device_down', parameter('', deviceRequestRule))
  async updateDeviceDown(request: DeviceRequest): Promise<{ device: string; exists: boolean }> {
    const host = request.host ?? '';
    const state = await this.readDevice(request);
    if (!state) return { device: request.device, exists: false };
    if (host === '' || state.binding.host === host) {
      await this.writeStatus(state.port.id, PortStatus.DOWN);
    }
    return { device: request.device, exists: true };
  }

  /**
   * `tunnel_sync`: an agent announces its tunnel endpoint; answers every endpoint of that type,
   * the caller's included (`udp_port` for `vxlan` only, 4789 unless the agent gave its own).
   *
   * Checked before any database work (400 `InvalidAttribute` naming the attribute, nothing
   * written): `tunnelSyncRequestRule`, then `tunnel_type` one of the tunnel types the type
   * manager loaded (the message lists them) and `tunnel_ip` of `ml2.overlay_ip_version`.
   * `udp_port` is ignored for `gre` and `geneve`, an empty `host` is none.
   *
   * Records the endpoint in a write transaction of its own (`syncTunnelEndpoint`: a host's
   * older address is replaced, an endpoint recorded without a host is taken over, a concurrent
   * sync of the same address or host runs the unit again); must not be called inside a unit of
   * work, and blocks only on the database. Once committed, and only when the address is new or
   * replaced the host's old one, emits `tunnelUpdate` (a repeated sync emits nothing). Rejects
   * with `TunnelIpInUse` (409, nothing written) when another host holds the address.
   */
  @publicOperation('tunnel_sync', parameter('', tunnelSyncRequestRule))
  async tunnelSync(request: TunnelSyncRequest): Promise<TunnelSyncResult> {
    const tunnelType = this.tunnelChecks.type.check(request.tunnel_type, 'tunnel_type');
    const ipAddress = this.tunnelChecks.address.check(request.tunnel_ip, 'tunnel_ip');
    const host = request.host ? request.host : null;
    const outcome = await syncTunnelEndpoint(
      this.repositories,
      {
        type: tunnelType,
        ipAddress,
        host,
        udpPort: tunnelType === 'vxlan' ? (request.udp_port ?? DEFAULT_VXLAN_UDP_PORT) : null,
      },
      this.logger,
    );
    if (outcome.isNew || outcome.replaced !== null) {
      this.notifier.emit('tunnelUpdate', { tunnelIp: ipAddress, tunnelType, host: host ?? '' });
    }
    return {
      tunnels: outcome.endpoints.map((endpoint) => ({
        host: endpoint.host ?? '',
        ip_address: endpoint.ipAddress,
        ...(endpoint.udpPort !== null ? { udp_port: endpoint.udpPort } : {}),
      })),
    };
  }

  /** The state of the port an agent's device name stands for, in one read; null when none. */
  private readDevice(request: DeviceRequest): Promise<PortState | null> {
    return this.repositories.read(async (unit) => {
      const portId = await resolveDevice(unit.ports, request.device, request.pci_slot);
      return portId ? loadPortState(unit, portId) : null;
    });
  }

  private async writeStatus(portId: string, status: string): Promise<void> {
    const after = await this.repositories.transaction(async (unit) => {
      const state = await loadPortState(unit, portId);
      return state ? this.statusWriter.write(unit, state, status) : null;
    });
    await after?.();
  }
}

/**
 * Maps an agent's device name to a port id: strip `tap`/`qvo`/`sg-`; a name
 * that is not UUID-like is tried as a MAC address (with the PCI slot when given); ids may be
 * prefixes, and a prefix matching several ports matches none.
 */
export async function resolveDevice(
  ports: PortRepository,
  device: string,
  pciSlot?: string,
): Promise<string | null> {
  let candidate = device;
  const prefix = DEVICE_PREFIXES.find((known) => device.startsWith(known));
  if (prefix) {
    candidate = device.slice(prefix.length);
  } else if (!isUuidLike(device)) {
    const mac = normalizeMacAddress(device);
    if (mac) {
      const matching = [];
      for (const portId of await ports.idsWithMac(mac)) {
        if (!pciSlot) {
          matching.push(portId);
          continue;
        }
        const bindings = await ports.bindings(portId);
        if (
          bindings.some((binding) => parseJsonObject(binding.profile).value['pci_slot'] === pciSlot)
        ) {
          matching.push(portId);
        }
      }
      if (matching.length === 1) return matching[0];
    }
  }
  if (candidate === '') return null;
  if (await ports.portExists(candidate)) return candidate;
  if (!/^[0-9a-f-]+$/i.test(candidate)) return null;
  const matches = await ports.idsStartingWith(candidate.toLowerCase(), 2);
  return matches.length === 1 ? matches[0] : null;
}
