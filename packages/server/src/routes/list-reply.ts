import { type FastifyRequest } from 'fastify';
import { listResponseBody, QueryParams, type ResourceDescription, runListQuery } from '../query';

/** A resource as the API shows it: a JSON object. */
export type ApiResourceBody = Record<string, unknown>;

/** The request's raw query string (without `?`), whose pair order pagination links keep. */
function rawQuery(request: FastifyRequest): string {
  const at = request.url.indexOf('?');
  return at < 0 ? '' : request.url.slice(at + 1);
}

/** `http://host:port`, as the client addressed the server. */
export function baseUrlOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

/**
 * The body of `GET /v2.0/<collection>`: the request's filters, `fields`, sorting and pagination
 * applied to `items` (`{"networks": [...], "networks_links": [...]}`). Throws the query's 400s,
 * and a 404 for an unknown marker where Neutron answers one.
 */
export function listReply(
  description: ResourceDescription,
  items: readonly ApiResourceBody[],
  request: FastifyRequest,
): Record<string, unknown> {
  const page = runListQuery(description, rawQuery(request), items, {
    collectionUrl: `${baseUrlOf(request)}/v2.0/${description.collection}`,
  });
  return listResponseBody(description, page);
}

/** One resource of `GET /v2.0/<collection>/<id>`, cut to the request's `fields` when given. */
export function showReply(
  description: ResourceDescription,
  item: ApiResourceBody,
  request: FastifyRequest,
): ApiResourceBody {
  const hidden = new Set(
    description.attributes.filter((attribute) => !attribute.visible).map((a) => a.name),
  );
  const fields = QueryParams.from(rawQuery(request)).getAll('fields');
  return Object.fromEntries(
    Object.entries(item).filter(
      ([key]) => !hidden.has(key) && (fields.length === 0 || fields.includes(key)),
    ),
  );
}
