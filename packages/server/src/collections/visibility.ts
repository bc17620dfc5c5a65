import { type RequestContext } from '../http/request-context';
import { foreignProjectRefused } from '../errors';

/** Whether the caller may see a resource owned by `projectId` (admins see everything). */
export function visibleTo(context: RequestContext, projectId: unknown, shared = false): boolean {
  return context.isAdmin || shared || projectId === context.projectId;
}

/**
 * The create attributes with the owner filled in: the caller's project unless `project_id` or
 * `tenant_id` names one. Only admins may create in another project (a 400, as Neutron answers).
 */
export function ownedAttributes(
  context: RequestContext,
  attributes: Record<string, unknown>,
): Record<string, unknown> {
  const named = attributes.project_id ?? attributes.tenant_id;
  if (named === undefined) return { ...attributes, project_id: context.projectId };
  if (!context.isAdmin && named !== context.projectId) {
    throw foreignProjectRefused();
  }
  return attributes;
}

/** Ids longer than the id columns cannot name anything: the lookup is a 404, not a 400. */
export function couldBeId(id: string): boolean {
  return id.length <= 36;
}
