/**
 * The MTU of a flat or VLAN segment: the smallest of `global_physnet_mtu` (when > 0) and the
 * `physical_network_mtus` entry of its physical network (when there is one); 0 when neither
 * applies. Pure.
 */
export function physicalNetworkMtu(
  globalPhysnetMtu: number,
  physnetMtus: ReadonlyMap<string, number>,
  physicalNetwork: string | null,
): number {
  const candidates: number[] = [];
  if (globalPhysnetMtu > 0) candidates.push(globalPhysnetMtu);
  const physnetMtu = physicalNetwork === null ? undefined : physnetMtus.get(physicalNetwork);
  if (physnetMtu !== undefined) candidates.push(physnetMtu);
  return candidates.length > 0 ? Math.min(...candidates) : 0;
}
