import { type Clock } from '@ml2ts/driver-api';
import { type Ml2Plugin } from '@ml2ts/core';

/** What the API needs to know of its configuration. */
export interface ApiOptions {
  /**
   * The project of callers without identity headers under `noauth`; Neutron's noauth gives
   * them `fake_project_id`, and so does ml2ts by default.
   */
  readonly defaultProjectId: string;
  /** Largest request body, in bytes; a larger one is a 413. Default 114688 (112 KiB). */
  readonly maxRequestBodySize: number;
  /**
   * Serve `GET /metrics` in Prometheus text format: requests, binding results and failure
   * reasons, agent reports, port status changes and the Node process. Default false (the path
   * is then a 404 like any unknown one).
   */
  readonly metrics: boolean;
}

/** The defaults of `ApiOptions`. */
export const DEFAULT_API_OPTIONS: ApiOptions = {
  defaultProjectId: 'fake_project_id',
  maxRequestBodySize: 114_688,
  metrics: false,
};

/** What every route plugin is given. */
export interface ApiDependencies {
  /** The engine; every route calls it, and each call may wait on the database. */
  readonly plugin: Ml2Plugin;
  /** The server clock (resource times the engine does not keep). */
  readonly clock: Clock;
  readonly options: ApiOptions;
}
