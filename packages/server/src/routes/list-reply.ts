import { type FastifyRequest } from 'fastify';
import {
  applyListQuery,
  type ListQuery,
  listResponseBody,
  parseListQuery,
  QueryParams,
  type ResourceDescription,
} from '../query';

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
 * The request's list query, read and checked against `description`: throws the query's 400s
 * before anything is listed.
 */
export function listQueryOf(description: ResourceDescription, request: FastifyRequest): ListQuery {
  return parseListQuery(description, rawQuery(request));
}

/**
 * The body of `GET /v2.0/<collection>`: the request's filters, `fields`, sorting and pagination
 * applied to `items` (`{"networks": [...], "networks_links": [...]}`). Throws the query's 400s,
 * and a 404 for an unknown marker where Neutron answers one. `query`: the request's, when it was
 * read already (`listQueryOf`).
 */
export function listReply(
  description: ResourceDescription,
  items: readonly ApiResourceBody[],
  request: FastifyRequest,
  query: ListQuery = listQueryOf(description, request),
): Record<string, unknown> {
  const page = applyListQuery(description, query, items, {
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
