/**
 * Thrown (as a rejection) when `Store.transaction`, `Store.read` or `Store.close` is called from
 * inside a running unit of work of the same store. Units run one at a time, so the inner call
 * would wait forever for the outer one: the fix is to pass the outer unit's `EntityManager` on
 * to the code that needs the database.
 */
export class NestedUnitOfWorkError extends Error {
  constructor(operation: string) {
    super(
      `Cannot start ${operation} from inside a running store unit of work: units run one at a ` +
        `time, so it would wait for itself. Pass the EntityManager of the running unit on ` +
        `to the code that needs the database instead.`,
    );
    this.name = 'NestedUnitOfWorkError';
  }
}
