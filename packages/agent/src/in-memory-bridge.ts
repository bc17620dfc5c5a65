import {
  type Bridge,
  type BridgeEvent,
  type BridgeInterface,
  type OvsCapabilities,
} from './bridge';
import { type DeviceWiring } from './device-wiring';

/** An interface to add to an `InMemoryBridge`. */
export interface InterfaceSpec {
  name: string;
  externalIds?: Readonly<Record<string, string>>;
  mac?: string;
  pciSlot?: string;
  /**
   * The OpenFlow port: a number, null for "not assigned yet" (assign it later with
   * `assignOfport`), or absent for the next free number.
   */
  ofport?: number | null;
}

/** One `program` call the bridge received. */
export interface ProgrammingRecord {
  interfaceName: string;
  wiring: DeviceWiring | null;
}

/** Default capabilities: a kernel datapath that also offers DPDK types, like a stock OVS. */
export const DEFAULT_OVS_CAPABILITIES: OvsCapabilities = {
  datapath_types: ['netdev', 'system'],
  iface_types: ['geneve', 'gre', 'internal', 'patch', 'system', 'tap', 'vxlan'],
};

/**
 * A bridge held in memory: the compute side (or a test) adds and removes interfaces, the agent
 * watches them and programs their wiring, and anyone can inspect what was programmed. Changes
 * notify watchers synchronously. Nothing blocks.
 */
export class InMemoryBridge implements Bridge {
  private readonly interfaces = new Map<string, BridgeInterface>();
  private readonly wirings = new Map<string, DeviceWiring | null>();
  private readonly listeners = new Set<(event: BridgeEvent) => void>();
  private readonly records: ProgrammingRecord[] = [];
  private nextOfport = 1;

  constructor(
    readonly name = 'br-int',
    private readonly supported: OvsCapabilities = DEFAULT_OVS_CAPABILITIES,
  ) {}

  /** Adds an interface; throws `Error` when one with that name exists. */
  addInterface(spec: InterfaceSpec): BridgeInterface {
    if (this.interfaces.has(spec.name)) {
      throw new Error(`interface ${spec.name} already exists on ${this.name}`);
    }
    const added: BridgeInterface = {
      name: spec.name,
      externalIds: { ...spec.externalIds },
      ofport: spec.ofport === undefined ? this.nextOfport++ : spec.ofport,
      ...(spec.mac !== undefined ? { mac: spec.mac } : {}),
      ...(spec.pciSlot !== undefined ? { pciSlot: spec.pciSlot } : {}),
    };
    this.interfaces.set(spec.name, added);
    this.wirings.delete(spec.name);
    this.emit({ type: 'added', name: spec.name });
    return added;
  }

  /** Removes an interface and what was programmed on it; false when there was none. */
  removeInterface(name: string): boolean {
    if (!this.interfaces.delete(name)) return false;
    this.wirings.delete(name);
    this.emit({ type: 'removed', name });
    return true;
  }

  /** Replaces an interface's external ids; throws `Error` for an unknown interface. */
  setExternalIds(name: string, externalIds: Readonly<Record<string, string>>): void {
    this.replace(name, { externalIds: { ...externalIds } });
  }

  /** Sets the OpenFlow port (OVS finished adding the interface, or failed: -1). */
  assignOfport(name: string, ofport: number): void {
    this.replace(name, { ofport });
  }

  /** One interface, or undefined. */
  getInterface(name: string): BridgeInterface | undefined {
    return this.interfaces.get(name);
  }

  /**
   * What the agent programmed on an interface: its wiring, null when the agent removed it, or
   * undefined when it never programmed that interface (since it was added).
   */
  wiringOf(name: string): DeviceWiring | null | undefined {
    return this.wirings.get(name);
  }

  /** Every `program` call so far, in order (calls for vanished interfaces excluded). */
  get history(): readonly ProgrammingRecord[] {
    return this.records;
  }

  /** See `Bridge.listInterfaces`. */
  async listInterfaces(): Promise<BridgeInterface[]> {
    return [...this.interfaces.values()];
  }

  /** See `Bridge.watch`. */
  watch(listener: (event: BridgeEvent) => void): () => void {
    const subscription = (event: BridgeEvent) => listener(event);
    this.listeners.add(subscription);
    return () => {
      this.listeners.delete(subscription);
    };
  }

  /** See `Bridge.program`. */
  async program(interfaceName: string, wiring: DeviceWiring | null): Promise<boolean> {
    if (!this.interfaces.has(interfaceName)) return false;
    const copy = wiring === null ? null : structuredClone(wiring);
    this.wirings.set(interfaceName, copy);
    this.records.push({ interfaceName, wiring: copy });
    return true;
  }

  /** See `Bridge.capabilities`. */
  async capabilities(): Promise<OvsCapabilities> {
    return structuredClone(this.supported);
  }

  private replace(name: string, change: Partial<BridgeInterface>): void {
    const current = this.interfaces.get(name);
    if (!current) throw new Error(`no interface ${name} on ${this.name}`);
    this.interfaces.set(name, { ...current, ...change });
    this.emit({ type: 'modified', name });
  }

  private emit(event: BridgeEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // A watcher's failure must not break the data plane.
      }
    }
  }
}
