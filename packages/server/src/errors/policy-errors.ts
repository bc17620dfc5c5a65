import { NeutronApiError } from './neutron-api-error';

/** 403 `PolicyNotAuthorized`: the caller's context may not do this (Neutron's policy rules). */
export function policyNotAuthorized(rule: string): NeutronApiError {
  return new NeutronApiError(403, 'PolicyNotAuthorized', `(rule:${rule}) is disallowed by policy.`);
}

/** 400: only admins may create resources in another project than their own. */
export function foreignProjectRefused(): NeutronApiError {
  return new NeutronApiError(
    400,
    'HTTPBadRequest',
    "Specifying 'project_id' or 'tenant_id' other than the authenticated project in request " +
      'requires admin privileges',
  );
}

/** 400: an attribute's value cannot be converted to what the API expects. */
export function invalidAttributeValue(name: string, reason: string): NeutronApiError {
  return new NeutronApiError(
    400,
    'HTTPBadRequest',
    `Invalid input for ${name}. Reason: ${reason}.`,
  );
}
