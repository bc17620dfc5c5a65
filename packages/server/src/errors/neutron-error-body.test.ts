import { neutronErrorBody } from './neutron-error-body';

describe('neutronErrorBody', () => {
  it('wraps type, message and an empty detail under NeutronError', () => {
    expect(neutronErrorBody('PortNotFound', 'Port x could not be found.')).toEqual({
      NeutronError: { type: 'PortNotFound', message: 'Port x could not be found.', detail: '' },
    });
  });

  it('carries a detail when given', () => {
    expect(neutronErrorBody('HTTPBadRequest', 'm', 'more').NeutronError.detail).toBe('more');
  });

  it('serialises to the JSON Neutron clients parse', () => {
    expect(JSON.stringify(neutronErrorBody('T', 'M'))).toBe(
      '{"NeutronError":{"type":"T","message":"M","detail":""}}',
    );
  });
});
