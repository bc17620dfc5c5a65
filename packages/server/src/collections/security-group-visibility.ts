import { type Ml2Plugin } from '@ml2ts/core';
import { SecurityGroupNotFound } from '@ml2ts/driver-api';
import { type RequestContext } from '../http/request-context';
import { couldBeId, visibleTo } from './visibility';

/**
 * For a non-admin caller, refuses the security groups of `groupIds` it may not see (those of
 * other projects) with one 404 `SecurityGroupNotFound` naming them all, as if they did not
 * exist; unknown ids are the engine's to refuse. Admins may name any group. Values that are not
 * ids are left to the engine's request checks (400). Reads each group: one engine call each.
 */
export async function refuseUnseenSecurityGroups(
  plugin: Ml2Plugin,
  groupIds: unknown,
  context: RequestContext,
): Promise<void> {
  if (context.isAdmin || !Array.isArray(groupIds)) return;
  const unseen: string[] = [];
  for (const id of groupIds) {
    if (typeof id !== 'string' || id === '' || !couldBeId(id)) continue;
    const owner = await ownerOf(plugin, id);
    if (owner !== null && !visibleTo(context, owner)) unseen.push(id);
  }
  if (unseen.length > 0) throw new SecurityGroupNotFound(unseen.join(', '));
}

/** The project of a security group, or null when there is no such group. */
export async function ownerOf(plugin: Ml2Plugin, groupId: string): Promise<string | null> {
  try {
    return (await plugin.getSecurityGroup(groupId)).project_id;
  } catch (error) {
    if (error instanceof SecurityGroupNotFound) return null;
    throw error;
  }
}
