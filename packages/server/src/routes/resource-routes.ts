import { type FastifyInstance, type FastifyRequest, type HTTPMethods } from 'fastify';
import { methodNotAllowed } from '../errors';
import { convertAttributes } from '../http/convert-attributes';
import { createBody, singleResourceBody } from '../http/resource-body';
import { revisionConstraintOf, revisionNumberConstraintFailed } from '../http/revision-constraint';
import { type RequestContext } from '../http/request-context';
import { type ResourceDescription } from '../query';
import { type ListNarrowing, listNarrowingOf } from './list-narrowing';
import { type ApiResourceBody, listQueryOf, listReply, showReply } from './list-reply';
import { contextOf } from '../http/request-context-hook';

/**
 * One REST collection (`/v2.0/<plural>`): how its operations reach the engine. Each function
 * may wait on the database; a throw is answered by the API's error handler (`Ml2Error`s with
 * their status and Neutron's type, anything else a 500).
 */
export interface ResourceCollection {
  /** `network`: the key of one resource in bodies. */
  readonly singular: string;
  /** `networks`: the key of lists and bulk bodies, and the path segment unless `path` is set. */
  readonly plural: string;
  /** `security-groups`: the collection's path segment where it differs from `plural`. */
  readonly path?: string;
  /** Its attributes as list queries see them (filters, sorting, pagination, fields). */
  readonly description: ResourceDescription;
  /**
   * Every resource the caller may see, as the API shows it. `narrowing`: values the request's
   * filters pin down; the collection may leave out resources that do not have them (the filters
   * are applied to what it answers in any case).
   */
  list(context: RequestContext, narrowing: ListNarrowing): Promise<ApiResourceBody[]>;
  /** One resource as the API shows it; the resource's NotFound error when absent or unseen. */
  show(id: string, context: RequestContext): Promise<ApiResourceBody>;
  /** Creates one resource from the body's attributes. Absent: POST is not allowed. */
  create?(attributes: Record<string, unknown>, context: RequestContext): Promise<ApiResourceBody>;
  /** Deletes a resource created by the same bulk request when a later one fails. */
  undoCreate?(id: string): Promise<void>;
  /** Updates one resource. Absent: PUT is not allowed. */
  update?(
    id: string,
    attributes: Record<string, unknown>,
    context: RequestContext,
  ): Promise<ApiResourceBody>;
  /** Deletes one resource. Absent: DELETE is not allowed. */
  remove?(id: string, context: RequestContext): Promise<void>;
}

type IdRequest = FastifyRequest<{ Params: { id: string } }>;

/**
 * Checks a request's `If-Match: revision_number=N` against the resource's current revision:
 * a 412 `RevisionNumberConstraintFailed` when they differ. The check reads the resource just
 * before the engine's update or delete, in a transaction of its own: a change committed in
 * between is not caught.
 */
async function checkRevisionConstraint(
  collection: ResourceCollection,
  request: IdRequest,
): Promise<void> {
  const expected = revisionConstraintOf(request.headers['if-match']);
  if (expected === null) return;
  const current = (await collection.show(request.params.id, contextOf(request))).revision_number;
  if (typeof current === 'number' && current !== expected) {
    throw revisionNumberConstraintFailed(expected, current);
  }
}

/**
 * Registers Neutron's routes of one collection: `GET /v2.0/<plural>` (filters, fields, sorting,
 * pagination), `GET /v2.0/<plural>/<id>` (fields), and where the collection allows them `POST`
 * (201; `{"<plural>": [...]}` creates several, all or none), `PUT` (200) and `DELETE` (204),
 * both honouring `If-Match: revision_number=N`. Other methods are a 405.
 */
export function registerResourceRoutes(app: FastifyInstance, collection: ResourceCollection): void {
  const { singular, plural } = collection;
  const base = `/v2.0/${collection.path ?? plural}`;

  app.get(base, async (request) => {
    const query = listQueryOf(collection.description, request);
    const items = await collection.list(contextOf(request), listNarrowingOf(query));
    return listReply(collection.description, items, request, query);
  });

  app.get(`${base}/:id`, async (request: IdRequest) => {
    const item = await collection.show(request.params.id, contextOf(request));
    return { [singular]: showReply(collection.description, item, request) };
  });

  const create = collection.create;
  if (create) {
    app.post(base, async (request, reply) => {
      const context = contextOf(request);
      const body = createBody(request.body, singular, plural);
      const convert = (item: Record<string, unknown>) => convertAttributes(singular, item);
      reply.code(201);
      if (!body.bulk) return { [singular]: await create(convert(body.item), context) };
      const created: ApiResourceBody[] = [];
      try {
        const items = body.items.map(convert);
        for (const item of items) created.push(await create(item, context));
      } catch (error) {
        // All or none: what this request created goes again, newest first.
        for (const done of created.reverse()) {
          await collection.undoCreate?.(String(done.id)).catch(() => undefined);
        }
        throw error;
      }
      return { [plural]: created };
    });
  }

  const update = collection.update;
  if (update) {
    app.put(`${base}/:id`, async (request: IdRequest) => {
      const attributes = convertAttributes(singular, singleResourceBody(request.body, singular));
      await checkRevisionConstraint(collection, request);
      return { [singular]: await update(request.params.id, attributes, contextOf(request)) };
    });
  }

  const remove = collection.remove;
  if (remove) {
    app.delete(`${base}/:id`, async (request: IdRequest, reply) => {
      await checkRevisionConstraint(collection, request);
      await remove(request.params.id, contextOf(request));
      reply.code(204);
      return reply.send();
    });
  }

  // The methods a path does not take are a 405, not an unknown path.
  const refuse = async (request: FastifyRequest) => {
    throw methodNotAllowed(request.method);
  };
  const collectionMethods: HTTPMethods[] = ['PUT', 'DELETE', 'PATCH'];
  if (!create) collectionMethods.push('POST');
  app.route({ method: collectionMethods, url: base, handler: refuse });
  const itemMethods: HTTPMethods[] = ['POST', 'PATCH'];
  if (!update) itemMethods.push('PUT');
  if (!remove) itemMethods.push('DELETE');
  app.route({ method: itemMethods, url: `${base}/:id`, handler: refuse });
}
