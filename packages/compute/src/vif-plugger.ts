import { type InterfaceSpec } from '@ml2ts/agent';
import { VifPlugError } from './errors/vif-plug-error';
import { type HostDataPlane, type PluggableBridge } from './host-data-plane';
import { type VifPlugPlan } from './vif-plug-plan';

/** The MAC address of a virtual function that no instance uses. */
export const UNASSIGNED_VF_MAC = '00:00:00:00:00:00';

/** One interface the compute side put on a bridge of the host. */
export interface PluggedDevice {
  /** The bridge's name (`br-int`, `qbr…`, or the name of the host's taps or VFs). */
  readonly bridge: string;
  readonly interfaceName: string;
}

/** A plugged VIF: what was decided and what was created, in creation order. */
export interface PluggedVif {
  readonly plan: VifPlugPlan;
  readonly devices: readonly PluggedDevice[];
}

/**
 * Plugs a VIF into the host's data plane the way os-vif and the hypervisor do for its type:
 *
 * - `ovs_hybrid`: the `qbr…` Linux bridge, the `qvb…` veth end on it, the `qvo…` end on the
 *   integration bridge with the external ids, then the instance's tap on `qbr…`;
 * - `ovs` and `vhostuser`: the tap (or the `vhu…` socket port) on the integration bridge with
 *   the external ids;
 * - `bridge`: the tap among the host's tap devices, where the Linux bridge agent finds it;
 * - `sriov_vf`: the VF at the PCI slot gets the port's MAC address;
 * - `sriov_pf`: the physical function is handed over whole: nothing goes on a bridge.
 *
 * Taps carry the MAC a hypervisor gives them: the port's MAC with `fe` as first octet. May block
 * on the bridges. Throws `VifPlugError` when the host lacks what the plan needs; whatever was
 * already plugged is removed again first.
 */
export async function plugVif(
  host: HostDataPlane,
  portId: string,
  plan: VifPlugPlan,
): Promise<PluggedVif> {
  const devices: PluggedDevice[] = [];
  const fail = (detail: string) => new VifPlugError(portId, host.host, detail);
  const add = (bridge: PluggableBridge, spec: InterfaceSpec) => {
    if (bridge.getInterface(spec.name)) throw fail(`${spec.name} already exists on ${bridge.name}`);
    bridge.addInterface(spec);
    devices.push({ bridge: bridge.name, interfaceName: spec.name });
  };
  const ovsBridge = (name: string) => {
    const bridge = host.ovsBridge(name);
    if (!bridge) throw fail(`the host has no OVS bridge ${name}`);
    return bridge;
  };
  try {
    switch (plan.kind) {
      case 'ovs_hybrid': {
        const integration = ovsBridge(plan.integrationBridge);
        const linuxBridge =
          host.linuxBridge(plan.linuxBridge) ?? host.createLinuxBridge(plan.linuxBridge);
        add(linuxBridge, { name: plan.vethBridgeEnd });
        add(integration, { name: plan.vethOvsEnd, externalIds: { ...plan.externalIds } });
        add(linuxBridge, { name: plan.tap, mac: tapMac(plan.externalIds['attached-mac']) });
        break;
      }
      case 'ovs':
        add(ovsBridge(plan.integrationBridge), {
          name: plan.tap,
          externalIds: { ...plan.externalIds },
          mac: tapMac(plan.externalIds['attached-mac']),
        });
        break;
      case 'vhostuser':
        add(ovsBridge(plan.integrationBridge), {
          name: plan.port,
          externalIds: { ...plan.externalIds },
        });
        break;
      case 'bridge':
        if (!host.tapDevices) throw fail('the host has no tap devices (no Linux bridge agent)');
        add(host.tapDevices, { name: plan.tap, mac: tapMac(plan.macAddress) });
        break;
      case 'sriov_vf': {
        const vfs = host.virtualFunctions;
        if (!vfs) throw fail('the host has no SR-IOV NIC');
        const vf = (await vfs.listInterfaces()).find((iface) => iface.pciSlot === plan.pciSlot);
        if (!vf) throw fail(`the host has no virtual function at ${plan.pciSlot}`);
        if (vf.mac && vf.mac !== UNASSIGNED_VF_MAC) {
          throw fail(`the virtual function at ${plan.pciSlot} is in use (MAC ${vf.mac})`);
        }
        assignVfMac(vfs, vf.name, plan.pciSlot, plan.macAddress);
        devices.push({ bridge: vfs.name, interfaceName: vf.name });
        break;
      }
      case 'sriov_pf':
        break;
    }
  } catch (error) {
    await unplugVif(host, { plan, devices });
    throw error;
  }
  return { plan, devices };
}

/**
 * Takes a plugged VIF off the host, in reverse order: interfaces are removed, a VF gets the
 * unassigned MAC back, and a hybrid plug's `qbr…` bridge is deleted. Devices already gone are
 * skipped. Never throws.
 */
export async function unplugVif(host: HostDataPlane, vif: PluggedVif): Promise<void> {
  const { plan } = vif;
  for (const device of [...vif.devices].reverse()) {
    if (plan.kind === 'sriov_vf') {
      const vfs = host.virtualFunctions;
      if (vfs?.getInterface(device.interfaceName)) {
        assignVfMac(vfs, device.interfaceName, plan.pciSlot, UNASSIGNED_VF_MAC);
      }
      continue;
    }
    bridgeOf(host, plan, device.bridge)?.removeInterface(device.interfaceName);
  }
  if (plan.kind === 'ovs_hybrid') host.deleteLinuxBridge(plan.linuxBridge);
}

function bridgeOf(
  host: HostDataPlane,
  plan: VifPlugPlan,
  name: string,
): PluggableBridge | undefined {
  switch (plan.kind) {
    case 'ovs_hybrid':
      return name === plan.linuxBridge ? host.linuxBridge(name) : host.ovsBridge(name);
    case 'ovs':
    case 'vhostuser':
      return host.ovsBridge(name);
    case 'bridge':
      return host.tapDevices;
    default:
      return host.virtualFunctions;
  }
}

/** A VF's MAC is set by re-creating its interface under the same name and PCI slot. */
function assignVfMac(vfs: PluggableBridge, name: string, pciSlot: string, mac: string): void {
  vfs.removeInterface(name);
  vfs.addInterface({ name, pciSlot, mac });
}

/** The MAC a hypervisor gives a tap: the port's, with `fe` as first octet. */
function tapMac(portMac: string): string {
  return `fe${portMac.slice(2)}`;
}
