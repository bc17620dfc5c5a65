import { type TaggableResourceType } from '@ml2ts/driver-api';
import { type FastifyInstance, type FastifyRequest } from 'fastify';
import { type ApiDependencies } from '../api-dependencies';
import { bodyContainsInvalidData, resourceNotInBody } from '../errors';
import { contextOf } from '../http/request-context-hook';
import { type ResourceCollection } from './resource-routes';

type TagRequest = FastifyRequest<{ Params: { id: string; tag?: string } }>;

/** `{"tags": [...]}` of a replace; anything else is a 400 (the engine checks each tag). */
function tagsOfBody(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw bodyContainsInvalidData();
  }
  const tags = (body as Record<string, unknown>).tags;
  if (tags === undefined) throw resourceNotInBody('tags');
  return tags;
}

/**
 * A collection whose path segment is a taggable resource type: its `plural` (when it has no
 * `path` of its own) or its `path`.
 */
export type TaggableCollection = ResourceCollection &
  ({ readonly plural: TaggableResourceType } | { readonly path: TaggableResourceType });

/**
 * Neutron's `standard-attr-tag` routes under one collection (`networks`, `subnets`, `ports`,
 * `security-groups`):
 * `GET .../{id}/tags`, `PUT .../{id}/tags` (replace all; body `{"tags": [...]}`),
 * `DELETE .../{id}/tags`, and per tag `GET` (204 when present, 404 `TagNotFound`), `PUT` (201)
 * and `DELETE` (204). The resource must be visible to the caller (its 404 otherwise). Each
 * change bumps the resource's revision in the engine.
 */
export function registerTagRoutes(
  app: FastifyInstance,
  collection: TaggableCollection,
  { plugin }: ApiDependencies,
): void {
  // The path segment: `path` when the collection has one, else its taggable `plural`.
  const type = (collection.path ?? collection.plural) as TaggableResourceType;
  const base = `/v2.0/${type}/:id/tags`;
  const visible = (request: TagRequest) => collection.show(request.params.id, contextOf(request));

  app.get(base, async (request: TagRequest) => {
    await visible(request);
    return { tags: await plugin.getTags(type, request.params.id) };
  });
  app.put(base, async (request: TagRequest) => {
    await visible(request);
    const tags = tagsOfBody(request.body);
    return { tags: await plugin.replaceTags(type, request.params.id, tags as string[]) };
  });
  app.delete(base, async (request: TagRequest, reply) => {
    await visible(request);
    await plugin.removeAllTags(type, request.params.id);
    return reply.code(204).send();
  });
  app.get(`${base}/:tag`, async (request: TagRequest, reply) => {
    await visible(request);
    await plugin.checkTag(type, request.params.id, String(request.params.tag));
    return reply.code(204).send();
  });
  app.put(`${base}/:tag`, async (request: TagRequest, reply) => {
    await visible(request);
    await plugin.addTag(type, request.params.id, String(request.params.tag));
    return reply.code(201).send();
  });
  app.delete(`${base}/:tag`, async (request: TagRequest, reply) => {
    await visible(request);
    await plugin.removeTag(type, request.params.id, String(request.params.tag));
    return reply.code(204).send();
  });
}
