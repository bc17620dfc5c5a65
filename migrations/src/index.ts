import { type MigrationInterface } from 'typeorm';
import { InitialSchema1795621940910 } from './1795621940910-initial-schema';

export { InitialSchema1795621940910 };

/**
 * Every migration of the ml2ts schema, oldest first. The store hands this list to TypeORM, so it
 * works the same from TypeScript sources (jest) and from compiled `dist` (node): append each new
 * migration class here, never reorder or remove one.
 */
export const MIGRATIONS: readonly (new () => MigrationInterface)[] = [InitialSchema1795621940910];
