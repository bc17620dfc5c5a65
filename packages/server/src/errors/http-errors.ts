import { NeutronApiError } from './neutron-api-error';

/** The largest request body ml2ts takes by default, in bytes (112 KiB, as Neutron). */
export const DEFAULT_MAX_BODY_BYTES = 114688;

/** The message of every 500 whose cause is not an `Ml2Error`: it says nothing of the cause. */
export const INTERNAL_SERVER_ERROR_MESSAGE =
  'Request Failed: internal server error while processing your request.';

/**
 * The error name and default message of each HTTP error status ml2ts answers, as Neutron names
 * them (its web framework's exception names, `HTTPNotFound` and so on).
 */
export const HTTP_ERROR_TYPES: Readonly<Record<number, { type: string; message: string }>> = {
  400: {
    type: 'HTTPBadRequest',
    message:
      'The server could not comply with the request since it is either malformed or ' +
      'otherwise incorrect.',
  },
  401: {
    type: 'HTTPUnauthorized',
    message:
      'This server could not verify that you are authorized to access the document you ' +
      'requested.',
  },
  403: { type: 'HTTPForbidden', message: 'Access was denied to this resource.' },
  404: { type: 'HTTPNotFound', message: 'The resource could not be found.' },
  405: { type: 'HTTPMethodNotAllowed', message: 'The method is not allowed for this resource.' },
  406: {
    type: 'HTTPNotAcceptable',
    message: 'The resource could not be generated that was acceptable to your browser.',
  },
  409: {
    type: 'HTTPConflict',
    message: 'There was a conflict when trying to complete your request.',
  },
  411: { type: 'HTTPLengthRequired', message: 'Content-Length header required.' },
  412: { type: 'HTTPPreconditionFailed', message: 'Condition failed' },
  413: {
    type: 'HTTPRequestEntityTooLarge',
    message: 'The body of your request was too large for this server.',
  },
  414: { type: 'HTTPRequestURITooLong', message: 'The request URI was too long for this server.' },
  415: {
    type: 'HTTPUnsupportedMediaType',
    message: 'The request media type is not supported by this server.',
  },
  500: { type: 'HTTPInternalServerError', message: INTERNAL_SERVER_ERROR_MESSAGE },
  501: {
    type: 'HTTPNotImplemented',
    message: 'The request method is not implemented by this server.',
  },
  503: {
    type: 'HTTPServiceUnavailable',
    message: 'The server is currently unavailable. Please try again at a later time.',
  },
};

/**
 * The error for an HTTP status with its default type and message (`HTTPConflict`, ...); a
 * status without an entry in `HTTP_ERROR_TYPES` is answered as a 500.
 */
export function httpError(status: number, message?: string): NeutronApiError {
  const known = HTTP_ERROR_TYPES[status];
  if (known === undefined) return internalServerError();
  return new NeutronApiError(status, known.type, message ?? known.message);
}

/**
 * 404 `HTTPNotFound` for a path ml2ts does not serve (`/v2.0/routers`, `/v3`). ml2ts answers
 * it in JSON like every other error, where Neutron answers an HTML page.
 */
export function resourceNotFound(): NeutronApiError {
  return httpError(404);
}

/** 405 `HTTPMethodNotAllowed`: the path exists but not with `method` (`PUT /v2.0/networks`). */
export function methodNotAllowed(method: string): NeutronApiError {
  return httpError(405, `The method ${method} is not allowed for this resource.`);
}

/** 413 `HTTPRequestEntityTooLarge`: the body is larger than `maxBytes`. */
export function requestEntityTooLarge(maxBytes = DEFAULT_MAX_BODY_BYTES): NeutronApiError {
  return httpError(413, `Request is too large. Larger than max_request_body_size (${maxBytes}).`);
}

/**
 * 415 `HTTPUnsupportedMediaType`: the body's `Content-Type` is one ml2ts does not parse; the
 * message names it when given.
 */
export function unsupportedMediaType(contentType?: string): NeutronApiError {
  return contentType === undefined
    ? httpError(415)
    : httpError(415, `The request media type ${contentType} is not supported by this server.`);
}

/** 500 `HTTPInternalServerError` with the message that reveals nothing of the cause. */
export function internalServerError(): NeutronApiError {
  return new NeutronApiError(500, 'HTTPInternalServerError', INTERNAL_SERVER_ERROR_MESSAGE);
}
