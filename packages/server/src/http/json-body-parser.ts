import { type FastifyInstance } from 'fastify';
import { bodyContainsInvalidData } from '../errors';

/**
 * Parses request bodies as JSON whatever their content type says (clients of Neutron's API
 * send JSON, some without saying so). A body that is not JSON is a 400, as Neutron answers
 * malformed bodies (`Body contains invalid data`); an empty body is no body.
 */
export function addJsonBodyParser(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, text, done) => {
    const source = String(text);
    if (source.trim() === '') {
      done(null, undefined);
      return;
    }
    try {
      done(null, JSON.parse(source));
    } catch {
      done(bodyContainsInvalidData(), undefined);
    }
  });
}
