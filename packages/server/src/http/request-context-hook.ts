import { type FastifyInstance, type FastifyRequest } from 'fastify';
import { type RequestContext, requestContextOf } from './request-context';

const CONTEXT = Symbol('ml2ts.requestContext');

type WithContext = FastifyRequest & { [CONTEXT]?: RequestContext };

/**
 * Gives every request its `RequestContext` (from its identity headers) before any handler
 * runs; `defaultProjectId` is the project of callers without identity headers.
 */
export function addRequestContextHook(app: FastifyInstance, defaultProjectId: string): void {
  app.addHook('onRequest', async (request) => {
    (request as WithContext)[CONTEXT] = requestContextOf(request.headers, defaultProjectId);
  });
}

/** The context `addRequestContextHook` gave the request. */
export function contextOf(request: FastifyRequest): RequestContext {
  const context = (request as WithContext)[CONTEXT];
  if (!context) throw new Error('the request context hook is not registered');
  return context;
}
