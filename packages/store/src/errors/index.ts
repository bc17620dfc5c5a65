export { DatabaseSetupError } from './database-setup-error';
export { NestedUnitOfWorkError } from './nested-unit-of-work-error';
export { StoreClosedError } from './store-closed-error';
export { StoreOptionError } from './store-option-error';
