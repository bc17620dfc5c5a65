import { type IdGenerator } from '@ml2ts/driver-api';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { type ApiDependencies, type ApiOptions, DEFAULT_API_OPTIONS } from './api-dependencies';
import { agentsCollection } from './collections/agents-collection';
import { networksCollection } from './collections/networks-collection';
import { portsCollection } from './collections/ports-collection';
import { securityGroupRulesCollection } from './collections/security-group-rules-collection';
import { securityGroupsCollection } from './collections/security-groups-collection';
import { segmentsCollection } from './collections/segments-collection';
import { subnetsCollection } from './collections/subnets-collection';
import { addJsonBodyParser } from './http/json-body-parser';
import { addNeutronErrorHandler } from './http/neutron-error-handler';
import { addRequestContextHook } from './http/request-context-hook';
import { addRequestIdHeader, newRequestId } from './http/request-id';
import { registerMetrics } from './metrics/register-metrics';
import { registerDiscoveryRoutes } from './routes/discovery-routes';
import { registerResourceRoutes } from './routes/resource-routes';
import { registerPortBindingRoutes } from './routes/port-binding-routes';
import { registerTagRoutes } from './routes/tag-routes';

/** What `buildServer` builds the API from. */
export interface ServerDependencies extends Omit<ApiDependencies, 'options'> {
  /** Request ids; default crypto-random. */
  readonly ids: IdGenerator;
  /** API options over `DEFAULT_API_OPTIONS`. */
  readonly options?: Partial<ApiOptions>;
  /** The request log: none (the default), or a pino logger the requests' logs are children of. */
  readonly logger?: FastifyServerOptions['loggerInstance'];
}

/**
 * Builds the Neutron v2.0 REST API over an engine, ready to `listen` or `inject`, without
 * listening. Closing the app does not close the engine.
 */
export async function buildServer(dependencies: ServerDependencies): Promise<FastifyInstance> {
  const options: ApiOptions = { ...DEFAULT_API_OPTIONS, ...dependencies.options };
  const app = Fastify({
    ...(dependencies.logger ? { loggerInstance: dependencies.logger } : { logger: false }),
    bodyLimit: options.maxRequestBodySize,
    genReqId: () => newRequestId(dependencies.ids),
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true },
  });
  const deps: ApiDependencies = { ...dependencies, options };
  addJsonBodyParser(app);
  addNeutronErrorHandler(app, options.maxRequestBodySize);
  addRequestIdHeader(app);
  addRequestContextHook(app, options.defaultProjectId);
  if (options.metrics) registerMetrics(app, dependencies.plugin);
  registerDiscoveryRoutes(app);
  for (const collection of [
    networksCollection(deps),
    subnetsCollection(deps),
    portsCollection(deps),
    securityGroupsCollection(deps),
  ]) {
    registerResourceRoutes(app, collection);
    registerTagRoutes(app, collection, deps);
  }
  registerResourceRoutes(app, securityGroupRulesCollection(deps));
  registerResourceRoutes(app, segmentsCollection(deps));
  registerResourceRoutes(app, agentsCollection(deps));
  registerPortBindingRoutes(app, deps);
  await app.ready();
  return app;
}
