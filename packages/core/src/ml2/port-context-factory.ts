import { type BindingLevelView, type Clock, type PortView } from '@ml2ts/driver-api';
import { type PortBindingLevel } from '@ml2ts/store';
import { type UnitOfWork } from '../repositories/unit-of-work';
import {
  type ContextRows,
  EnginePortContext,
  type PortContextServices,
} from '../binding/engine-port-context';
import { parseJsonObject } from '../support/canonical-json';
import { loadFixedIpSubnets, loadHostAgents, type PortState } from './port-state';
import {
  toAgentView,
  toNetworkView,
  toPortView,
  toSegmentView,
  toSubnetView,
} from './view-mappers';

/** How a context's binding is set up. */
export interface PortContextOptions {
  /** The port before the operation; null on create. */
  original: PortView | null;
  /** Levels of the binding before the operation (for post-commit hooks). */
  originalLevels?: readonly BindingLevelView[];
  /**
   * `fresh`: a new binding attempt (vif_type `unbound`, no levels);
   * `stored`: the ACTIVE binding as stored, with the levels of its host.
   */
  binding: 'fresh' | 'stored';
  /** Rows already read for this port and host in the same unit of work (saves the reads). */
  rows?: ContextRows;
}

/** Builds `EnginePortContext`s from stored state, with agent liveness on the server clock. */
export class PortContextFactory {
  constructor(
    private readonly clock: Clock,
    private readonly agentDownTime: number,
    private readonly services: PortContextServices,
  ) {}

  /** Level rows as drivers see them. */
  levelViews(state: PortState, rows: readonly PortBindingLevel[]): BindingLevelView[] {
    return rows.map((row) => {
      const segment = row.segmentId ? state.segmentsById.get(row.segmentId) : undefined;
      return {
        level: row.level,
        driver: row.driver,
        segment: segment ? toSegmentView(segment) : null,
      };
    });
  }

  /** Reads the agents of the binding's host and the fixed IPs' subnets. */
  async loadRows(unit: UnitOfWork, state: PortState): Promise<ContextRows> {
    const agents = await loadHostAgents(unit, state.binding.host);
    const subnets = await loadFixedIpSubnets(unit, state.port);
    return { agents, subnets };
  }

  /**
   * Builds a context (inside the caller's unit of work), reading agents and subnets unless
   * `options.rows` has them.
   */
  async build(
    unit: UnitOfWork,
    state: PortState,
    options: PortContextOptions,
  ): Promise<EnginePortContext> {
    const { binding } = state;
    const rows = options.rows ?? (await this.loadRows(unit, state));
    const { agents, subnets } = rows;
    const now = this.clock.now();
    const fresh = options.binding === 'fresh';
    const hostLevels = fresh ? [] : state.allLevels.filter((level) => level.host === binding.host);
    const current = toPortView(state.port, binding, fresh ? [] : state.allLevels);
    const network = toNetworkView(state.network, state.staticSegments);
    return new EnginePortContext({
      current: fresh ? { ...current, vifType: 'unbound', vifDetails: {} } : current,
      original: options.original,
      network: { current: network, original: null, networkSegments: network.segments },
      binding: {
        host: binding.host,
        vnicType: binding.vnicType,
        profile: parseJsonObject(binding.profile).value,
        serializedProfile: binding.profile,
        vifType: fresh ? 'unbound' : binding.vifType,
        vifDetails: fresh ? {} : parseJsonObject(binding.vifDetails).value,
        requestedStatus: undefined,
      },
      levels: this.levelViews(state, hostLevels),
      originalLevels: options.originalLevels ?? [],
      fixedIpSubnets: subnets.map(toSubnetView),
      hostAgents: agents.map((agent) => toAgentView(agent, now, this.agentDownTime)),
      services: this.services,
      rows,
    });
  }
}
