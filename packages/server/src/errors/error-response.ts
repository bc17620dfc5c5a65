import { Ml2Error } from '@ml2ts/driver-api';
import {
  DEFAULT_MAX_BODY_BYTES,
  httpError,
  internalServerError,
  requestEntityTooLarge,
  unsupportedMediaType,
} from './http-errors';
import { neutronErrorBody, type NeutronErrorBody } from './neutron-error-body';
import { bodyContainsInvalidData, resourceNotInBody } from './request-body-errors';

/** What an error is answered with: an HTTP status and Neutron's error body. */
export interface ErrorResponse {
  readonly status: number;
  readonly body: NeutronErrorBody;
}

/** What `errorResponse` may know about the request that failed. */
export interface ErrorResponseOptions {
  /** The singular resource key of a create or update (`network`), for an empty body's message. */
  readonly resource?: string;
  /** The body limit in force, for the 413 message; `DEFAULT_MAX_BODY_BYTES` when absent. */
  readonly maxBodyBytes?: number;
  /** The request's `Content-Type`, for the 415 message. */
  readonly contentType?: string;
}

/** An error status ml2ts answers as given: 400 to 599. */
function isErrorStatus(status: unknown): status is number {
  return typeof status === 'number' && Number.isInteger(status) && status >= 400 && status <= 599;
}

function fromTyped(status: number, type: string, message: string, detail: unknown): ErrorResponse {
  if (!isErrorStatus(status)) return genericInternalError();
  return {
    status,
    body: neutronErrorBody(type, message, typeof detail === 'string' ? detail : ''),
  };
}

/** The 500 that says nothing of its cause. */
function genericInternalError(): ErrorResponse {
  const error = internalServerError();
  return { status: 500, body: neutronErrorBody(error.type, error.message) };
}

function fromApiError(error: Ml2Error): ErrorResponse {
  const detail = (error as { detail?: unknown }).detail;
  return fromTyped(error.httpStatus, error.type, error.message, detail);
}

/**
 * The error a web framework raises before a handler runs, recognised by its `code` (fastify's
 * body parser codes) or its `statusCode`; undefined when `error` carries neither.
 */
function fromFrameworkError(error: object, options: ErrorResponseOptions): Ml2Error | undefined {
  const { code, statusCode, validation } = error as {
    code?: unknown;
    statusCode?: unknown;
    validation?: unknown;
  };
  switch (code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return bodyContainsInvalidData();
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return options.resource !== undefined
        ? resourceNotInBody(options.resource)
        : bodyContainsInvalidData();
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return requestEntityTooLarge(options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return unsupportedMediaType(options.contentType);
  }
  if (!isErrorStatus(statusCode) || statusCode >= 500) return undefined;
  if (statusCode === 415) return unsupportedMediaType(options.contentType);
  if (statusCode === 413) {
    return requestEntityTooLarge(options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
  }
  if (statusCode === 400 && error instanceof SyntaxError) return bodyContainsInvalidData();
  if (statusCode === 400 && validation !== undefined && error instanceof Error) {
    // A request schema refused the request: its message names the offending part.
    return httpError(400, error.message);
  }
  return httpError(statusCode);
}

/**
 * The status and `{"NeutronError": ...}` body that answer `error`:
 *
 * - an `Ml2Error` (the engine's errors, `NeutronApiError`s, the query module's errors): its
 *   `httpStatus`, `type`, `message` and `detail` (empty when it has none);
 * - another error carrying a numeric `httpStatus` and a string `type` and `message`: the same;
 * - a body-parser or routing error of the web framework: a malformed JSON body is 400
 *   `HTTPBadRequest` "Body contains invalid data", an empty one "Unable to find '<resource>' in
 *   request body" (when `options.resource` is known), a body over the limit 413
 *   `HTTPRequestEntityTooLarge`, an unparsed content type 415, a schema refusal 400
 *   `HTTPBadRequest` with the schema's message, another 4xx that status's `HTTP_ERROR_TYPES`
 *   entry;
 * - anything else, and any status outside 400-599: 500 `HTTPInternalServerError` with a message
 *   that says nothing of the cause (log the error itself).
 *
 * Never throws.
 */
export function errorResponse(error: unknown, options: ErrorResponseOptions = {}): ErrorResponse {
  if (error instanceof Ml2Error) return fromApiError(error);
  if (typeof error !== 'object' || error === null) return genericInternalError();
  const typed = error as {
    httpStatus?: unknown;
    type?: unknown;
    message?: unknown;
    detail?: unknown;
  };
  if (
    typeof typed.httpStatus === 'number' &&
    typeof typed.type === 'string' &&
    typeof typed.message === 'string'
  ) {
    return fromTyped(typed.httpStatus, typed.type, typed.message, typed.detail);
  }
  const framework = fromFrameworkError(error, options);
  return framework === undefined ? genericInternalError() : fromApiError(framework);
}
