import { MANIFEST_KEY, MECHANISM_DRIVER_NAME, type MechanismDriverEntry } from '@ml2ts/driver-api';

/** The outcome of reading a manifest: its driver entries, or why it is invalid. */
export type ManifestReading =
  { readonly entries: readonly MechanismDriverEntry[] } | { readonly problem: string };

/**
 * Reads the value of a package's `ml2ts` key (see `PluginManifest`): an object whose
 * `mechanismDrivers` is a list of `{name, export, module?}` where `name` is a valid driver name
 * (lower case letters, digits, `_`, `-`) declared once in the package, `export` a non-empty
 * string and `module`, if present, a subpath starting with `./`. Other keys are ignored.
 *
 * Pure and synchronous; never throws: an invalid manifest comes back as a `problem` sentence.
 */
export function readPluginManifest(manifest: unknown): ManifestReading {
  if (!isObject(manifest)) {
    return { problem: `"${MANIFEST_KEY}" must be an object, not ${JSON.stringify(manifest)}` };
  }
  const list = manifest.mechanismDrivers;
  if (!Array.isArray(list)) {
    return {
      problem: `"${MANIFEST_KEY}.mechanismDrivers" must be a list of {name, export, module?}, not ${JSON.stringify(list)}`,
    };
  }
  const entries: MechanismDriverEntry[] = [];
  const names = new Set<string>();
  for (const [index, entry] of list.entries()) {
    const where = `"${MANIFEST_KEY}.mechanismDrivers[${index}]"`;
    if (!isObject(entry))
      return { problem: `${where} must be an object, not ${JSON.stringify(entry)}` };
    const { name, export: exportName, module } = entry;
    if (typeof name !== 'string' || !MECHANISM_DRIVER_NAME.test(name)) {
      return {
        problem: `${where}.name must be a driver name of lower case letters, digits, "_" and "-", not ${JSON.stringify(name)}`,
      };
    }
    if (names.has(name)) return { problem: `driver name "${name}" is declared twice` };
    names.add(name);
    if (typeof exportName !== 'string' || exportName === '') {
      return {
        problem: `${where}.export must name the export holding the ContainerModule, not ${JSON.stringify(exportName)}`,
      };
    }
    if (module !== undefined && (typeof module !== 'string' || !module.startsWith('./'))) {
      return {
        problem: `${where}.module must be a subpath of the package such as "./driver", not ${JSON.stringify(module)}`,
      };
    }
    entries.push(
      module === undefined ? { name, export: exportName } : { name, export: exportName, module },
    );
  }
  return { entries };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
