import { type InterfaceSpec } from '@ml2ts/agent';
import { portDeviceName } from '@ml2ts/compute';
import { UsageError } from '../usage-error';
import { type AgentCommandType } from './agent-config';
import { describeJson, isJsonObject, readAgentJsonFile } from './agent-file';

/** How the devices of a `--devices` file are plugged. */
export interface AgentDevicesOptions {
  /**
   * The Open vSwitch agent runs with `firewall_driver` `iptables_hybrid`: a port's interface on
   * the integration bridge is then the `qvo…` end of the hybrid plug, not the `tap…`.
   */
  readonly hybridPlug: boolean;
}

/** The keys of one device, by agent type: required ones first. */
const DEVICE_KEYS: Readonly<
  Record<AgentCommandType, { required: readonly string[]; optional: readonly string[] }>
> = {
  openvswitch: { required: ['port_id', 'mac_address'], optional: ['name'] },
  linuxbridge: { required: ['port_id', 'mac_address'], optional: [] },
  sriov: { required: ['pci_slot', 'mac_address'], optional: ['name', 'port_id'] },
};

/** What the keys must be. */
const EXPECTED: Readonly<Record<string, string>> = {
  port_id: "must be the port's id, a UUID such as 6a1c0c1e-5d3f-4b7e-9c55-3f0a2b1c4d5e",
  mac_address: "must be the port's MAC address, such as fa:16:3e:12:34:56",
  pci_slot: "must be the virtual function's PCI address, such as 0000:81:00.1",
  name: 'must be a non-empty interface name',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAC = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i;
const PCI_SLOT = /^[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$/i;
/** A virtual function with this MAC address has no port behind it. */
const UNASSIGNED_MAC = '00:00:00:00:00:00';

/** One device as the file gives it, validated. */
interface DeviceEntry {
  port_id?: string;
  mac_address: string;
  pci_slot?: string;
  name?: string;
}

/**
 * Reads the `--devices FILE` of an agent of `type`: a JSON list with one object per port whose
 * device a compute host would plug (see `checkAgentDevices`). Blocks while the file is read.
 * Throws `UsageError` naming the file, the entry and the key at fault.
 */
export function readAgentDevicesFile(
  file: string,
  type: AgentCommandType,
  options: AgentDevicesOptions,
): InterfaceSpec[] {
  const parsed = readAgentJsonFile(
    file,
    '--devices',
    `a JSON list of devices, such as ${deviceExample(type)}`,
  );
  return checkAgentDevices(parsed, type, options, `--devices ${file}`);
}

/**
 * The interfaces to add to the in-memory bridge of an agent of `type` for the device list
 * `parsed`, as os-vif and the hypervisor would plug them:
 *
 * - `openvswitch`: `{"port_id", "mac_address", "name"?}` is an interface on the integration
 *   bridge with the external ids `iface-id`, `attached-mac` and `iface-status`, named
 *   `tap<port id>` (`qvo<port id>` with the hybrid plug), both cut to 14 characters, unless
 *   `name` says otherwise;
 * - `linuxbridge`: `{"port_id", "mac_address"}` is the tap `tap<port id>` (the agent finds a
 *   port's tap by that name), carrying the MAC address a hypervisor gives it (`fe:…`);
 * - `sriov`: `{"pci_slot", "mac_address", "name"?, "port_id"?}` is a virtual function at that
 *   PCI address given the port's MAC address, named `vf-<pci slot>` unless `name` says
 *   otherwise (`port_id` is only for the reader: the agent finds a port by MAC and slot).
 *
 * `source` names the list in messages. Pure. Throws `UsageError` naming the entry (counted from
 * 1) and the key for anything wrong: not a list, an entry that is not an object, a missing or
 * unknown key, a malformed value, or two entries for one port, PCI slot or interface name.
 */
export function checkAgentDevices(
  parsed: unknown,
  type: AgentCommandType,
  options: AgentDevicesOptions,
  source: string,
): InterfaceSpec[] {
  if (!Array.isArray(parsed)) {
    throw new UsageError(
      `${source} must hold a JSON list of devices, such as ${deviceExample(type)}, not ` +
        describeJson(parsed),
    );
  }
  const interfaces: InterfaceSpec[] = [];
  const seen = new Map<string, number>();
  parsed.forEach((value: unknown, index) => {
    const where = `${source}, entry ${index + 1}`;
    const entry = checkEntry(value, type, where);
    const spec = interfaceOf(entry, type, options);
    const unique: Array<[string, string | undefined]> = [
      ['port_id', type === 'sriov' ? undefined : entry.port_id],
      ['pci_slot', entry.pci_slot],
      ['interface name', spec.name],
    ];
    for (const [what, key] of unique) {
      if (key === undefined) continue;
      const earlier = seen.get(`${what} ${key}`);
      if (earlier !== undefined) {
        throw new UsageError(
          `${where}: ${what} ${key} is entry ${earlier}'s too; each device must have its own`,
        );
      }
      seen.set(`${what} ${key}`, index + 1);
    }
    interfaces.push(spec);
  });
  return interfaces;
}

function checkEntry(value: unknown, type: AgentCommandType, where: string): DeviceEntry {
  const keys = DEVICE_KEYS[type];
  if (!isJsonObject(value)) {
    throw new UsageError(
      `${where} must be a device object, such as ${deviceExample(type)}, not ${describeJson(value)}`,
    );
  }
  const known = [...keys.required, ...keys.optional];
  for (const name of Object.keys(value)) {
    if (!known.includes(name)) {
      throw new UsageError(
        `${where}: unknown key "${name}"; ${type} devices have ${known.join(', ')}` +
          (name === 'name' && type === 'linuxbridge'
            ? ' (the agent finds a tap by its name, tap + the start of the port id)'
            : ''),
      );
    }
  }
  for (const name of keys.required) {
    if (value[name] === undefined) {
      throw new UsageError(`${where} needs "${name}", which ${EXPECTED[name]}`);
    }
  }
  const checks: Readonly<Record<string, (text: string) => boolean>> = {
    port_id: (text) => UUID.test(text),
    mac_address: (text) =>
      MAC.test(text) && !(type === 'sriov' && text.toLowerCase() === UNASSIGNED_MAC),
    pci_slot: (text) => PCI_SLOT.test(text),
    name: (text) => text.trim() !== '',
  };
  for (const name of known) {
    const field = value[name];
    if (field === undefined) continue;
    if (typeof field !== 'string' || !checks[name](field)) {
      throw new UsageError(`${where}: "${name}" ${EXPECTED[name]} (got ${describeJson(field)})`);
    }
  }
  const text = (name: string) => value[name] as string | undefined;
  return {
    mac_address: text('mac_address')!.toLowerCase(),
    ...(text('port_id') !== undefined ? { port_id: text('port_id')!.toLowerCase() } : {}),
    ...(text('pci_slot') !== undefined ? { pci_slot: text('pci_slot')!.toLowerCase() } : {}),
    ...(text('name') !== undefined ? { name: text('name') } : {}),
  };
}

function interfaceOf(
  entry: DeviceEntry,
  type: AgentCommandType,
  options: AgentDevicesOptions,
): InterfaceSpec {
  switch (type) {
    case 'openvswitch': {
      const portId = entry.port_id!;
      const name = entry.name ?? portDeviceName(options.hybridPlug ? 'qvo' : 'tap', portId);
      return {
        name,
        externalIds: {
          'iface-id': portId,
          'iface-status': 'active',
          'attached-mac': entry.mac_address,
        },
        // The hybrid plug's qvo end is a veth: only a tap carries the hypervisor's MAC.
        ...(options.hybridPlug ? {} : { mac: tapMac(entry.mac_address) }),
      };
    }
    case 'linuxbridge':
      return { name: portDeviceName('tap', entry.port_id!), mac: tapMac(entry.mac_address) };
    case 'sriov':
      return {
        name: entry.name ?? `vf-${entry.pci_slot!}`,
        pciSlot: entry.pci_slot!,
        mac: entry.mac_address,
      };
  }
}

/** The MAC a hypervisor gives a tap: the port's, with `fe` as first octet. */
function tapMac(portMac: string): string {
  return `fe${portMac.slice(2)}`;
}

function deviceExample(type: AgentCommandType): string {
  return type === 'sriov'
    ? '[{"pci_slot": "0000:81:00.1", "mac_address": "fa:16:3e:12:34:56"}]'
    : '[{"port_id": "<port uuid>", "mac_address": "fa:16:3e:12:34:56"}]';
}
