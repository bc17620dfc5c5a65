import {
  type Bridge,
  type BridgeInterface,
  InMemoryBridge,
  type InterfaceSpec,
} from '@ml2ts/agent';

/**
 * A bridge the compute side can add interfaces to and remove them from, as os-vif and the
 * hypervisor do on a host (`ovs-vsctl add-port`, creating a tap, giving a VF a MAC). The agent
 * side of the same bridge (`Bridge`) lists, watches and programs them. `InMemoryBridge` is one.
 */
export interface PluggableBridge extends Bridge {
  /** Adds an interface; throws `Error` when the name is taken. Never blocks. */
  addInterface(spec: InterfaceSpec): BridgeInterface;
  /** Removes an interface; false when there was none. Never blocks. */
  removeInterface(name: string): boolean;
  /** One interface, or undefined. */
  getInterface(name: string): BridgeInterface | undefined;
  /** Every interface now. */
  listInterfaces(): Promise<BridgeInterface[]>;
}

/**
 * One compute host's data plane as the compute side plugs into it: its Open vSwitch bridges
 * (the integration bridge the OVS agent watches), its kernel tap devices (what a Linux bridge
 * agent watches), its SR-IOV virtual functions (what the NIC agent watches), and the per-port
 * Linux bridges of the OVS hybrid plug, which the compute side creates and removes.
 */
export interface HostDataPlane {
  /** The host's name, as in `binding:host_id`. */
  readonly host: string;
  /** The OVS bridge called `name`, or undefined when the host has none by that name. */
  ovsBridge(name: string): PluggableBridge | undefined;
  /** The host's tap devices, or undefined when nothing watches them (no Linux bridge agent). */
  readonly tapDevices: PluggableBridge | undefined;
  /** The host's virtual functions, or undefined on a host without SR-IOV NICs. */
  readonly virtualFunctions: PluggableBridge | undefined;
  /** The Linux bridge called `name` (hybrid plug `qbr…`), or undefined. */
  linuxBridge(name: string): PluggableBridge | undefined;
  /** Creates a Linux bridge; throws `Error` when it exists. Never blocks. */
  createLinuxBridge(name: string): PluggableBridge;
  /** Deletes a Linux bridge with whatever is on it; false when there was none. */
  deleteLinuxBridge(name: string): boolean;
}

/** What an `InMemoryHostDataPlane` starts with. */
export interface InMemoryHostDataPlaneOptions {
  /** OVS bridges, e.g. the `br-int` an OVS agent watches. */
  ovsBridges?: readonly PluggableBridge[];
  /** The tap devices a Linux bridge agent watches. */
  tapDevices?: PluggableBridge;
  /** The virtual functions an SR-IOV agent watches. */
  virtualFunctions?: PluggableBridge;
}

/**
 * A host's data plane held in memory: the bridges given (shared with the host's agents) and the
 * hybrid-plug Linux bridges, which are `InMemoryBridge`s created on demand. Nothing blocks.
 */
export class InMemoryHostDataPlane implements HostDataPlane {
  readonly tapDevices: PluggableBridge | undefined;
  readonly virtualFunctions: PluggableBridge | undefined;
  private readonly ovs = new Map<string, PluggableBridge>();
  private readonly linuxBridges = new Map<string, PluggableBridge>();

  constructor(
    readonly host: string,
    options: InMemoryHostDataPlaneOptions = {},
  ) {
    for (const bridge of options.ovsBridges ?? []) this.ovs.set(bridge.name, bridge);
    this.tapDevices = options.tapDevices;
    this.virtualFunctions = options.virtualFunctions;
  }

  /** See `HostDataPlane.ovsBridge`. */
  ovsBridge(name: string): PluggableBridge | undefined {
    return this.ovs.get(name);
  }

  /** See `HostDataPlane.linuxBridge`. */
  linuxBridge(name: string): PluggableBridge | undefined {
    return this.linuxBridges.get(name);
  }

  /** Names of the Linux bridges that exist now. */
  get linuxBridgeNames(): string[] {
    return [...this.linuxBridges.keys()];
  }

  /** See `HostDataPlane.createLinuxBridge`. */
  createLinuxBridge(name: string): PluggableBridge {
    if (this.linuxBridges.has(name)) {
      throw new Error(`Linux bridge ${name} already exists on ${this.host}`);
    }
    const bridge = new InMemoryBridge(name);
    this.linuxBridges.set(name, bridge);
    return bridge;
  }

  /** See `HostDataPlane.deleteLinuxBridge`. */
  deleteLinuxBridge(name: string): boolean {
    return this.linuxBridges.delete(name);
  }
}
