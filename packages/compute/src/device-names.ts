/** Linux limits interface names to 15 bytes with the terminator: 14 characters. */
export const DEVICE_NAME_LENGTH = 14;

/**
 * The name os-vif and Nova give a device of a port: a three-letter prefix (`tap`, `qbr`, `qvb`,
 * `qvo`, `vhu`) and the start of the port id, cut to 14 characters (so 11 of the id). Pure.
 */
export function portDeviceName(prefix: string, portId: string): string {
  return `${prefix}${portId}`.slice(0, DEVICE_NAME_LENGTH);
}
