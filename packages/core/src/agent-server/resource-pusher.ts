import { type Logger } from '@ml2ts/driver-api';
import {
  type ResourcePushNotification,
  type VersionedObjectPrimitive,
  type VersionedResourceType,
} from '@ml2ts/agent-rpc';
import { type Notifier, type ResourceChange } from '../ml2/notifier';
import { deletedResourceObject } from './deleted-resource-object';

/** Where pushed objects come from: the current state of resources, read after their commit. */
export interface VersionedObjectSource {
  /**
   * The objects of these ids as they are now; ids no longer stored are left out. Runs its own
   * read unit of work; may block on the database; a throw fails that push only.
   */
  read(
    resourceType: VersionedResourceType,
    ids: readonly string[],
  ): Promise<VersionedObjectPrimitive[]>;
}

/** The push types in the order a batch publishes them: what others refer to first. */
const PUSH_ORDER: readonly VersionedResourceType[] = [
  'SecurityGroup',
  'SecurityGroupRule',
  'Network',
  'Subnet',
  'Port',
];

/** Pushes being made: see `pushResourceChanges`. */
export interface ResourcePushing {
  /** Stops watching the engine's events; pushes already collected are still sent. */
  stop(): void;
  /**
   * Resolves once every change seen so far has been read and handed to `publish` (or its read
   * failed and was logged). Never rejects.
   */
  settled(): Promise<void>;
}

/** Changes collected since the last flush. */
interface PendingChanges {
  readonly updated: Map<VersionedResourceType, Set<string>>;
  readonly deleted: Map<VersionedResourceType, Map<string, ResourceChange>>;
}

/**
 * Pushes every committed change of a resource that agents cache to them as `resourcePush`
 * notifications: the engine's `resourceChanged` events, and a port's binding, status and
 * activation events (its Port object changed with them). Changes arriving in the same turn of
 * the event loop are coalesced: one read per resource type for all its updated ids, one
 * notification per type and event; batches are published in order, one after the other, so a
 * later state never overtakes an earlier one. `publish` must not throw; a failed read is
 * logged and that batch's updates are skipped (the next change of those resources pushes them
 * again).
 */
export function pushResourceChanges(
  notifier: Notifier,
  source: VersionedObjectSource,
  publish: (notification: ResourcePushNotification) => void,
  logger: Logger,
): ResourcePushing {
  let pending: PendingChanges | null = null;
  let previousFlush: Promise<void> = Promise.resolve();

  const collect = (change: ResourceChange): void => {
    if (!pending) {
      const batch: PendingChanges = { updated: new Map(), deleted: new Map() };
      pending = batch;
      setImmediate(() => {
        pending = null;
        previousFlush = previousFlush.then(() => flush(batch));
      });
    }
    const { resourceType, id } = change;
    if (change.eventType === 'deleted') {
      pending.updated.get(resourceType)?.delete(id);
      let deleted = pending.deleted.get(resourceType);
      if (!deleted) pending.deleted.set(resourceType, (deleted = new Map()));
      deleted.set(id, change);
    } else {
      let updated = pending.updated.get(resourceType);
      if (!updated) pending.updated.set(resourceType, (updated = new Set()));
      updated.add(id);
    }
  };

  const flush = async (batch: PendingChanges): Promise<void> => {
    for (const resourceType of PUSH_ORDER) {
      const ids = [...(batch.updated.get(resourceType) ?? [])];
      if (ids.length > 0) {
        try {
          const resources = await source.read(resourceType, ids);
          if (resources.length > 0) {
            publish({
              type: 'resourcePush',
              resource_type: resourceType,
              event_type: 'updated',
              resources,
            });
          }
        } catch (error) {
          logger.error('Reading changed resources to push to agents failed', {
            resourceType,
            ids,
            error: String(error),
          });
        }
      }
    }
    for (const resourceType of [...PUSH_ORDER].reverse()) {
      const deleted = [...(batch.deleted.get(resourceType)?.values() ?? [])];
      if (deleted.length > 0) {
        publish({
          type: 'resourcePush',
          resource_type: resourceType,
          event_type: 'deleted',
          resources: deleted.map(deletedResourceObject),
        });
      }
    }
  };

  const portChanged = ({ portId }: { portId: string }): void =>
    collect({ resourceType: 'Port', eventType: 'updated', id: portId });
  const stops = [
    notifier.on('resourceChanged', collect),
    notifier.on('portBound', portChanged),
    notifier.on('portStatusChanged', portChanged),
    notifier.on('bindingActivate', portChanged),
    notifier.on('bindingDeactivate', portChanged),
    notifier.on('portUpdate', ({ port }) => portChanged({ portId: port.id })),
  ];
  return {
    stop: () => {
      for (const stop of stops) stop();
    },
    settled: async () => {
      // A batch collected now is flushed on a later turn: wait for it as well.
      while (pending) await new Promise<void>((resolve) => setImmediate(resolve));
      let flushed: Promise<void>;
      do {
        flushed = previousFlush;
        await flushed;
      } while (flushed !== previousFlush || pending);
    },
  };
}
