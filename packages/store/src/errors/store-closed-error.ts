/**
 * Thrown (as a rejection) by `Store.transaction` and `Store.read` once `close()` has been
 * called: the database is closed or about to be, and no new unit of work may start.
 */
export class StoreClosedError extends Error {
  constructor(operation: string) {
    super(`Cannot run ${operation}: the store has been closed.`);
    this.name = 'StoreClosedError';
  }
}
