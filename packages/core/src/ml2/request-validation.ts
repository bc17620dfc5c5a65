import { InvalidInput } from '@ml2ts/driver-api';

/** Throws `InvalidInput` unless `value` is undefined or a string of at most `maxLength`. */
export function optionalString(value: unknown, attribute: string, maxLength = 255): void {
  if (value === undefined) return;
  if (typeof value !== 'string') {
    throw new InvalidInput(`'${String(value)}' is not a valid string for ${attribute}`);
  }
  if (value.length > maxLength) {
    throw new InvalidInput(
      `'${value.slice(0, 40)}...' exceeds maximum length of ${maxLength} for ${attribute}`,
    );
  }
}

/** Throws `InvalidInput` unless `value` is undefined or a boolean. */
export function optionalBoolean(value: unknown, attribute: string): void {
  if (value !== undefined && typeof value !== 'boolean') {
    throw new InvalidInput(`'${String(value)}' is not a valid boolean value for ${attribute}`);
  }
}

/** Throws `InvalidInput` unless `value` is undefined, null or an integer. */
export function optionalInteger(value: unknown, attribute: string): void {
  if (value === undefined || value === null) return;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new InvalidInput(`'${String(value)}' is not an integer for ${attribute}`);
  }
}

/** Throws `InvalidInput` when the request is not a plain object. */
export function requireObject(value: unknown, what: string): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidInput(`${what} must be a JSON object`);
  }
}
