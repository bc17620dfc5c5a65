/**
 * The manifest a driver package declares under the `ml2ts` key of its `package.json`:
 *
 * ```json
 * "ml2ts": {
 *   "mechanismDrivers": [
 *     { "name": "openvswitch", "export": "openvswitchModule" }
 *   ]
 * }
 * ```
 *
 * `export` names an inversify `ContainerModule` exported by the package's main entry (or by
 * `module`, a subpath such as `./driver` resolved through the package's `exports`). The module
 * binds exactly one `MechanismDriver` to the `MECHANISM_DRIVER` symbol, whose `name` equals the
 * manifest name.
 */
export interface PluginManifest {
  readonly mechanismDrivers: readonly MechanismDriverEntry[];
}

/** One driver a package provides. */
export interface MechanismDriverEntry {
  /** The name used in `mechanism_drivers`. Lower case letters, digits, `_` and `-`. */
  readonly name: string;
  /** The named export holding the driver's `ContainerModule`. */
  readonly export: string;
  /** Optional subpath of the package to load instead of its main entry, e.g. `./driver`. */
  readonly module?: string;
}

/** The `package.json` key that holds the manifest. */
export const MANIFEST_KEY = 'ml2ts';

/** What a mechanism driver name may look like: lower case letters, digits, `_` and `-`. */
export const MECHANISM_DRIVER_NAME = /^[a-z0-9_-]+$/;
