import { InternalServerError, type Logger, Ml2Error, silentLogger } from '@ml2ts/driver-api';
import { type Rule } from '../validation/rule';

/**
 * The member through which a class whose methods are `@publicOperation`s gives the guard its
 * logger (the engine's logger).
 */
export const OPERATION_LOGGER: unique symbol = Symbol('ml2ts.operationLogger');

/** A class whose methods may be `@publicOperation`s. */
export interface OperationHost {
  /** Receives every unexpected error, with its cause, before it is answered with a 500. */
  readonly [OPERATION_LOGGER]: Logger;
}

/** One parameter of an operation: where messages place it, and what it must be. */
export interface OperationParameter {
  /**
   * The parameter's path in messages: `''` for a request body (its attributes are then named
   * plainly, `project_id`), a name such as `port_id` for an id.
   */
  readonly path: string;
  readonly rule: Rule<unknown>;
}

/** A parameter of an operation, for `@publicOperation`. */
export function parameter(path: string, rule: Rule<unknown>): OperationParameter {
  return { path, rule };
}

/** Marks guarded methods with their operation name. */
const OPERATION_NAME = Symbol('ml2ts.operationName');

type AsyncMethod = (...args: never[]) => Promise<unknown>;

/**
 * Makes an async method a public operation of the engine. Every call then:
 *
 * 1. checks each argument against its parameter's rule before the body runs, so before any
 *    database work, and passes the checked copies on (an invalid argument is a 400
 *    `InvalidAttribute` and nothing runs);
 * 2. lets every `Ml2Error` the body throws through unchanged;
 * 3. turns anything else it throws (a `TypeError`, a database driver's error) into an
 *    `InternalServerError` (500) naming `operation`, after logging the cause with the host's
 *    logger. A transaction open in the body has been rolled back by then: the error left
 *    `store.transaction` before the guard sees it.
 *
 * Arguments beyond the declared parameters are passed on unchecked. The guard adds no waiting
 * of its own; the operation blocks as its body does.
 */
export function publicOperation(operation: string, ...parameters: OperationParameter[]) {
  return function guard<M extends AsyncMethod>(
    _target: OperationHost,
    key: string,
    descriptor: TypedPropertyDescriptor<M>,
  ): TypedPropertyDescriptor<M> {
    const body = descriptor.value as unknown as (...args: unknown[]) => Promise<unknown>;
    const guarded = async function (this: OperationHost | undefined, ...args: unknown[]) {
      try {
        const checked = [...args];
        parameters.forEach(({ path, rule }, index) => {
          checked[index] = rule.check(args[index], path);
        });
        return await body.apply(this, checked);
      } catch (error) {
        throw typedError(error, operation, this?.[OPERATION_LOGGER] ?? silentLogger);
      }
    };
    Object.defineProperty(guarded, 'name', { value: key });
    Object.defineProperty(guarded, OPERATION_NAME, { value: operation });
    return { ...descriptor, value: guarded as unknown as M };
  };
}

/**
 * The operation name a method was declared with by `@publicOperation`, or undefined when it is
 * not a guarded operation. For tests that check every public method is guarded.
 */
export function operationNameOf(method: unknown): string | undefined {
  if (typeof method !== 'function') return undefined;
  return (method as unknown as Record<symbol, string | undefined>)[OPERATION_NAME];
}

/**
 * `error` if it is an `Ml2Error`; otherwise an `InternalServerError` for `operation`, the cause
 * logged first.
 */
export function typedError(error: unknown, operation: string, logger: Logger): Ml2Error {
  if (error instanceof Ml2Error) return error;
  logger.error(`Unexpected error in ${operation}; answered with a 500`, {
    operation,
    error: error instanceof Error ? error.message : String(error),
    errorType: error instanceof Error ? error.name : typeof error,
    stack: error instanceof Error ? error.stack : undefined,
  });
  return new InternalServerError(operation, error);
}
