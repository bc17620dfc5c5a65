import {
  InternalServerError,
  InvalidAttribute,
  InvalidInput,
  Ml2Error,
  UnrecognizedAttribute,
} from './index';

describe('the errors of request validation and of unexpected failures', () => {
  it('InvalidAttribute is a 400 InvalidInput naming the attribute', () => {
    const error = new InvalidAttribute('project_id', 'project_id must be a string, not 42');
    expect(error).toBeInstanceOf(InvalidInput);
    expect(error).toMatchObject({ type: 'InvalidInput', httpStatus: 400, attribute: 'project_id' });
    expect(error.message).toBe('Invalid input for operation: project_id must be a string, not 42.');
  });

  it('UnrecognizedAttribute names every unknown key, where it is, and the accepted keys', () => {
    const top = new UnrecognizedAttribute('', 'the port', ['colour', 'size'], ['name']);
    expect(top).toBeInstanceOf(InvalidAttribute);
    expect(top).toMatchObject({
      httpStatus: 400,
      attribute: 'colour',
      unknown: ['colour', 'size'],
    });
    expect(top.message).toBe(
      "Invalid input for operation: Unrecognized attribute(s) 'colour', 'size' in the port; " +
        'accepted: name.',
    );
    const nested = new UnrecognizedAttribute('fixed_ips[0]', 'the fixed IP', ['ip'], []);
    expect(nested.attribute).toBe('fixed_ips[0].ip');
    expect(nested.message).toContain('in fixed_ips[0]; accepted: none');
  });

  it('InternalServerError is a 500 naming the operation, with the cause kept', () => {
    const cause = new TypeError("Cannot read properties of undefined (reading 'map')");
    const error = new InternalServerError('create_network', cause);
    expect(error).toBeInstanceOf(Ml2Error);
    expect(error).toMatchObject({
      type: 'HTTPInternalServerError',
      httpStatus: 500,
      operation: 'create_network',
    });
    expect(error.cause).toBe(cause);
    expect(error.message).toContain('create_network');
    expect(error.message).toContain('TypeError');
    expect(error.message).not.toContain("reading 'map'");
    expect(error.toJSON()).toEqual({
      type: 'HTTPInternalServerError',
      http_status: 500,
      message: error.message,
    });
  });
});
