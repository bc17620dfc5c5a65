import { MacAddressInUse, type Ml2Error, PortExists } from '@ml2ts/driver-api';
import { isUniqueViolation } from '@ml2ts/store';
import { type Port } from '@ml2ts/store';

/** Every message along an error's `cause` and `driverError` chain, for naming a constraint. */
function messagesOf(error: unknown): string {
  const messages: string[] = [];
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (typeof current === 'object' && current !== null && !seen.has(current)) {
    seen.add(current);
    const record = current as { message?: unknown; constraint?: unknown; driverError?: unknown };
    messages.push(String(record.message ?? ''), String(record.constraint ?? ''));
    current = record.driverError ?? (current as { cause?: unknown }).cause;
  }
  return messages.join(' ');
}

/**
 * The typed error for a port row the database refused as a duplicate: `MacAddressInUse` (409)
 * when the network's unique MAC constraint fired (another process took the address after the
 * caller checked), `PortExists` (409) when the id did; null for any other error.
 */
export function portInsertConflict(
  error: unknown,
  port: Pick<Port, 'id' | 'networkId' | 'macAddress'>,
): Ml2Error | null {
  if (!isUniqueViolation(error)) return null;
  return messagesOf(error).includes('mac_address')
    ? new MacAddressInUse(port.macAddress, port.networkId)
    : new PortExists(port.id);
}
