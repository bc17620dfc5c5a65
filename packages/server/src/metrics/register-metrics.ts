import { type Ml2Plugin } from '@ml2ts/core';
import { type FastifyInstance } from 'fastify';
import { countAgentReports } from './count-agent-reports';
import { observeHttpRequests } from './observe-http-requests';
import { ServerMetrics, type ServerMetricsOptions } from './server-metrics';
import { watchEngineEvents } from './watch-engine-events';

/** The path Prometheus scrapes. */
export const METRICS_PATH = '/metrics';

/**
 * Serves `GET /metrics` (Prometheus text format) on `app`, with a `ServerMetrics` of its own:
 * every request of the app, the engine's binding results and port status changes, the agents'
 * reports to the engine, and the Node process. Must be called before the routes are
 * registered. Closing the app stops the counting of engine events and agent reports.
 */
export function registerMetrics(
  app: FastifyInstance,
  plugin: Ml2Plugin,
  options: ServerMetricsOptions = {},
): ServerMetrics {
  const metrics = new ServerMetrics(options);
  observeHttpRequests(app, metrics);
  const stopWatching = watchEngineEvents(plugin.notifier, metrics);
  const stopCounting = countAgentReports(plugin.rpc, (agentType, result) =>
    metrics.countAgentReport(agentType, result),
  );
  app.addHook('onClose', async () => {
    stopWatching();
    stopCounting();
  });
  app.get(METRICS_PATH, async (_request, reply) =>
    reply.type(metrics.contentType).send(await metrics.render()),
  );
  return metrics;
}
