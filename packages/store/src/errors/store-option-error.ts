/**
 * Thrown synchronously by `createDataSource` and `openStore` (as a rejection) when an option has
 * a value the store cannot use. Names the option, the value given and what is allowed.
 */
export class StoreOptionError extends Error {
  /** The option's name, e.g. `busyTimeoutMs`. */
  readonly option: string;
  /** The value that was given. */
  readonly value: unknown;
  /** What the option accepts, in words. */
  readonly allowed: string;

  constructor(option: string, value: unknown, allowed: string) {
    super(`Invalid store option ${option}=${describe(value)}: allowed ${allowed}.`);
    this.name = 'StoreOptionError';
    this.option = option;
    this.value = value;
    this.allowed = allowed;
  }
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
