import { type Logger, VifType } from '@ml2ts/driver-api';
import { type PortBinder } from '../ml2/port-binder';
import { type Repositories } from '../repositories/unit-of-work';

/** A background rebinding started by `rebindInterruptedPorts`. */
export interface InterruptedPortsRebinding {
  /** Resolves with how many ports were found and retried, once all were; never rejects. */
  readonly done: Promise<number>;
  /** Stops after the port being bound now, and waits for it. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Binds again, in the background, every port that has a host but is still `unbound`: a binding
 * that a crash interrupted between the port's write and the binding's commit (a finished
 * attempt always ends bound or `binding_failed`). Started by the engine after it opens the
 * database; the engine does not wait for it. Each port goes through the normal optimistic
 * binding, so a port that another writer binds meanwhile is left as that writer bound it. A port
 * whose binding throws is logged and skipped. Runs outside any transaction; reads the candidates
 * once, in one read.
 */
export function rebindInterruptedPorts(
  repositories: Repositories,
  binder: PortBinder,
  logger: Logger,
): InterruptedPortsRebinding {
  let stopped = false;
  const done = (async () => {
    // Let the engine finish starting (and its caller take the first requests) before reading.
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (stopped) return 0;
    const portIds = await repositories.read((unit) =>
      unit.ports.portIdsWithHostAndVifType(VifType.UNBOUND),
    );
    if (portIds.length > 0) {
      logger.warn('Binding again the ports whose binding was interrupted', {
        ports: portIds.length,
      });
    }
    let retried = 0;
    for (const portId of portIds) {
      if (stopped) break;
      try {
        await binder.bindIfNeeded(portId, { original: null, allowNotify: true, needNotify: true });
      } catch (error) {
        logger.warn('Binding an interrupted port again failed', {
          port: portId,
          error: String(error),
        });
      }
      retried++;
    }
    return retried;
  })().catch((error: unknown) => {
    logger.error('Looking for ports whose binding was interrupted failed', {
      error: String(error),
    });
    return 0;
  });
  return {
    done,
    stop: async () => {
      stopped = true;
      await done;
    },
  };
}
