import {
  AttributeLimits,
  PortBindingNotFound,
  type PortBindingResource,
  PortNotFound,
} from '@ml2ts/driver-api';
import { type FastifyInstance, type FastifyRequest } from 'fastify';
import { type ApiDependencies } from '../api-dependencies';
import { httpError, policyNotAuthorized } from '../errors';
import { couldBeId } from '../collections/visibility';
import { singleResourceBody } from '../http/resource-body';
import { contextOf } from '../http/request-context-hook';
import { portBindingDescription } from '../query/descriptions/port-binding-description';
import { type ApiResourceBody, listReply, showReply } from './list-reply';

type BindingsRequest = FastifyRequest<{ Params: { id: string } }>;
type BindingRequest = FastifyRequest<{ Params: { id: string; host: string } }>;

/** The port id of the path; one longer than the id columns names no port (404). */
function portIdOf(request: BindingsRequest | BindingRequest): string {
  const { id } = request.params;
  if (!couldBeId(id)) throw new PortNotFound(id);
  return id;
}

/** The port id and host of the path; a host longer than the host columns names no binding. */
function bindingKeyOf(request: BindingRequest): { portId: string; host: string } {
  const portId = portIdOf(request);
  const { host } = request.params;
  if (host.length > AttributeLimits.HOST_MAX_LENGTH) throw new PortBindingNotFound(portId, host);
  return { portId, host };
}

/** A binding as a JSON body. */
function bodyOf(binding: PortBindingResource): ApiResourceBody {
  return { ...binding };
}

/**
 * Neutron's `binding-extended` routes, a compute port's bindings per host (live migration):
 *
 * - `GET /v2.0/ports/{id}/bindings` (filters `host`, `vif_type`, `vnic_type`, `status`; `fields`);
 * - `POST /v2.0/ports/{id}/bindings`, body `{"binding": {"host", "vnic_type"?, "profile"?}}`: 201
 *   `{"binding": {...}}` (INACTIVE next to the port's ACTIVE binding);
 * - `GET /v2.0/ports/{id}/bindings/{host}` (`fields`);
 * - `PUT /v2.0/ports/{id}/bindings/{host}/activate`: 200 with the binding itself, not wrapped
 *   in `binding` (as neutron-server answers this action);
 * - `DELETE /v2.0/ports/{id}/bindings/{host}`: 204.
 *
 * Neutron's default policy allows them to admins only. As neutron-server does, other callers
 * get a 403 `PolicyNotAuthorized` for a create, an empty list, and a 404 `HTTPNotFound` for a
 * show, an activation or a delete (after the engine's own 404s and 400s for the port and host,
 * which come first). The engine's errors go through the API's error handler.
 */
export function registerPortBindingRoutes(app: FastifyInstance, { plugin }: ApiDependencies): void {
  const base = '/v2.0/ports/:id/bindings';
  const hidden = () => httpError(404);

  app.get(base, async (request: BindingsRequest) => {
    const bindings = await plugin.listPortBindings(portIdOf(request));
    const visible = contextOf(request).isAdmin ? bindings.map(bodyOf) : [];
    return listReply(portBindingDescription, visible, request);
  });

  app.post(base, async (request: BindingsRequest, reply) => {
    const portId = portIdOf(request);
    const attributes = singleResourceBody(request.body, 'binding');
    if (!contextOf(request).isAdmin) throw policyNotAuthorized('create_port_binding');
    const binding = await plugin.createPortBinding(portId, attributes as never);
    reply.code(201);
    return { binding: bodyOf(binding) };
  });

  app.get(`${base}/:host`, async (request: BindingRequest) => {
    const { portId, host } = bindingKeyOf(request);
    const binding = await plugin.getPortBinding(portId, host);
    if (!contextOf(request).isAdmin) throw hidden();
    return { binding: showReply(portBindingDescription, bodyOf(binding), request) };
  });

  app.put(`${base}/:host/activate`, async (request: BindingRequest) => {
    const { portId, host } = bindingKeyOf(request);
    if (!contextOf(request).isAdmin) {
      await plugin.getPortBinding(portId, host);
      throw hidden();
    }
    return bodyOf(await plugin.activatePortBinding(portId, host));
  });

  app.delete(`${base}/:host`, async (request: BindingRequest, reply) => {
    const { portId, host } = bindingKeyOf(request);
    if (!contextOf(request).isAdmin) {
      await plugin.getPortBinding(portId, host);
      throw hidden();
    }
    await plugin.deletePortBinding(portId, host);
    reply.code(204);
    return reply.send();
  });
}
