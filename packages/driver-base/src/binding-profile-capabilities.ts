import { type BindingProfile } from '@ml2ts/driver-api';

/**
 * True when the port's `binding:profile.capabilities` is a list that contains `capability`
 * (for example `switchdev`, which marks a port for OVS hardware offload). Pure, never blocks.
 */
export function hasProfileCapability(profile: BindingProfile, capability: string): boolean {
  const capabilities = profile.capabilities;
  return Array.isArray(capabilities) && capabilities.includes(capability);
}
