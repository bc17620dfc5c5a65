import { type FindOperator, In } from 'typeorm';

/**
 * Above this many ids, a lookup by id reads every row of its table and keeps those asked for:
 * still one statement, and never more bound parameters than any database takes.
 */
export const MAX_IDS_PER_LOOKUP = 500;

/**
 * The condition that selects the rows whose column is one of `ids`: `IN (...)` for up to
 * `MAX_IDS_PER_LOOKUP` ids, none (undefined: every row) above, where the caller keeps the rows
 * asked for itself. Pure; the caller handles an empty set (which matches no row) first.
 */
export function idLookup(ids: ReadonlySet<string>): FindOperator<string> | undefined {
  return ids.size > MAX_IDS_PER_LOOKUP ? undefined : In([...ids]);
}
