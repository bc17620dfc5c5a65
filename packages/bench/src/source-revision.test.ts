import { formatRevision } from './source-revision';

describe('formatRevision', () => {
  it('shows the commit alone for a clean checkout', () => {
    expect(formatRevision({ commit: 'b553402f1c2a', uncommittedFiles: 0 })).toBe('b553402f1c2a');
  });

  it('counts uncommitted files, and says unknown outside git', () => {
    expect(formatRevision({ commit: 'b553402f1c2a', uncommittedFiles: 3 })).toBe(
      'b553402f1c2a + 3 uncommitted files',
    );
    expect(formatRevision(null)).toBe('unknown');
  });
});
