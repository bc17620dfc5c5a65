export { DatabaseSetupError } from './database-setup-error';
export { NestedUnitOfWorkError } from './nested-unit-of-work-error';
export { StoreClosedError } from './store-closed-error';
export { StoreOptionError } from './store-option-error';
export { DatabaseNotFoundError } from './database-not-found-error';
export { NotAnMl2tsDatabaseError } from './not-an-ml2ts-database-error';
export { SchemaVersionMismatchError } from './schema-version-mismatch-error';
