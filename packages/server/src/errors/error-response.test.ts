import { InternalServerError, Ml2Error, NetworkInUse, NetworkNotFound } from '@ml2ts/driver-api';
import { InvalidFilterAttributes } from '../query/list-query-error';
import { errorResponse } from './error-response';
import { NeutronApiError } from './neutron-api-error';

const GENERIC_500 = {
  status: 500,
  body: {
    NeutronError: {
      type: 'HTTPInternalServerError',
      message: 'Request Failed: internal server error while processing your request.',
      detail: '',
    },
  },
};

/** An error shaped like the web framework's own. */
function frameworkError(message: string, props: Record<string, unknown>): Error {
  return Object.assign(new Error(message), props);
}

describe('errorResponse', () => {
  it("answers the engine's errors with their status, type and message", () => {
    expect(errorResponse(new NetworkNotFound('vlan101'))).toEqual({
      status: 404,
      body: {
        NeutronError: {
          type: 'NetworkNotFound',
          message: 'Network vlan101 could not be found.',
          detail: '',
        },
      },
    });
    expect(errorResponse(new NetworkInUse('n')).status).toBe(409);
  });

  it('passes an engine 500 through with its own (deliberate) message', () => {
    const error = new InternalServerError('create_port', new TypeError('x'));
    expect(errorResponse(error)).toMatchObject({
      status: 500,
      body: { NeutronError: { type: 'HTTPInternalServerError', message: error.message } },
    });
  });

  it('answers API-layer errors with their detail', () => {
    expect(errorResponse(new NeutronApiError(400, 'HTTPBadRequest', 'm', 'd'))).toEqual({
      status: 400,
      body: { NeutronError: { type: 'HTTPBadRequest', message: 'm', detail: 'd' } },
    });
  });

  it('answers the query errors as 400s', () => {
    expect(errorResponse(new InvalidFilterAttributes(['no_such_filter']))).toEqual({
      status: 400,
      body: {
        NeutronError: {
          type: 'HTTPBadRequest',
          message: "['no_such_filter'] is invalid attribute for filtering",
          detail: '',
        },
      },
    });
  });

  it('answers any error carrying httpStatus, type and message the same way', () => {
    const other = Object.assign(new Error('(rule:x) is disallowed by policy.'), {
      httpStatus: 403,
      type: 'PolicyNotAuthorized',
      detail: '',
    });
    expect(errorResponse(other)).toEqual({
      status: 403,
      body: {
        NeutronError: {
          type: 'PolicyNotAuthorized',
          message: '(rule:x) is disallowed by policy.',
          detail: '',
        },
      },
    });
  });

  it('answers a status outside 400-599 as a generic 500', () => {
    expect(errorResponse(new Ml2Error('Odd', 302, 'moved'))).toEqual(GENERIC_500);
    expect(errorResponse(new Ml2Error('Odd', 600.5, 'x'))).toEqual(GENERIC_500);
  });

  it("maps the framework's body errors to Neutron's answers", () => {
    const invalid = frameworkError('Body is not valid JSON', {
      code: 'FST_ERR_CTP_INVALID_JSON_BODY',
      statusCode: 400,
    });
    expect(errorResponse(invalid)).toEqual({
      status: 400,
      body: {
        NeutronError: {
          type: 'HTTPBadRequest',
          message: 'Body contains invalid data',
          detail: '',
        },
      },
    });
    const empty = frameworkError('Body cannot be empty', {
      code: 'FST_ERR_CTP_EMPTY_JSON_BODY',
      statusCode: 400,
    });
    expect(errorResponse(empty, { resource: 'network' }).body.NeutronError.message).toBe(
      "Unable to find 'network' in request body",
    );
    expect(errorResponse(empty).body.NeutronError.message).toBe('Body contains invalid data');
    const syntax = Object.assign(new SyntaxError('Unexpected token'), { statusCode: 400 });
    expect(errorResponse(syntax).body.NeutronError.message).toBe('Body contains invalid data');
  });

  it('answers a too-large body 413 with the limit in force', () => {
    const tooLarge = frameworkError('Request body is too large', {
      code: 'FST_ERR_CTP_BODY_TOO_LARGE',
      statusCode: 413,
    });
    expect(errorResponse(tooLarge)).toMatchObject({
      status: 413,
      body: {
        NeutronError: {
          type: 'HTTPRequestEntityTooLarge',
          message: 'Request is too large. Larger than max_request_body_size (114688).',
        },
      },
    });
    expect(
      errorResponse(frameworkError('big', { statusCode: 413 }), { maxBodyBytes: 1024 }).body
        .NeutronError.message,
    ).toContain('(1024)');
  });

  it('answers an unparsed content type 415', () => {
    const unsupported = frameworkError('Unsupported Media Type', {
      code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE',
      statusCode: 415,
    });
    expect(errorResponse(unsupported, { contentType: 'text/csv' })).toMatchObject({
      status: 415,
      body: {
        NeutronError: {
          type: 'HTTPUnsupportedMediaType',
          message: 'The request media type text/csv is not supported by this server.',
        },
      },
    });
  });

  it('answers a schema refusal 400 with its message', () => {
    const validation = frameworkError("body must have required property 'network'", {
      code: 'FST_ERR_VALIDATION',
      statusCode: 400,
      validation: [{}],
    });
    expect(errorResponse(validation).body.NeutronError).toEqual({
      type: 'HTTPBadRequest',
      message: "body must have required property 'network'",
      detail: '',
    });
  });

  it('answers other framework 4xx under their status name and usual message', () => {
    expect(errorResponse(frameworkError('Route not found', { statusCode: 404 }))).toMatchObject({
      status: 404,
      body: { NeutronError: { type: 'HTTPNotFound', message: 'The resource could not be found.' } },
    });
    expect(errorResponse(frameworkError('x', { statusCode: 405 })).status).toBe(405);
    expect(errorResponse(frameworkError('x', { statusCode: 418 })).status).toBe(500);
  });

  it('never reveals the cause of anything else', () => {
    const secret = new Error('password=hunter2 at /srv/db.sqlite');
    expect(errorResponse(secret)).toEqual(GENERIC_500);
    expect(errorResponse(frameworkError('db down', { statusCode: 503 }))).toEqual(GENERIC_500);
    expect(JSON.stringify(errorResponse(secret))).not.toContain('hunter2');
  });

  it.each([undefined, null, 'boom', 42, Symbol('s'), {}, []])(
    'answers a thrown %p as a generic 500 without throwing',
    (thrown) => {
      expect(errorResponse(thrown)).toEqual(GENERIC_500);
    },
  );
});
