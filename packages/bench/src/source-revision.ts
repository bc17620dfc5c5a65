import { execFileSync } from 'node:child_process';

/** The commit the measured code came from. */
export interface SourceRevision {
  commit: string;
  /** Files changed or untracked in the checkout (0: the commit exactly). */
  uncommittedFiles: number;
}

/**
 * Reads the checkout's commit and how many files differ from it, with read-only git commands.
 * Null when `directory` is not a git checkout or git is missing. Blocks briefly (runs git).
 */
export function describeRevision(directory: string): SourceRevision | null {
  try {
    const git = (...args: string[]) =>
      execFileSync('git', args, {
        cwd: directory,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
    const commit = git('rev-parse', '--short=12', 'HEAD').trim();
    const status = git('status', '--porcelain');
    return { commit, uncommittedFiles: status.split('\n').filter((line) => line !== '').length };
  } catch {
    return null;
  }
}

/** `b553402f1c2a` or `b553402f1c2a + 7 uncommitted files` or `unknown`. */
export function formatRevision(revision: SourceRevision | null): string {
  if (!revision) return 'unknown';
  return revision.uncommittedFiles === 0
    ? revision.commit
    : `${revision.commit} + ${revision.uncommittedFiles} uncommitted files`;
}
