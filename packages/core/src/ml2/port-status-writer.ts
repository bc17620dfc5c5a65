import { type Clock, type Logger } from '@ml2ts/driver-api';
import { type UnitOfWork } from '../repositories/unit-of-work';
import { type MechanismManager } from '../binding/mechanism-manager';
import { emitStatusChange, type Notifier } from './notifier';
import { type PortContextFactory } from './port-context-factory';
import { type PortState } from './port-state';
import { type PortStatusWriter } from './provisioning';
import { toPortView } from './view-mappers';

/**
 * Writes port status changes as Neutron does: the drivers' update pre-commit hooks see a
 * context whose original and current differ only in status, the post-commit hooks run after
 * the commit (failures logged), then the status events go out. The status write moves the
 * port's revision and `updated_at` (the clock's time) in the same statement.
 */
export class HookedPortStatusWriter implements PortStatusWriter {
  constructor(
    private readonly mechanisms: MechanismManager,
    private readonly contexts: PortContextFactory,
    private readonly notifier: Notifier,
    private readonly logger: Logger,
    private readonly clock: Clock,
  ) {}

  async write(
    unit: UnitOfWork,
    state: PortState,
    status: string,
  ): Promise<(() => Promise<void>) | null> {
    const from = state.port.status;
    if (from === status) return null;
    const original = toPortView(state.port, state.binding, state.allLevels);
    const now = this.clock.now();
    await unit.ports.updateStatus(state.port.id, status, now);
    state.port.status = status;
    state.port.revisionNumber += 1;
    state.port.updatedAt = now;
    const context = await this.contexts.build(unit, state, { original, binding: 'stored' });
    await this.mechanisms.callPrecommit('updatePortPrecommit', context);
    const port = { ...state.port };
    return async () => {
      await this.mechanisms.callPostcommit('updatePortPostcommit', context, false).catch((error) =>
        this.logger.warn('update_port_postcommit failed after a status change', {
          port: port.id,
          error: error instanceof Error ? error.message : String(error),
        }),
      );
      emitStatusChange(this.notifier, port, from, status);
    };
  }
}
