export * from './bulk-pull-filter';
export * from './network-details';
export * from './standard-attribute-id';
export * from './versioned-object-reader';
