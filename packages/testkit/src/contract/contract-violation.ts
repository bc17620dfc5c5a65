/**
 * Thrown by a contract check when the driver breaks the contract. The message says what was
 * expected, in which situation, and what the driver did instead.
 */
export class ContractViolation extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ContractViolation';
  }
}

/** Throws a `ContractViolation` with `message` unless `condition` holds. */
export function ensure(condition: boolean, message: string | (() => string)): asserts condition {
  if (!condition) throw new ContractViolation(typeof message === 'string' ? message : message());
}
