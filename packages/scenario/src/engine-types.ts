import { type createEngine } from '@ml2ts/core';

/** What `createEngine` takes. */
export type EngineOptions = NonNullable<Parameters<typeof createEngine>[0]>;
/** A running engine. */
export type Engine = Awaited<ReturnType<typeof createEngine>>;
/** The engine's ML2 plugin. */
export type Plugin = Engine['plugin'];
/** The engine's id and MAC generator. */
export type IdGenerator = NonNullable<EngineOptions['ids']>;
/** The engine's source of randomness for segment allocation. */
export type RandomSource = NonNullable<EngineOptions['random']>;
/** What the engine answers to `get_device_details`. */
export type DeviceDetails = Awaited<ReturnType<Plugin['rpc']['getDeviceDetails']>>;
