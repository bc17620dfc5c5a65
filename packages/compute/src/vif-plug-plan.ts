import { type PortResource } from '@ml2ts/driver-api';
import { VifType } from '@ml2ts/driver-api';
import { networkBridgeName } from '@ml2ts/agent';
import { portDeviceName } from './device-names';
import { UnsupportedVifError } from './errors/unsupported-vif-error';

/** The integration bridge os-vif assumes when `vif_details.bridge_name` is absent. */
export const DEFAULT_INTEGRATION_BRIDGE = 'br-int';

/**
 * The OVSDB `Interface.external_ids` os-vif sets on the port it adds to the integration bridge.
 * The OVS agent maps the interface to the Neutron port through `iface-id`, and ignores an
 * interface without `attached-mac`.
 */
export interface VifExternalIds {
  'iface-id': string;
  'iface-status': 'active';
  'attached-mac': string;
  'vm-uuid': string;
}

/**
 * `ovs` with `ovs_hybrid_plug`: the instance's tap sits on a per-port Linux bridge `qbr…` (where
 * iptables filters), which a veth pair `qvb…`/`qvo…` joins to the integration bridge. The `qvo`
 * end carries the external ids.
 */
export interface OvsHybridPlug {
  readonly kind: 'ovs_hybrid';
  readonly integrationBridge: string;
  readonly linuxBridge: string;
  readonly vethBridgeEnd: string;
  readonly vethOvsEnd: string;
  readonly tap: string;
  readonly externalIds: VifExternalIds;
}

/** `ovs` without hybrid plug: the tap goes straight onto the integration bridge. */
export interface OvsPlug {
  readonly kind: 'ovs';
  readonly integrationBridge: string;
  readonly tap: string;
  readonly externalIds: VifExternalIds;
}

/** `bridge` (Linux bridge agent): a tap on the network's `brq…` bridge. */
export interface LinuxBridgePlug {
  readonly kind: 'bridge';
  /** Where the tap belongs (the agent plugs it there): `brq…`, or `vif_details.bridge_name`. */
  readonly bridge: string;
  readonly tap: string;
  readonly macAddress: string;
}

/**
 * `vhostuser` on OVS-DPDK: a `vhu…` port of type `dpdkvhostuser` (OVS is the server) or
 * `dpdkvhostuserclient` (QEMU is the server) on the integration bridge, with its socket path.
 */
export interface VhostUserPlug {
  readonly kind: 'vhostuser';
  readonly integrationBridge: string;
  readonly port: string;
  readonly interfaceType: 'dpdkvhostuser' | 'dpdkvhostuserclient';
  readonly socketPath: string;
  readonly externalIds: VifExternalIds;
}

/**
 * `hw_veb`: the virtual function at the profile's `pci_slot` gets the port's MAC and VLAN and is
 * passed to the instance. Nothing is added to a bridge; the SR-IOV agent finds the VF by MAC and
 * PCI slot.
 */
export interface SriovVfPlug {
  readonly kind: 'sriov_vf';
  readonly pciSlot: string;
  readonly macAddress: string;
  /** The VLAN from `vif_details.vlan` (0 for flat). */
  readonly vlan: number;
  readonly physicalNetwork: string | null;
}

/** `hostdev_physical`: the whole physical function at `pci_slot` is passed through. */
export interface SriovPfPlug {
  readonly kind: 'sriov_pf';
  readonly pciSlot: string;
  readonly macAddress: string;
}

/** What to plug for one port, decided from its `vif_type` and `vif_details` the way os-vif does. */
export type VifPlugPlan =
  OvsHybridPlug | OvsPlug | LinuxBridgePlug | VhostUserPlug | SriovVfPlug | SriovPfPlug;

/**
 * Decides how to plug a bound port for `instanceUuid`: reads `binding:vif_type`,
 * `binding:vif_details` (`ovs_hybrid_plug`, `bridge_name`, `vhostuser_socket`, `vhostuser_mode`,
 * `vlan`) and, for SR-IOV, the profile's `pci_slot` and `physical_network`. Pure. Throws
 * `UnsupportedVifError` for a type the compute side does not plug (`unbound`, `binding_failed`,
 * `other`, ...) or an SR-IOV port without a `pci_slot`.
 */
export function planVifPlug(port: PortResource, instanceUuid: string): VifPlugPlan {
  const vifType = port['binding:vif_type'];
  const details = port['binding:vif_details'];
  const profile = port['binding:profile'];
  const integrationBridge = stringOr(details.bridge_name, DEFAULT_INTEGRATION_BRIDGE);
  const externalIds: VifExternalIds = {
    'iface-id': port.id,
    'iface-status': 'active',
    'attached-mac': port.mac_address,
    'vm-uuid': instanceUuid,
  };
  const tap = portDeviceName('tap', port.id);
  switch (vifType) {
    case VifType.OVS:
      if (details.ovs_hybrid_plug === true) {
        return {
          kind: 'ovs_hybrid',
          integrationBridge,
          linuxBridge: portDeviceName('qbr', port.id),
          vethBridgeEnd: portDeviceName('qvb', port.id),
          vethOvsEnd: portDeviceName('qvo', port.id),
          tap,
          externalIds,
        };
      }
      return { kind: 'ovs', integrationBridge, tap, externalIds };
    case VifType.BRIDGE:
      return {
        kind: 'bridge',
        bridge: stringOr(details.bridge_name, networkBridgeName(port.network_id)),
        tap,
        macAddress: port.mac_address,
      };
    case VifType.VHOSTUSER: {
      const socketPath = details.vhostuser_socket;
      if (typeof socketPath !== 'string' || socketPath === '') {
        throw new UnsupportedVifError(port.id, vifType, 'vif_details has no vhostuser_socket');
      }
      return {
        kind: 'vhostuser',
        integrationBridge,
        port: portDeviceName('vhu', port.id),
        // vhostuser_mode is QEMU's side: 'server' means OVS connects as the client.
        interfaceType:
          details.vhostuser_mode === 'server' ? 'dpdkvhostuserclient' : 'dpdkvhostuser',
        socketPath,
        externalIds,
      };
    }
    case VifType.HW_VEB:
      return {
        kind: 'sriov_vf',
        pciSlot: requirePciSlot(port, vifType, profile),
        macAddress: port.mac_address,
        vlan: Number.parseInt(stringOr(details.vlan, '0'), 10) || 0,
        physicalNetwork:
          typeof profile.physical_network === 'string' ? profile.physical_network : null,
      };
    case VifType.HOSTDEV_PHYSICAL:
      return {
        kind: 'sriov_pf',
        pciSlot: requirePciSlot(port, vifType, profile),
        macAddress: port.mac_address,
      };
    default:
      throw new UnsupportedVifError(
        port.id,
        vifType,
        'the compute side plugs ovs, bridge, vhostuser, hw_veb and hostdev_physical only',
      );
  }
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' && value !== '' ? value : fallback;
}

function requirePciSlot(port: PortResource, vifType: string, profile: Record<string, unknown>) {
  const slot = profile.pci_slot;
  if (typeof slot !== 'string' || slot === '') {
    throw new UnsupportedVifError(
      port.id,
      vifType,
      "binding:profile has no pci_slot (give the VF's PCI address, e.g. 0000:81:00.2)",
    );
  }
  return slot;
}
