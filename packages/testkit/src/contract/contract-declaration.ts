import { PHYSICAL_NETWORK_TYPES, TUNNEL_NETWORK_TYPES } from '@ml2ts/driver-api';
import { type DriverCapabilities, type VnicTypeCapability } from '@ml2ts/driver-api';

/**
 * Reading helpers over a `DriverCapabilities` declaration, shared by the contract groups. All
 * pure; none throws.
 */

/** The declared vnic types as objects, in declaration order. */
export function declaredVnicTypes(capabilities: DriverCapabilities): readonly VnicTypeCapability[] {
  return capabilities.vnicTypes.map((entry) =>
    typeof entry === 'string' ? { vnicType: entry } : entry,
  );
}

/** True when ports of `vnic` are bound without an agent. */
export function bindsWithoutAgent(
  capabilities: DriverCapabilities,
  vnic: VnicTypeCapability,
): boolean {
  return capabilities.agent === null || vnic.agentless === true;
}

/** The first declared vnic type bound through an agent, or null when there is none. */
export function agentVnicType(capabilities: DriverCapabilities): VnicTypeCapability | null {
  if (capabilities.agent === null) return null;
  return declaredVnicTypes(capabilities).find((vnic) => vnic.agentless !== true) ?? null;
}

/** The declared vnic types bound without an agent. */
export function agentlessVnicTypes(
  capabilities: DriverCapabilities,
): readonly VnicTypeCapability[] {
  return declaredVnicTypes(capabilities).filter((vnic) => bindsWithoutAgent(capabilities, vnic));
}

/** The declared vnic type named `vnicType`, or a bare one when it is not declared. */
export function vnicTypeNamed(
  capabilities: DriverCapabilities,
  vnicType: string,
): VnicTypeCapability {
  return declaredVnicTypes(capabilities).find((vnic) => vnic.vnicType === vnicType) ?? { vnicType };
}

/** The declared network types that are tunnel types. */
export function declaredTunnelTypes(capabilities: DriverCapabilities): readonly string[] {
  return capabilities.networkTypes.filter((type) => TUNNEL_NETWORK_TYPES.includes(type));
}

/** The declared network types whose segments name a physical network (`flat`, `vlan`). */
export function declaredPhysicalTypes(capabilities: DriverCapabilities): readonly string[] {
  return capabilities.networkTypes.filter((type) => PHYSICAL_NETWORK_TYPES.includes(type));
}

/** The declared network type the suite binds on when any will do: the first one. */
export function firstNetworkType(capabilities: DriverCapabilities): string {
  return capabilities.networkTypes[0] ?? 'vxlan';
}
