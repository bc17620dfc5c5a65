export * from './error-response';
export * from './html-error-page';
export * from './http-errors';
export * from './neutron-api-error';
export * from './neutron-error-body';
export * from './request-body-errors';
export * from './policy-errors';
