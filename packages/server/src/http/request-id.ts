import { type IdGenerator } from '@ml2ts/driver-api';
import { type FastifyInstance } from 'fastify';

/** Neutron's request id header, sent back with every answer. */
export const REQUEST_ID_HEADER = 'X-Openstack-Request-Id';

/** A request id in Neutron's form, `req-<uuid>`. */
export function newRequestId(ids: IdGenerator): string {
  return `req-${ids.uuid()}`;
}

/** Sends each request's id (the one its logs carry) back as `X-Openstack-Request-Id`. */
export function addRequestIdHeader(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
  });
}
