import { type FastifyInstance } from 'fastify';
import { type ServerMetrics, UNMATCHED_ROUTE } from './server-metrics';

/**
 * Counts every answered request of `app` (errors and 404s included) with its latency, labelled
 * by method, route pattern (never the raw URL, whose ids would make the labels unbounded;
 * `unmatched` when no route matched) and status code. Must be called before the routes are
 * registered.
 */
export function observeHttpRequests(app: FastifyInstance, metrics: ServerMetrics): void {
  app.addHook('onResponse', (request, reply, done) => {
    metrics.observeRequest({
      method: request.method,
      route: request.routeOptions.url ?? UNMATCHED_ROUTE,
      statusCode: reply.statusCode,
      seconds: reply.elapsedTime / 1000,
    });
    done();
  });
}
