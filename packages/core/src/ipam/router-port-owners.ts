import { DeviceOwner } from '@ml2ts/driver-api';

/**
 * Router interfaces: they may be given an address on an autoconfigured IPv6 subnet, and their
 * addresses keep such a subnet from being deleted.
 */
export const ROUTER_INTERFACE_OWNERS: readonly string[] = [
  DeviceOwner.ROUTER_INTERFACE,
  DeviceOwner.HA_REPLICATED_INTERFACE,
  DeviceOwner.DVR_INTERFACE,
];

/** Router interfaces and centralized SNAT ports: they get no EUI-64 addresses. */
export const ROUTER_INTERFACE_OWNERS_SNAT: readonly string[] = [
  ...ROUTER_INTERFACE_OWNERS,
  DeviceOwner.ROUTER_SNAT,
];

/** Router ports: they may hold an IPv6 subnet's network address (its subnet-router anycast). */
export const ROUTER_PORT_OWNERS: readonly string[] = [
  ...ROUTER_INTERFACE_OWNERS_SNAT,
  DeviceOwner.ROUTER_GATEWAY,
];
