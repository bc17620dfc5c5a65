import { type ErrorRecord } from './scenario-result';

/**
 * The result record of an operation's failure. An engine error (`Ml2Error`: it carries `type`
 * and `httpStatus`) keeps its type and status; anything else is what a REST layer answers for
 * an unexpected failure, 500, typed by the error's class name. `relabel` turns ids in the
 * message into labels. Pure.
 */
export function toErrorRecord(error: unknown, relabel: (text: string) => string): ErrorRecord {
  if (isMl2ErrorLike(error)) {
    return { http_status: error.httpStatus, type: error.type, message: relabel(error.message) };
  }
  if (error instanceof Error) {
    return { http_status: 500, type: error.name, message: relabel(error.message) };
  }
  return { http_status: 500, type: 'Error', message: relabel(String(error)) };
}

/** True for a 404 from the engine. */
export function isNotFound(error: unknown): boolean {
  return isMl2ErrorLike(error) && error.httpStatus === 404;
}

/**
 * Recognized by shape rather than by class: driver packages may load their own copy of
 * `@ml2ts/driver-api`, whose `Ml2Error` is another class.
 */
function isMl2ErrorLike(
  error: unknown,
): error is { type: string; httpStatus: number; message: string } {
  return (
    error instanceof Error &&
    typeof (error as { type?: unknown }).type === 'string' &&
    typeof (error as { httpStatus?: unknown }).httpStatus === 'number'
  );
}
