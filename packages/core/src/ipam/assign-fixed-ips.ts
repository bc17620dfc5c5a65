import {
  AllocationOnAutoAddressSubnet,
  type FixedIpRequest,
  type FixedIpResource,
  InvalidAttribute,
  InvalidIpForNetwork,
  InvalidIpForSubnet,
  IpAddressGenerationFailure,
  IpAddressInUse,
  type RandomSource,
  SubnetNotFound,
} from '@ml2ts/driver-api';
import { type Subnet } from '@ml2ts/store';
import { eui64Address } from './eui64-address';
import { canonicalIpAddress, formatIpAddress, type IpAddress, parseIpAddress } from './ip-address';
import { cidrContains, formatCidr, lastAddressValue } from './ip-cidr';
import { type AllocationReader, pickFreeAddress, type PickOptions } from './pick-free-address';
import {
  ROUTER_INTERFACE_OWNERS,
  ROUTER_INTERFACE_OWNERS_SNAT,
  ROUTER_PORT_OWNERS,
} from './router-port-owners';
import { type SubnetAddressing, subnetAddressingOf } from './subnet-addressing';

/** The port whose addresses are assigned. */
export interface FixedIpPort {
  readonly networkId: string;
  /** Lower-case colon form; EUI-64 addresses are derived from it. */
  readonly macAddress: string;
  readonly deviceOwner: string;
  /**
   * The port's addresses before the change (`[]` on create). An address it keeps is not "in
   * use"; one it no longer holds is released with the change.
   */
  readonly current: readonly FixedIpResource[];
  /**
   * The MAC address changed: the port's EUI-64 addresses are derived anew instead of kept (its
   * addresses on autoconfigured subnets are dropped from `current`).
   */
  readonly renumber?: boolean;
}

/**
 * What the port asks for: `defaults` (a create without `fixed_ips`), `current` (keep the
 * port's addresses: an update that changed only the MAC address), or a `fixed_ips` list.
 */
export type FixedIpsRequested = 'defaults' | 'current' | readonly FixedIpRequest[];

/** Where `assignFixedIps` reads from, inside the caller's transaction. */
export interface FixedIpSources {
  /** Every subnet of the port's network, oldest first (the order addresses are taken in). */
  readonly subnets: readonly Subnet[];
  /** A subnet by id, of any network (to tell an unknown subnet from another network's). */
  findSubnet(subnetId: string): Promise<Subnet | null>;
  /** The held addresses of a subnet, for the in-use checks and free-address picks. */
  readonly allocations: AllocationReader;
  readonly random: RandomSource;
  /** Tuning of the picks; tests force a strategy. */
  readonly pick?: PickOptions;
}

/** The addresses `assignFixedIps` gives the port. */
export interface AssignedFixedIps {
  /** In the order the API shows them. */
  readonly fixedIps: FixedIpResource[];
  /**
   * True when an address was chosen from the pools: a concurrent writer may claim it first,
   * and then the whole change may be tried again (it will choose another).
   */
  readonly picked: boolean;
}

/**
 * The addresses a port gets, by ml2ts's address management (Neutron's rules), checked against
 * the database but not written:
 * - `defaults` (create without `fixed_ips`): one address from the first IPv4 subnet with a free
 *   one and one from the first other IPv6 subnet with a free one (409
 *   `IpAddressGenerationFailure` when a version has subnets but none has room).
 * - `current`: the port's addresses (EUI-64 ones derived anew when `port.renumber`).
 * - a list (see `FixedIpRequest`): each entry in order; `{subnet_id}` keeps the port's address
 *   on that subnet when it has one, else takes a free pool address (409 when none is left); an
 *   address the port holds is kept; a new address must be valid on its subnet and not held
 *   (409 `IpAddressInUse`), and is refused twice in one request (400). Addresses the port holds
 *   that the list leaves out are released, except on autoconfigured subnets.
 * - then, except for router interfaces, the port's EUI-64 address on every autoconfigured IPv6
 *   subnet of the network it has none on.
 * Throws the typed 400/404/409 errors naming the entry; never writes.
 */
export async function assignFixedIps(
  port: FixedIpPort,
  requested: FixedIpsRequested,
  sources: FixedIpSources,
): Promise<AssignedFixedIps> {
  return new Assignment(port, sources).run(requested);
}

/** One run of `assignFixedIps`: the addresses chosen so far. */
class Assignment {
  private readonly subnets: ReadonlyMap<string, SubnetAddressing>;
  private readonly order: readonly SubnetAddressing[];
  /** True unless the port is a router interface: it gets EUI-64 addresses. */
  private readonly autoconfigured: boolean;
  /** Addresses of the port not claimed yet, by canonical text. */
  private readonly held: Map<string, FixedIpResource>;
  /** Every address of the port's current ones, canonical. */
  private readonly own: ReadonlySet<string>;
  /** Canonical texts of the addresses chosen so far. */
  private readonly chosen = new Set<string>();
  private picked = false;

  constructor(
    private readonly port: FixedIpPort,
    private readonly sources: FixedIpSources,
  ) {
    this.order = sources.subnets.map(subnetAddressingOf);
    this.subnets = new Map(this.order.map((subnet) => [subnet.id, subnet]));
    this.autoconfigured = !ROUTER_INTERFACE_OWNERS_SNAT.includes(port.deviceOwner);
    const current = port.current.map((ip): FixedIpResource => ({
      ip_address: canonical(ip.ip_address),
      subnet_id: ip.subnet_id,
    }));
    this.own = new Set(current.map((ip) => ip.ip_address));
    const renumbered = (ip: FixedIpResource) =>
      port.renumber === true && this.autoconfigured && this.subnets.get(ip.subnet_id)?.autoAddress;
    this.held = new Map(current.filter((ip) => !renumbered(ip)).map((ip) => [ip.ip_address, ip]));
  }

  async run(requested: FixedIpsRequested): Promise<AssignedFixedIps> {
    let fixedIps: FixedIpResource[];
    if (requested === 'defaults') {
      fixedIps = await this.defaults();
    } else if (requested === 'current') {
      fixedIps = [...this.held.values()];
      this.held.clear();
      for (const ip of fixedIps) this.chosen.add(ip.ip_address);
    } else {
      fixedIps = await this.requestedAddresses(requested);
    }
    // Addresses left out of the request stay on autoconfigured subnets only.
    for (const ip of this.held.values()) {
      if (this.autoconfigured && this.subnets.get(ip.subnet_id)?.autoAddress) fixedIps.push(ip);
    }
    if (this.autoconfigured) {
      for (const subnet of this.order.filter((candidate) => candidate.autoAddress)) {
        if (fixedIps.some((ip) => ip.subnet_id === subnet.id)) continue;
        const address = eui64Address(subnet.cidr, this.port.macAddress);
        fixedIps.push(await this.claim(subnet, address));
      }
    }
    return { fixedIps, picked: this.picked };
  }

  /** Create without `fixed_ips`: one IPv4 and one (not autoconfigured) IPv6 pool address. */
  private async defaults(): Promise<FixedIpResource[]> {
    const fixedIps: FixedIpResource[] = [];
    const groups = [
      this.order.filter((subnet) => subnet.cidr.version === 4),
      this.order.filter((subnet) => subnet.cidr.version === 6 && !subnet.autoAddress),
    ];
    for (const group of groups) {
      if (group.length === 0) continue;
      let assigned: FixedIpResource | null = null;
      for (const subnet of group) {
        assigned = await this.pick(subnet);
        if (assigned) break;
      }
      if (!assigned) throw new IpAddressGenerationFailure(this.port.networkId);
      fixedIps.push(assigned);
    }
    return fixedIps;
  }

  /** The entries of a `fixed_ips` list: those with an address first, then subnet-only ones. */
  private async requestedAddresses(
    requested: readonly FixedIpRequest[],
  ): Promise<FixedIpResource[]> {
    const slots: Array<FixedIpResource | null> = requested.map(() => null);
    const subnets: SubnetAddressing[] = [];
    for (const [index, entry] of requested.entries()) {
      subnets.push(await this.subnetOf(entry, index));
    }
    for (const [index, entry] of requested.entries()) {
      if (entry.ip_address === undefined) continue;
      slots[index] = await this.given(subnets[index], entry.ip_address, index);
    }
    for (const [index, entry] of requested.entries()) {
      if (entry.ip_address !== undefined) continue;
      const subnet = subnets[index];
      // An autoconfigured subnet's address is the EUI-64 one, added after the list.
      if (subnet.autoAddress && this.autoconfigured) continue;
      const kept = [...this.held.values()].find((ip) => ip.subnet_id === subnet.id);
      if (kept) {
        this.held.delete(kept.ip_address);
        this.chosen.add(kept.ip_address);
        slots[index] = kept;
        continue;
      }
      const assigned = await this.pick(subnet);
      if (!assigned) throw new IpAddressGenerationFailure(this.port.networkId, subnet.id);
      slots[index] = assigned;
    }
    return slots.filter((slot): slot is FixedIpResource => slot !== null);
  }

  /** The subnet an entry names, or the network's subnet holding its address. */
  private async subnetOf(entry: FixedIpRequest, index: number): Promise<SubnetAddressing> {
    const address = entry.ip_address === undefined ? null : parseIpAddress(entry.ip_address);
    if (entry.subnet_id !== undefined) {
      const subnet = this.subnets.get(entry.subnet_id);
      if (!subnet) {
        const elsewhere = await this.sources.findSubnet(entry.subnet_id);
        if (!elsewhere) throw new SubnetNotFound(entry.subnet_id);
        throw new InvalidAttribute(
          `fixed_ips[${index}].subnet_id`,
          `subnet ${elsewhere.id} is not on network ${this.port.networkId}; give one of its subnets`,
        );
      }
      if (entry.ip_address !== undefined && (address === null || !this.validOn(subnet, address))) {
        throw new InvalidIpForSubnet(entry.ip_address, subnet.id, formatCidr(subnet.cidr));
      }
      return subnet;
    }
    if (entry.ip_address === undefined || address === null) {
      throw new InvalidAttribute(
        `fixed_ips[${index}].subnet_id`,
        `fixed_ips[${index}] needs a subnet_id, an ip_address or both`,
      );
    }
    const holder = this.order.find((subnet) => this.validOn(subnet, address));
    if (!holder) throw new InvalidIpForNetwork(entry.ip_address, this.port.networkId);
    return holder;
  }

  /** A given address: kept when the port holds it, else checked and claimed. */
  private async given(
    subnet: SubnetAddressing,
    ipAddress: string,
    index: number,
  ): Promise<FixedIpResource> {
    const text = canonical(ipAddress);
    if (this.chosen.has(text)) {
      throw new InvalidAttribute(
        `fixed_ips[${index}].ip_address`,
        `fixed_ips[${index}] repeats the address ${text}; give each address once`,
      );
    }
    const kept = this.held.get(text);
    if (kept) {
      this.held.delete(text);
      this.chosen.add(text);
      return kept;
    }
    if (subnet.autoAddress && !ROUTER_INTERFACE_OWNERS.includes(this.port.deviceOwner)) {
      throw new AllocationOnAutoAddressSubnet(text, subnet.id);
    }
    const address = parseIpAddress(text);
    if (address === null)
      throw new InvalidIpForSubnet(ipAddress, subnet.id, formatCidr(subnet.cidr));
    return this.claim(subnet, address);
  }

  /** A specific address for the port: refused when another port holds it. */
  private async claim(subnet: SubnetAddressing, address: IpAddress): Promise<FixedIpResource> {
    const text = formatIpAddress(address);
    if (!this.own.has(text) && (await this.sources.allocations.isAllocated(subnet.id, text))) {
      throw new IpAddressInUse(text, this.port.networkId);
    }
    this.held.delete(text);
    this.chosen.add(text);
    return { ip_address: text, subnet_id: subnet.id };
  }

  /** A free pool address of the subnet, or null when it has none. */
  private async pick(subnet: SubnetAddressing): Promise<FixedIpResource | null> {
    const address = await pickFreeAddress(
      this.sources.allocations,
      subnet,
      this.sources.random,
      this.chosen,
      this.sources.pick,
    );
    if (address === null) return null;
    const text = formatIpAddress(address);
    this.chosen.add(text);
    this.picked = true;
    return { ip_address: text, subnet_id: subnet.id };
  }

  /**
   * Whether a port may hold `address` on the subnet: inside it, not its network address (but for
   * IPv6 router ports) and not an IPv4 broadcast address.
   */
  private validOn(subnet: SubnetAddressing, address: IpAddress): boolean {
    const { cidr } = subnet;
    if (!cidrContains(cidr, address)) return false;
    if (cidr.version === 6) {
      return address.value !== cidr.network || ROUTER_PORT_OWNERS.includes(this.port.deviceOwner);
    }
    return address.value !== cidr.network && address.value !== lastAddressValue(cidr);
  }
}

/** The canonical text of a valid address (as stored); the text itself otherwise. */
function canonical(text: string): string {
  return canonicalIpAddress(text) ?? text;
}
