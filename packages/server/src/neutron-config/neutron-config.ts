import { type ConfigurationOverrides } from '@ml2ts/core';
import { type Ml2Configuration } from '@ml2ts/driver-api';

/** An option of the files that ml2ts does not use, for the server to log once at start-up. */
export interface IgnoredOption {
  readonly file: string;
  /** 1-based line of the option in `file`. */
  readonly line: number;
  readonly section: string;
  readonly option: string;
  /** Why ml2ts does not use it (one sentence, without the value: it may be a secret). */
  readonly reason: string;
}

/** Where and how to reach Nova, for the notifier that sends it port events. */
export interface NovaSettings {
  /**
   * `[ml2ts] nova_url`: the Nova API endpoint (`http://nova:8774/v2.1`) events are sent to.
   * ml2ts has no service catalogue to look it up in; undefined when not set.
   */
  readonly url?: string;
  /** `[nova] auth_type`, kept for information; ml2ts does not authenticate to Nova yet. */
  readonly authType?: string;
  /** `[nova] auth_url`, kept for information. */
  readonly authUrl?: string;
  /** `[nova] region_name`. */
  readonly regionName?: string;
  /** `[nova] endpoint_type`: which of Nova's endpoints `url` is. Default `public`. */
  readonly endpointType: 'public' | 'internal' | 'admin';
}

/** What the REST server itself runs with (the options that are not the engine's). */
export interface ServerSettings {
  /** `[DEFAULT] bind_host`: the address to listen on. Default `127.0.0.1` (loopback only). */
  readonly host: string;
  /** `[DEFAULT] bind_port`: the TCP port to listen on (0: any free port). Default 9696. */
  readonly port: number;
  /** `[DEFAULT] auth_strategy`: always `noauth`; `keystone` is refused when read. */
  readonly authStrategy: 'noauth';
  /** `[ml2ts] nova_url` (also in `nova.url`); undefined when not set. */
  readonly novaUrl?: string;
  /** The Nova endpoint information (`[nova]` and `[ml2ts] nova_url`). */
  readonly nova: NovaSettings;
  /** `[DEFAULT] notify_nova_on_port_status_changes`. Default true. */
  readonly notifyNovaOnPortStatusChanges: boolean;
  /** `[DEFAULT] notify_nova_on_port_data_changes`. Default true. */
  readonly notifyNovaOnPortDataChanges: boolean;
  /** `[DEFAULT] send_events_interval`: seconds between batches of Nova events. Default 2. */
  readonly sendEventsInterval: number;
  /**
   * `[oslo_middleware] max_request_body_size`: the largest request body, in bytes. Default
   * 114688.
   */
  readonly maxRequestBodySize: number;
  /** `[DEFAULT] max_allowed_address_pair`: allowed address pairs per port. Default 10. */
  readonly maxAllowedAddressPair: number;
  /** `[DEFAULT] debug`: log at debug level. Default false. */
  readonly debug: boolean;
}

/** Everything ml2ts takes from a set of Neutron configuration files. */
export interface NeutronConfig {
  /** The files read, in order (later ones override earlier ones). */
  readonly files: readonly string[];
  /**
   * The engine's configuration: the defaults with the files' values over them, validated and
   * deeply frozen, as `loadConfiguration` returns it. Hand it to `createEngine`.
   */
  readonly configuration: Ml2Configuration;
  /**
   * Only what the files set, in the layer format of `loadConfiguration({ overrides })` (known
   * sections, and plugin sections such as `ovs_driver` at the top level). For callers that merge
   * the files with other settings themselves.
   */
  readonly overrides: ConfigurationOverrides;
  /** The REST server's own settings. */
  readonly server: ServerSettings;
  /**
   * The database, from `[database] connection` or `[ml2ts] database`, in ml2ts's URL spelling
   * (`sqlite:///path`, `postgresql://...`, `mysql://...`, `mariadb://...`, or a bare SQLite
   * path); also in `configuration.ml2ts.database`. May hold a password: never log it as is.
   * Undefined when no file sets one.
   */
  readonly databaseUrl?: string;
  /**
   * `[DEFAULT] transport_url` as written (`rabbit://user:password@host:5672/`), for the message
   * bus. May hold a password: never log it as is. Undefined when not set.
   */
  readonly transportUrl?: string;
  /** Every option of the files that ml2ts does not use, in file and line order. */
  readonly ignored: readonly IgnoredOption[];
  /**
   * Settings that are valid but probably not what the operator wants (Nova notifications
   * switched on without a Nova URL, ...): one sentence each, for the start-up log.
   */
  readonly warnings: readonly string[];
}
