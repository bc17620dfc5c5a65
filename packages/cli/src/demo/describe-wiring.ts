import { DEAD_VLAN, type DeviceWiring } from '@ml2ts/agent';

/** What an agent programmed for a device, as a short phrase. Pure. */
export function describeWiring(wiring: DeviceWiring | null): string {
  if (wiring === null) return 'nothing programmed';
  switch (wiring.kind) {
    case 'ovs': {
      if (wiring.tag === DEAD_VLAN) return `dead VLAN ${DEAD_VLAN}, traffic dropped`;
      const config = wiring.other_config;
      const physnet = config.physical_network ? ` on ${config.physical_network}` : '';
      const id = config.segmentation_id ? ` ${config.segmentation_id}` : '';
      return `local VLAN ${wiring.tag} for ${config.network_type ?? '?'}${id}${physnet}`;
    }
    case 'linuxbridge':
      return `into ${wiring.bridge}${wiring.uplink ? ` with uplink ${wiring.uplink}` : ''}, tap ${wiring.tap_state}`;
    case 'sriov':
      return `VF ${wiring.pci_slot} on VLAN ${wiring.vlan}, link ${wiring.link_state}`;
  }
}
