import { type FastifyInstance } from 'fastify';
import { errorResponse, resourceNotFound } from '../errors';

/**
 * Answers every error as `{"NeutronError": {"type", "message", "detail"}}` with its status
 * (`errorResponse`): the engine's and the API's typed errors as they say, fastify's own (a body
 * too large, a bad content type) under webob's names, anything else a 500 that reveals nothing
 * of its cause. 5xx are logged at error with their cause, the rest at info. Unknown paths are a
 * 404 `HTTPNotFound`.
 */
export function addNeutronErrorHandler(app: FastifyInstance, maxBodyBytes: number): void {
  app.setErrorHandler(async (error, request, reply) => {
    const { status, body } = errorResponse(error, {
      maxBodyBytes,
      contentType: request.headers['content-type'],
    });
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ type: body.NeutronError.type }, body.NeutronError.message);
    return reply.code(status).type('application/json').send(body);
  });
  app.setNotFoundHandler(async (_request, reply) => {
    const { status, body } = errorResponse(resourceNotFound());
    return reply.code(status).type('application/json').send(body);
  });
}
