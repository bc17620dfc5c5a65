import { type PluggedVif } from '@ml2ts/compute';

/** What the compute side plugged, as a short phrase: devices and where they went. Pure. */
export function describePluggedVif(vif: PluggedVif): string {
  const { plan } = vif;
  switch (plan.kind) {
    case 'ovs_hybrid':
      return `${plan.vethOvsEnd} on ${plan.integrationBridge} (external ids), ${plan.vethBridgeEnd} + ${plan.tap} on ${plan.linuxBridge}`;
    case 'ovs':
      return `${plan.tap} on ${plan.integrationBridge} (external ids)`;
    case 'vhostuser':
      return `${plan.port} (${plan.interfaceType}, socket ${plan.socketPath}) on ${plan.integrationBridge}`;
    case 'bridge':
      return `${plan.tap} on the host (its bridge: ${plan.bridge})`;
    case 'sriov_vf': {
      const name = vif.devices[0]?.interfaceName;
      return `VF ${plan.pciSlot}${name ? ` (${name})` : ''} given MAC ${plan.macAddress}`;
    }
    case 'sriov_pf':
      return `physical function ${plan.pciSlot} passed through whole`;
  }
}
