import { type FastifyInstance } from 'fastify';
import { HTML_ERROR_CONTENT_TYPE } from '../errors';
import {
  EXTENSIONS,
  extensionNotFound,
  findExtension,
  v2ResourcesDocument,
  versionsDocument,
} from '../extensions';
import { baseUrlOf } from './list-reply';

/**
 * What clients discover the API with: `GET /` (the versions), `GET /v2.0/` (the collections),
 * `GET /v2.0/extensions` (exactly the extensions ml2ts implements) and
 * `GET /v2.0/extensions/<alias>` (404, as an HTML page like Neutron's, for an alias ml2ts does
 * not implement; clients probe for extensions this way). None of them touches the engine.
 */
export function registerDiscoveryRoutes(app: FastifyInstance): void {
  app.get('/', async (request) => versionsDocument(baseUrlOf(request)));
  app.get('/v2.0', async (request) => v2ResourcesDocument(`${baseUrlOf(request)}/v2.0/`));
  app.get('/v2.0/extensions', async () => ({ extensions: EXTENSIONS }));
  app.get('/v2.0/extensions/:alias', async (request, reply) => {
    const { alias } = request.params as { alias: string };
    const extension = findExtension(alias);
    if (extension) return { extension };
    const missing = extensionNotFound(alias);
    return reply.code(missing.status).type(HTML_ERROR_CONTENT_TYPE).send(missing.html);
  });
}
