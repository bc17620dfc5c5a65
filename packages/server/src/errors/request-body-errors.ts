import { NeutronApiError } from './neutron-api-error';

/*
 * The 400 `HTTPBadRequest` answers to request bodies ml2ts cannot take, with Neutron's
 * messages, so clients that match on them keep working.
 */

/** The body is not JSON, or its JSON is not an object (`[]`, `"text"`, `42`). */
export function bodyContainsInvalidData(): NeutronApiError {
  return new NeutronApiError(400, 'HTTPBadRequest', 'Body contains invalid data');
}

/**
 * The body lacks the resource's key (`{"net": {...}}` or `{}` sent to `/v2.0/networks`), or a
 * create or update came without a body. `resource` is the singular key, e.g. `network`.
 */
export function resourceNotInBody(resource: string): NeutronApiError {
  return new NeutronApiError(400, 'HTTPBadRequest', `Unable to find '${resource}' in request body`);
}

/** The resource's key holds something other than an object (`{"network": 3}`). */
export function resourceObjectInvalid(resource: string): NeutronApiError {
  return new NeutronApiError(400, 'HTTPBadRequest', `Object '${resource}' contains invalid data`);
}

/** The resource object names attributes the collection does not have; `keys` in body order. */
export function unrecognizedAttributes(keys: readonly string[]): NeutronApiError {
  return new NeutronApiError(
    400,
    'HTTPBadRequest',
    `Unrecognized attribute(s) '${keys.join(', ')}'`,
  );
}

/** An update names an attribute that only the server sets (`status`, `id`, ...). */
export function readOnlyAttribute(attribute: string): NeutronApiError {
  return new NeutronApiError(
    400,
    'HTTPBadRequest',
    `Cannot update read-only attribute ${attribute}`,
  );
}

/** An update carries the collection key (`{"networks": [...]}`): only creates come in bulk. */
export function bulkNotSupported(): NeutronApiError {
  return new NeutronApiError(400, 'HTTPBadRequest', 'Bulk operation not supported');
}

/** A bulk create's list is empty (`{"networks": []}`). */
export function resourcesRequired(): NeutronApiError {
  return new NeutronApiError(400, 'HTTPBadRequest', 'Resources required');
}
