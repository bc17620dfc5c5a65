export * from './event-batcher';
export * from './nova-client';
export * from './nova-delivery-error';
export * from './nova-event';
export * from './nova-notifier';
export * from './nova-notifier-config-error';
export * from './port-event-translator';
export * from './timers';
