import { NeutronApiError } from '../errors';
import { revisionConstraintOf } from './revision-constraint';

describe('revisionConstraintOf', () => {
  it('reads revision_number=N, quoted or not, among other entity tags', () => {
    expect(revisionConstraintOf('revision_number=5')).toBe(5);
    expect(revisionConstraintOf('"abc", W/"revision_number=7"')).toBe(7);
    expect(revisionConstraintOf(['xyz', 'revision_number=0'])).toBe(0);
  });

  it('is null without a revision_number tag', () => {
    expect(revisionConstraintOf(undefined)).toBeNull();
    expect(revisionConstraintOf('*')).toBeNull();
    expect(revisionConstraintOf('"an-etag"')).toBeNull();
  });

  it('refuses two revision_number tags and one that is not an integer', () => {
    expect(() => revisionConstraintOf('revision_number=1, revision_number=2')).toThrow(
      'Bad if-match request: Multiple revision_number etags are not supported.',
    );
    expect(() => revisionConstraintOf('revision_number=one')).toThrow(NeutronApiError);
  });
});
