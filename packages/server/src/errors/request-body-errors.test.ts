import { Ml2Error } from '@ml2ts/driver-api';
import { NeutronApiError } from './neutron-api-error';
import {
  bodyContainsInvalidData,
  bulkNotSupported,
  readOnlyAttribute,
  resourceNotInBody,
  resourceObjectInvalid,
  resourcesRequired,
  unrecognizedAttributes,
} from './request-body-errors';

describe('the errors of request bodies', () => {
  it.each([
    [bodyContainsInvalidData(), 'Body contains invalid data'],
    [resourceNotInBody('network'), "Unable to find 'network' in request body"],
    [resourceObjectInvalid('port'), "Object 'port' contains invalid data"],
    [unrecognizedAttributes(['colour', 'size']), "Unrecognized attribute(s) 'colour, size'"],
    [readOnlyAttribute('status'), 'Cannot update read-only attribute status'],
    [bulkNotSupported(), 'Bulk operation not supported'],
    [resourcesRequired(), 'Resources required'],
  ])('%# is a 400 HTTPBadRequest with Neutron message', (error, message) => {
    expect(error).toBeInstanceOf(NeutronApiError);
    expect(error).toBeInstanceOf(Ml2Error);
    expect(error).toMatchObject({ httpStatus: 400, type: 'HTTPBadRequest', message, detail: '' });
  });
});
