import {
  Limits,
  type Logger,
  PortStatus,
  type ProvisioningEntity,
  VifType,
} from '@ml2ts/driver-api';
import { type PortRepository } from '../repositories/port-repository';
import { type Repositories, type UnitOfWork } from '../repositories/unit-of-work';
import { type Sleeper } from '../support/sleeper';
import { loadPortState, type PortState } from './port-state';

/** Half a second between checks of a port that is still `unbound`. */
const UNBOUND_RETRY_MILLISECONDS = 500;

/** Stores the provisioning blocks a pre-commit hook asked for. Inside the caller's transaction. */
export async function addProvisioningBlocks(
  ports: PortRepository,
  portId: string,
  entities: Iterable<ProvisioningEntity>,
): Promise<void> {
  for (const entity of entities) await ports.addProvisioningBlock(portId, entity);
}

/** Writes a port status inside a transaction and says what to run after the commit. */
export interface PortStatusWriter {
  /**
   * Inside the caller's transaction: stores `status` when it differs (running the drivers'
   * update pre-commit hooks) and returns the work to run after the commit (post-commit hooks,
   * events), or null when nothing changed.
   */
  write(unit: UnitOfWork, state: PortState, status: string): Promise<(() => Promise<void>) | null>;
}

/**
 * Provisioning blocks and the way to ACTIVE: an entity reports completion, and when no
 * block remains the port goes ACTIVE if its binding is usable and it is admin up.
 */
export class Provisioning {
  constructor(
    private readonly repositories: Repositories,
    private readonly sleep: Sleeper,
    private readonly logger: Logger,
    private readonly statusWriter: PortStatusWriter,
  ) {}

  /**
   * `entity` finished its part for the port. Must not be called inside a unit of work. Returns
   * true when the port became (or already was) ACTIVE.
   */
  async complete(portId: string, entity: ProvisioningEntity): Promise<boolean> {
    const remaining = await this.repositories.transaction(async (unit) => {
      await unit.ports.removeProvisioningBlock(portId, entity);
      return unit.ports.countProvisioningBlocks(portId);
    });
    if (remaining > 0) return false;
    for (let attempt = 1; attempt <= Limits.MAX_PROVISIONING_TRIES; attempt++) {
      const outcome = await this.repositories.transaction(async (unit) => {
        const state = await loadPortState(unit, portId);
        if (!state) return 'stop' as const;
        if (state.binding.vifType === VifType.BINDING_FAILED) return 'stop' as const;
        if (state.binding.vifType === VifType.UNBOUND) return 'wait' as const;
        if ((await unit.ports.countProvisioningBlocks(portId)) > 0) return 'stop' as const;
        if (!state.port.adminStateUp) return 'stop' as const;
        return { after: await this.statusWriter.write(unit, state, PortStatus.ACTIVE) };
      });
      if (typeof outcome === 'object') {
        await outcome.after?.();
        return true;
      }
      if (outcome === 'stop') return false;
      if (attempt < Limits.MAX_PROVISIONING_TRIES) await this.sleep(UNBOUND_RETRY_MILLISECONDS);
    }
    this.logger.debug('Port stayed unbound; not marking it ACTIVE', { port: portId });
    return false;
  }
}
