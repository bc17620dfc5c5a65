import {
  bodyContainsInvalidData,
  resourceNotInBody,
  resourceObjectInvalid,
  resourcesRequired,
} from '../errors';

/** A create request: one resource, or several for a bulk create (`{"ports": [...]}`). */
export type CreateBody =
  | { readonly bulk: false; readonly item: Record<string, unknown> }
  | { readonly bulk: true; readonly items: Array<Record<string, unknown>> };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The resource of a create or update body, `{"<singular>": {...}}`. A body that is not an
 * object, lacks the key or carries something other than an object under it is a 400, as
 * Neutron's API layer answers.
 */
export function singleResourceBody(body: unknown, singular: string): Record<string, unknown> {
  if (body === undefined) throw resourceNotInBody(singular);
  if (!isObject(body)) throw bodyContainsInvalidData();
  const item = body[singular];
  if (item === undefined) throw resourceNotInBody(singular);
  if (!isObject(item)) throw resourceObjectInvalid(singular);
  return item;
}

/**
 * The resources of a create body: `{"<singular>": {...}}`, or, where bulk create is allowed,
 * `{"<plural>": [{...}, ...]}` with at least one entry, each an object.
 */
export function createBody(body: unknown, singular: string, plural: string): CreateBody {
  if (isObject(body) && body[plural] !== undefined && body[singular] === undefined) {
    const items = body[plural];
    if (!Array.isArray(items) || items.length === 0) throw resourcesRequired();
    if (!items.every(isObject)) throw resourceObjectInvalid(singular);
    return { bulk: true, items };
  }
  return { bulk: false, item: singleResourceBody(body, singular) };
}
