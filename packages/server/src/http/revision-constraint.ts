import { NeutronApiError } from '../errors';

/** The entity tags of an `If-Match` header: comma-separated, quoted or not, `W/` dropped. */
function entityTags(header: string): string[] {
  return header
    .split(',')
    .map((tag) =>
      tag
        .trim()
        .replace(/^W\//, '')
        .replace(/^"(.*)"$/, '$1'),
    )
    .filter((tag) => tag !== '');
}

function badIfMatch(message: string): NeutronApiError {
  return new NeutronApiError(400, 'BadRequest', `Bad if-match request: ${message}.`);
}

/**
 * The revision an update or delete is constrained to by `If-Match: revision_number=N`
 * (Neutron's `revision-if-match` extension), or null when the request names none; other entity
 * tags are ignored. Two `revision_number` tags, or one whose value is not an integer, are a 400.
 */
export function revisionConstraintOf(header: string | string[] | undefined): number | null {
  const tags = (Array.isArray(header) ? header : header === undefined ? [] : [header]).flatMap(
    entityTags,
  );
  let constraint: number | null = null;
  for (const tag of tags) {
    if (!tag.startsWith('revision_number=')) continue;
    if (constraint !== null) throw badIfMatch('Multiple revision_number etags are not supported');
    const value = tag.slice('revision_number='.length);
    if (!/^[-+]?\d+$/.test(value.trim())) {
      throw badIfMatch('Revision number etag must be in the format of revision_number=<int>');
    }
    constraint = Number(value);
  }
  return constraint;
}

/** 412: the resource changed since the revision the caller's `If-Match` names. */
export function revisionNumberConstraintFailed(expected: number, current: number): NeutronApiError {
  return new NeutronApiError(
    412,
    'RevisionNumberConstraintFailed',
    `Constrained to ${expected}, but current revision is ${current}`,
  );
}
