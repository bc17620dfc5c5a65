/**
 * The `tor` driver: a worked example of a hierarchical mechanism driver.
 *
 * Picture hosts behind a top-of-rack switch. The network is a VXLAN overlay, but the hosts only
 * speak VLAN to the switch; the switch maps the VNI to a VLAN it picks per network. Binding
 * therefore has two levels:
 *
 *   level 0  tor          binds the vxlan segment, allocates a dynamic vlan segment on the
 *                          switch's physical network and hands it down (`continueBinding`)
 *   level 1  openvswitch  (or any agent driver) binds the dynamic vlan segment on the host
 *
 * What to copy from it when you write your own driver:
 * - It needs no database and no container: everything comes through the `PortContext`.
 * - It keeps no per-port state: the dynamic segment is found again from the binding levels.
 * - Every refusal says why with `context.decline` (shown by `ml2ts explain`).
 * - It owns a configuration section (`tor`), validated once in `initialize`.
 * - It releases what it allocated, after commit, once no port uses it any more.
 */
import {
  type Connectivity,
  DeclineReason,
  DI,
  type Logger,
  type MechanismDriver,
  type Ml2Configuration,
  NetworkType,
  type PortContext,
  type Segment,
} from '@ml2ts/driver-api';
import { inject, injectable } from 'inversify';
import { readTorSettings, TOR_SECTION, type TorSettings } from './tor-settings';
import { torCapabilities } from './tor-capabilities';

/** The example ToR driver. See the file comment for the story. */
@injectable()
export class TorMechanismDriver implements MechanismDriver {
  /** What it declares it can do, for the contract suite (see `torCapabilities`). */
  readonly capabilities = torCapabilities;

  /** The name used in `mechanism_drivers` (and in this package's manifest). */
  readonly name = 'tor';
  /** `l2`: it may bind ports that have no fixed IPs. */
  readonly connectivity: Connectivity = 'l2';
  /** The configuration section this driver owns. */
  readonly configSections: readonly string[] = [TOR_SECTION];

  private settings: TorSettings | undefined;

  /** The container injects the validated configuration and the logger. */
  constructor(
    @inject(DI.CONFIGURATION) private readonly config: Ml2Configuration,
    @inject(DI.LOGGER) private readonly logger: Logger,
  ) {}

  /** Start-up: validates the `tor` section; a bad option throws `ConfigurationError`. */
  initialize(): void {
    this.settings = readTorSettings(this.config);
  }

  /**
   * Level 0 of a two-level binding. Outside any transaction; it may block (here only on the
   * dynamic segment allocation). It never completes a binding itself: a driver at the next
   * level must bind the dynamic segment, or the engine tries the next driver at this level.
   */
  async bindPort(context: PortContext): Promise<void> {
    const settings = this.torSettings();

    // 1. Is this port ours at all?
    if (!settings.vnicTypes.includes(context.vnicType)) {
      context.decline({
        code: DeclineReason.VNIC_TYPE_NOT_SUPPORTED,
        facts: { vnicType: context.vnicType, supported: settings.vnicTypes },
      });
      return;
    }
    if (settings.hosts.length > 0 && !settings.hosts.includes(context.host)) {
      context.decline({
        code: DeclineReason.HOST_NOT_SERVED,
        facts: { host: context.host, hosts: settings.hosts },
      });
      return;
    }

    // 2. Which of the segments offered at this level does the switch terminate? At level 1 the
    //    engine offers our own dynamic vlan segment; it is not a type we take, so we decline
    //    there and the host's driver binds it.
    const segment = context.segmentsToBind.find((candidate) =>
      settings.networkTypes.includes(candidate.networkType),
    );
    if (!segment) {
      context.decline({
        code: DeclineReason.NO_SEGMENT_BINDABLE,
        facts: {
          networkTypes: context.segmentsToBind.map((candidate) => candidate.networkType),
          supported: settings.networkTypes,
        },
      });
      return;
    }

    // 3. Get the network's VLAN on the switch's physical network. The engine returns the
    //    existing dynamic segment when the network already has one there, so every port of
    //    the network shares it. It throws when no VLAN is free.
    let vlanSegment: Segment;
    try {
      vlanSegment = await context.allocateDynamicSegment({
        networkType: NetworkType.VLAN,
        physicalNetwork: settings.physicalNetwork,
      });
    } catch (error) {
      context.decline({
        code: DeclineReason.DYNAMIC_SEGMENT_UNAVAILABLE,
        segmentId: segment.id,
        facts: {
          physicalNetwork: settings.physicalNetwork,
          error: error instanceof Error ? error.message : String(error),
        },
      });
      return;
    }

    // 4. Bind the overlay segment at this level and ask the next level to bind the VLAN.
    context.continueBinding(segment.id, [vlanSegment]);
  }

  /**
   * After an update is committed (rebinding, unbinding, moving hosts): releases the dynamic
   * segment the port used if nothing uses it any more. May block. A throw is logged by the
   * engine; the update stands.
   */
  async updatePortPostcommit(context: PortContext): Promise<void> {
    await this.releaseUnusedSegment(context, true);
  }

  /**
   * After a delete is committed: same, for the deleted port's dynamic segment. May block. A
   * throw is only logged.
   */
  async deletePortPostcommit(context: PortContext): Promise<void> {
    await this.releaseUnusedSegment(context, false);
  }

  /**
   * The segment to look at is the one at level 1 of the port's previous binding, when we bound
   * level 0 of it. It is released when it is dynamic, the port's current binding (if the port
   * still exists) does not use it, and no binding level of any port does.
   */
  private async releaseUnusedSegment(context: PortContext, portExists: boolean): Promise<void> {
    if (!this.torSettings().releaseDynamicSegments) return;
    const [top, below] = context.originalBindingLevels;
    if (top?.driver !== this.name) return;
    const segment = below?.segment;
    if (!segment?.isDynamic) return;
    if (portExists && context.bindingLevels.some((level) => level.segment?.id === segment.id)) {
      return;
    }
    if (await context.isSegmentInUse(segment.id)) return;
    this.logger.info('Releasing dynamic segment no port uses any more', {
      driver: this.name,
      segment: segment.id,
      port: context.current.id,
    });
    await context.releaseDynamicSegment(segment.id);
  }

  /** The settings read by `initialize` (read now if a test skipped it). */
  private torSettings(): TorSettings {
    this.settings ??= readTorSettings(this.config);
    return this.settings;
  }
}
