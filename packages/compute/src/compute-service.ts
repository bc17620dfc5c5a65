import { type Scheduler, systemScheduler } from '@ml2ts/agent';
import { explainTrace } from '@ml2ts/core';
import { DeviceOwner, VifType, VnicType } from '@ml2ts/driver-api';
import { performance } from 'node:perf_hooks';
import { BindingFailedError } from './errors/binding-failed-error';
import { ComputeHostNotFoundError } from './errors/compute-host-not-found-error';
import { VifPlugTimeoutError } from './errors/vif-plug-timeout-error';
import { type HostDataPlane } from './host-data-plane';
import {
  type AllocateRequest,
  type AllocationPhase,
  type InstancePort,
  type PhaseTiming,
} from './instance-port';
import { type NetworkApi } from './network-api';
import { planVifPlug } from './vif-plug-plan';
import { VifPluggedWaiter } from './vif-plugged-waiter';
import { plugVif, unplugVif } from './vif-plugger';

/** Nova's default `vif_plugging_timeout`: 300 s. */
export const DEFAULT_VIF_PLUG_TIMEOUT_MS = 300_000;
/** Nova's default availability zone. */
export const DEFAULT_ZONE = 'nova';

/** What a `ComputeService` is built from. */
export interface ComputeServiceOptions {
  /** The networking server. */
  network: NetworkApi;
  /** The compute hosts' data planes; more can be added with `addHost`. */
  hosts?: readonly HostDataPlane[];
  /** How long to wait for `network-vif-plugged`. Default 300 000 ms (Nova's default). */
  vifPlugTimeoutMs?: number;
  /** Runs the vif-plugged timeout. Default real time. */
  scheduler?: Scheduler;
  /** Monotonic milliseconds for the phase timings. Default `performance.now`. */
  now?: () => number;
  /**
   * Keep the port on the server when a boot fails (to explain it later), instead of deleting
   * it as Nova does for ports it created. Default false.
   */
  keepFailedPorts?: boolean;
}

/**
 * A Nova-like compute side as a library: allocates an instance's port on the networking server,
 * binds it to the host, plugs the VIF the way os-vif would, and waits for the server's
 * `network-vif-plugged` event, like Nova's `allocate_for_instance` and the spawn that follows.
 */
export class ComputeService {
  private readonly network: NetworkApi;
  private readonly hosts = new Map<string, HostDataPlane>();
  private readonly timeoutMs: number;
  private readonly scheduler: Scheduler;
  private readonly now: () => number;
  private readonly keepFailedPorts: boolean;

  constructor(options: ComputeServiceOptions) {
    this.network = options.network;
    for (const host of options.hosts ?? []) this.addHost(host);
    this.timeoutMs = options.vifPlugTimeoutMs ?? DEFAULT_VIF_PLUG_TIMEOUT_MS;
    this.scheduler = options.scheduler ?? systemScheduler;
    this.now = options.now ?? (() => performance.now());
    this.keepFailedPorts = options.keepFailedPorts ?? false;
  }

  /** Adds (or replaces) a host's data plane. Never blocks. */
  addHost(host: HostDataPlane): void {
    this.hosts.set(host.host, host);
  }

  /**
   * Boots one port of an instance, in four phases:
   *
   * 1. `create_port`: creates the port on the network (status `DOWN`, `unbound`) with the vnic
   *    type and fixed IPs;
   * 2. `bind_port`: updates it with `binding:host_id`, `device_id`, `device_owner`
   *    `compute:<zone>`, `dns_name` and `binding:profile`, which binds it; reads `vif_type` and
   *    `vif_details`;
   * 3. `plug_vif`: plugs the VIF on the host for that type (see `plugVif`);
   * 4. `wait_vif_plugged`: waits for the server's `network-vif-plugged` for the port (listened
   *    for since before the binding update, so an early event is not missed).
   *
   * May block on the server and the host. Failures stop the boot: `ComputeHostNotFoundError`
   * (nothing created), `BindingFailedError` (vif_type `binding_failed` or still `unbound`, with
   * the binding trace explained), `UnsupportedVifError`, `VifPlugError`, `VifPlugTimeoutError`,
   * or the server's `Ml2Error`. After a failure the VIF is unplugged and the port deleted
   * (unless `keepFailedPorts`).
   */
  async allocateForInstance(request: AllocateRequest): Promise<InstancePort> {
    const host = this.hosts.get(request.host);
    if (!host) throw new ComputeHostNotFoundError(request.host, [...this.hosts.keys()]);
    const startedAtMs = this.now();
    const phases: PhaseTiming[] = [];
    const timed = async <T>(phase: AllocationPhase, work: () => Promise<T>): Promise<T> => {
      const startMs = this.now() - startedAtMs;
      const result = await work();
      phases.push({ phase, startMs, endMs: this.now() - startedAtMs });
      return result;
    };

    const created = await timed('create_port', () =>
      this.network.createPort({
        network_id: request.network,
        name: request.portName ?? '',
        admin_state_up: true,
        'binding:vnic_type': request.vnicType ?? VnicType.NORMAL,
        ...(request.fixedIps ? { fixed_ips: request.fixedIps } : {}),
      }),
    );
    const portId = created.id;
    const waiter = new VifPluggedWaiter(this.network, portId);
    let plugged: Awaited<ReturnType<typeof plugVif>> | null = null;
    try {
      const bound = await timed('bind_port', () =>
        this.network.updatePort(portId, {
          'binding:host_id': request.host,
          device_id: request.instance.uuid,
          device_owner: `${DeviceOwner.COMPUTE_PREFIX}${request.zone ?? DEFAULT_ZONE}`,
          dns_name: request.dnsName ?? request.instance.name ?? '',
          'binding:profile': request.profile ?? {},
        }),
      );
      const vifType = bound['binding:vif_type'];
      if (vifType === VifType.BINDING_FAILED || vifType === VifType.UNBOUND) {
        throw await this.bindingFailure(portId, request.host);
      }
      const plan = planVifPlug(bound, request.instance.uuid);
      plugged = await timed('plug_vif', () => plugVif(host, portId, plan));
      const event = await timed('wait_vif_plugged', () =>
        waiter.wait(this.timeoutMs, this.scheduler),
      );
      if (!event) {
        const last = await this.network.getPort(portId).catch(() => null);
        throw new VifPlugTimeoutError({
          portId,
          host: request.host,
          timeoutMs: this.timeoutMs,
          lastStatus: last?.status ?? null,
        });
      }
      const active = await this.network.getPort(portId);
      return {
        instanceUuid: request.instance.uuid,
        host: request.host,
        portId,
        created,
        bound,
        active,
        vif: plugged,
        startedAtMs,
        phases,
      };
    } catch (error) {
      if (plugged) await unplugVif(host, plugged);
      if (!this.keepFailedPorts) await this.network.deletePort(portId).catch(() => undefined);
      throw error;
    } finally {
      waiter.dispose();
    }
  }

  /**
   * Takes the instance's VIF off its host (the hypervisor destroyed the instance). The host's
   * agent notices and reports the device down, so the port goes `DOWN`. The port stays. May
   * block on the host. Throws `ComputeHostNotFoundError` for a host removed meanwhile.
   */
  async unplug(port: InstancePort): Promise<void> {
    await unplugVif(this.requireHost(port.host), port.vif);
  }

  /**
   * Nova's `deallocate_for_instance` after the unplug: unplugs the VIF, then deletes the port
   * (the server tells the agents). May block; rejects with the server's error when the delete
   * fails.
   */
  async deallocateForInstance(port: InstancePort): Promise<void> {
    await this.unplug(port);
    await this.network.deletePort(port.portId);
  }

  private requireHost(name: string): HostDataPlane {
    const host = this.hosts.get(name);
    if (!host) throw new ComputeHostNotFoundError(name, [...this.hosts.keys()]);
    return host;
  }

  /** The typed failure with the server's trace explained (the port is cleaned up by the caller). */
  private async bindingFailure(portId: string, host: string): Promise<BindingFailedError> {
    const trace = await this.network.explainBinding(portId).catch(() => null);
    return new BindingFailedError({
      portId,
      host,
      trace,
      explanation: trace ? explainTrace(trace) : [],
      portDeleted: !this.keepFailedPorts,
    });
  }
}
