import {
  DEFAULT_MAX_BODY_BYTES,
  HTTP_ERROR_TYPES,
  httpError,
  INTERNAL_SERVER_ERROR_MESSAGE,
  internalServerError,
  methodNotAllowed,
  requestEntityTooLarge,
  resourceNotFound,
  unsupportedMediaType,
} from './http-errors';

describe('the HTTP-level errors', () => {
  it('404 for an unknown path is HTTPNotFound with the usual sentence', () => {
    expect(resourceNotFound()).toMatchObject({
      httpStatus: 404,
      type: 'HTTPNotFound',
      message: 'The resource could not be found.',
    });
  });

  it('405 names the method', () => {
    expect(methodNotAllowed('PUT')).toMatchObject({
      httpStatus: 405,
      type: 'HTTPMethodNotAllowed',
      message: 'The method PUT is not allowed for this resource.',
    });
  });

  it('413 names the limit, 112 KiB by default', () => {
    expect(DEFAULT_MAX_BODY_BYTES).toBe(114688);
    expect(requestEntityTooLarge()).toMatchObject({
      httpStatus: 413,
      type: 'HTTPRequestEntityTooLarge',
      message: 'Request is too large. Larger than max_request_body_size (114688).',
    });
    expect(requestEntityTooLarge(10).message).toContain('(10)');
  });

  it('415 names the content type when known', () => {
    expect(unsupportedMediaType('text/csv').message).toBe(
      'The request media type text/csv is not supported by this server.',
    );
    expect(unsupportedMediaType()).toMatchObject({
      httpStatus: 415,
      type: 'HTTPUnsupportedMediaType',
      message: HTTP_ERROR_TYPES[415].message,
    });
  });

  it('500 says nothing of its cause', () => {
    expect(internalServerError()).toMatchObject({
      httpStatus: 500,
      type: 'HTTPInternalServerError',
      message: 'Request Failed: internal server error while processing your request.',
    });
    expect(INTERNAL_SERVER_ERROR_MESSAGE).toBe(internalServerError().message);
  });

  it('httpError takes any listed status, and answers an unlisted one as a 500', () => {
    expect(httpError(409)).toMatchObject({ httpStatus: 409, type: 'HTTPConflict' });
    expect(httpError(403, 'no')).toMatchObject({ type: 'HTTPForbidden', message: 'no' });
    expect(httpError(418)).toMatchObject({ httpStatus: 500, type: 'HTTPInternalServerError' });
  });

  it('every listed status is an error status with a webob-style type name', () => {
    for (const [status, { type, message }] of Object.entries(HTTP_ERROR_TYPES)) {
      expect(Number(status)).toBeGreaterThanOrEqual(400);
      expect(type).toMatch(/^HTTP[A-Z][A-Za-z]+$/);
      expect(message).not.toBe('');
    }
  });
});
