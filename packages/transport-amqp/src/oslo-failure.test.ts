import { RemoteCallError, UnsupportedVersion } from '@ml2ts/agent-rpc';
import { InvalidInput, Ml2Error } from '@ml2ts/driver-api';
import { NoSuchMethod } from './no-such-method';
import {
  decodeFailure,
  encodeFailure,
  failureOf,
  ML2TS_FAILURE_MODULE,
  OSLO_DISPATCHER_MODULE,
} from './oslo-failure';
import { isOsloVersionCompatible } from './oslo-version';

describe('oslo failures', () => {
  it('encodes an ml2ts error with its type as the class and its status in kwargs', () => {
    const failure = JSON.parse(encodeFailure(new InvalidInput('tunnel_ip is not an IP'))) as Record<
      string,
      unknown
    >;
    expect(Object.keys(failure).sort()).toEqual([
      'args',
      'class',
      'kwargs',
      'message',
      'module',
      'tb',
    ]);
    expect(failure).toMatchObject({
      class: 'InvalidInput',
      module: ML2TS_FAILURE_MODULE,
      message: 'Invalid input for operation: tunnel_ip is not an IP.',
      args: ['Invalid input for operation: tunnel_ip is not an IP.'],
      kwargs: { http_status: 400 },
    });
    expect(Array.isArray(failure.tb)).toBe(true);
  });

  it("encodes UnsupportedVersion and NoSuchMethod as the dispatcher's own failures", () => {
    expect(failureOf(new UnsupportedVersion('report_state', '2.0', '1.2'))).toMatchObject({
      class: 'UnsupportedVersion',
      module: OSLO_DISPATCHER_MODULE,
      kwargs: {},
    });
    const noSuchMethod = failureOf(new NoSuchMethod('frobnicate'));
    expect(noSuchMethod).toMatchObject({ class: 'NoSuchMethod', module: OSLO_DISPATCHER_MODULE });
    expect(noSuchMethod.args).toEqual([noSuchMethod.message]);
    expect(noSuchMethod.message).toMatch(/frobnicate/);
  });

  it('encodes anything else as a RemoteError with status 500', () => {
    expect(failureOf(new TypeError('database is locked'))).toMatchObject({
      class: 'RemoteError',
      message: 'database is locked',
      kwargs: { http_status: 500 },
    });
    expect(failureOf('a string')).toMatchObject({ class: 'RemoteError', message: 'a string' });
  });

  it('decodes an ml2ts failure into a RemoteCallError keeping type, status and message', () => {
    const error = decodeFailure(
      'get_network_details',
      encodeFailure(new Ml2Error('NetworkNotFound', 404, 'Network n1 could not be found.')),
    );
    expect(error).toBeInstanceOf(RemoteCallError);
    expect(error).toMatchObject({
      type: 'NetworkNotFound',
      httpStatus: 404,
      message: 'Network n1 could not be found.',
      method: 'get_network_details',
    });
  });

  it("decodes a Python server's failures, with the usual status of their class", () => {
    const python = (cls: string, module: string) =>
      JSON.stringify({
        class: cls,
        module,
        message: 'm',
        tb: ['Traceback...'],
        args: ['m'],
        kwargs: {},
      });
    expect(decodeFailure('x', python('UnsupportedVersion', OSLO_DISPATCHER_MODULE))).toMatchObject({
      type: 'UnsupportedVersion',
      httpStatus: 400,
    });
    expect(decodeFailure('x', python('NoSuchMethod', OSLO_DISPATCHER_MODULE)).httpStatus).toBe(400);
    expect(
      decodeFailure('x', python('PortNotFound_Remote', 'neutron_lib.exceptions_Remote')),
    ).toMatchObject({
      type: 'PortNotFound',
      httpStatus: 404,
    });
    expect(decodeFailure('x', python('KeyError', 'builtins'))).toMatchObject({
      type: 'KeyError',
      httpStatus: 500,
    });
  });

  it('decodes a failure that is not JSON as a RemoteError', () => {
    expect(decodeFailure('x', 'boom')).toMatchObject({
      type: 'RemoteError',
      httpStatus: 500,
      message: 'boom',
    });
  });
});

describe('isOsloVersionCompatible', () => {
  it.each([
    ['1.9', '1.9', true],
    ['1.9', '1.4', true],
    ['1.9', '1.0', true],
    ['1.9', '1.10', false],
    ['1.9', '2.0', false],
    ['1.2', '1.2.0', true],
    ['1.2.1', '1.2.1', true],
    ['1.2', '1.2.1', false],
    ['1.3', '1.2.5', true],
    ['1.9', 'one', false],
  ])('endpoint %s serves %s: %s', (endpoint, requested, served) => {
    expect(isOsloVersionCompatible(endpoint, requested)).toBe(served);
  });
});
