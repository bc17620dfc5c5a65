import { AttributeLimits, PortNotFound, type PortResource } from '@ml2ts/driver-api';
import { type ApiDependencies } from '../api-dependencies';
import { portDescription } from '../query';
import { policyNotAuthorized } from '../errors';
import { type RequestContext } from '../http/request-context';
import { BINDING_ATTRIBUTES, type PortBody, presentPort } from '../presenters/present-port';
import { type ResourceCollection } from '../routes/resource-routes';
import { refuseUnseenSecurityGroups } from './security-group-visibility';
import { couldBeId, ownedAttributes, visibleTo } from './visibility';

/** The port as the caller may see it: without `binding:*` unless an admin asks. */
function forCaller(body: PortBody, context: RequestContext): PortBody {
  if (context.isAdmin) return body;
  const visible: PortBody = { ...body };
  for (const attribute of BINDING_ATTRIBUTES) delete visible[attribute];
  return visible;
}

/** Only admins may set `binding:*` (Neutron's default policy); a 403 naming the rule. */
function refuseBindingAttributes(
  action: 'create_port' | 'update_port',
  attributes: Record<string, unknown>,
  context: RequestContext,
): void {
  if (context.isAdmin) return;
  const attribute = BINDING_ATTRIBUTES.find((name) => attributes[name] !== undefined);
  if (attribute) throw policyNotAuthorized(`${action}:${attribute}`);
}

/** The list filters the engine reads ports by, with the longest value it takes for each. */
const NARROWING_ATTRIBUTES = [
  ['network_id', AttributeLimits.ID_MAX_LENGTH],
  ['device_id', AttributeLimits.DEVICE_ID_MAX_LENGTH],
  ['binding:host_id', AttributeLimits.HOST_MAX_LENGTH],
] as const;

/** `/v2.0/ports`: the engine's ports with their bindings. */
export function portsCollection({
  plugin,
  clock,
}: ApiDependencies): ResourceCollection & { plural: 'ports' } {
  const present = (port: PortResource) => presentPort(port, clock.now());
  const find = async (id: string, context: RequestContext) => {
    if (!couldBeId(id)) throw new PortNotFound(id);
    const body = present(await plugin.getPort(id));
    if (!visibleTo(context, body.project_id)) throw new PortNotFound(id);
    return body;
  };
  return {
    singular: 'port',
    plural: 'ports',
    description: portDescription,
    async list(context, narrowing) {
      // What the engine can look up by index: Nova lists an instance's ports by device_id.
      const filter = Object.fromEntries(
        NARROWING_ATTRIBUTES.flatMap(([attribute, maxLength]) => {
          const value = narrowing.get(attribute);
          // No stored port has a longer value: the filters below answer nothing for it.
          const usable = value !== undefined && value !== '' && value.length <= maxLength;
          return usable ? [[attribute, value]] : [];
        }),
      );
      const bodies = (await plugin.listPorts(filter)).map(present);
      return bodies
        .filter((body) => visibleTo(context, body.project_id))
        .map((body) => forCaller(body, context));
    },
    async show(id, context) {
      return forCaller(await find(id, context), context);
    },
    async create(attributes, context) {
      refuseBindingAttributes('create_port', attributes, context);
      await refuseUnseenSecurityGroups(plugin, attributes.security_groups, context);
      const port = await plugin.createPort(ownedAttributes(context, attributes) as never);
      return forCaller(present(port), context);
    },
    undoCreate: (id) => plugin.deletePort(id),
    async update(id, attributes, context) {
      refuseBindingAttributes('update_port', attributes, context);
      await find(id, context);
      await refuseUnseenSecurityGroups(plugin, attributes.security_groups, context);
      return forCaller(present(await plugin.updatePort(id, attributes)), context);
    },
    async remove(id, context) {
      await find(id, context);
      await plugin.deletePort(id);
    },
  };
}
