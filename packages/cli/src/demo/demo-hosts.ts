import {
  type AgentEvent,
  createLinuxBridgeAgent,
  createOvsAgent,
  createSriovAgent,
  InMemoryBridge,
  type L2Agent,
  type ReportTiming,
  type Scheduler,
} from '@ml2ts/agent';
import { InMemoryHostDataPlane } from '@ml2ts/compute';
import { type AgentTransport } from '@ml2ts/agent-rpc';

/** The agent types the demo runs. */
export type DemoAgentKind = 'ovs' | 'linuxbridge' | 'sriov';

/** One compute host of the demo. */
export interface DemoHostSpec {
  host: string;
  kind: DemoAgentKind;
}

/** The PCI slots of the SR-IOV NIC's virtual functions (`ens2f0v0` …). */
export const DEMO_VF_SLOTS = ['0000:81:00.1', '0000:81:00.2', '0000:81:00.3', '0000:81:00.4'];

/** A demo host: its data plane for the compute side and its agent (not started). */
export interface DemoHost {
  readonly spec: DemoHostSpec;
  readonly dataPlane: InMemoryHostDataPlane;
  readonly agent: L2Agent;
  /** What the agent is configured with, as one line. */
  readonly setup: string;
}

/** What every demo agent shares. */
export interface DemoAgentContext {
  transport: AgentTransport;
  scheduler: Scheduler;
  /** `polling_interval` in seconds. */
  pollingInterval: number;
  /** Receives every agent event of the host. */
  observer: (host: string, agentType: string) => (event: AgentEvent) => void;
}

/** The agents report at once when they start (no initial jitter): the demo is short. */
const TIMING: ReportTiming = { initialReportDelayMax: 0 };

/**
 * Builds a host's data plane and its agent: OVS with `iptables_hybrid` (hybrid plug), VXLAN
 * tunnels and `physnet1` on `br-eth1`; Linux bridge with `physnet1` on `eth1` and VXLAN; SR-IOV
 * with `physnet1` on the NIC `ens2f0` and four unassigned VFs. Never blocks; the agent is not
 * started.
 */
export function buildDemoHost(spec: DemoHostSpec, context: DemoAgentContext): DemoHost {
  const common = {
    ...TIMING,
    host: spec.host,
    transport: context.transport,
    scheduler: context.scheduler,
    pollingInterval: context.pollingInterval,
  };
  switch (spec.kind) {
    case 'ovs': {
      const brInt = new InMemoryBridge('br-int');
      const agent = createOvsAgent({
        ...common,
        bridge: brInt,
        tunnelTypes: ['vxlan'],
        tunnelingIp: '192.0.2.11',
        bridgeMappings: { physnet1: 'br-eth1' },
        firewallDriver: 'iptables_hybrid',
        observer: context.observer(spec.host, 'Open vSwitch agent'),
      });
      return {
        spec,
        agent,
        dataPlane: new InMemoryHostDataPlane(spec.host, { ovsBridges: [brInt] }),
        setup: 'firewall iptables_hybrid (hybrid plug), vxlan tunnels, physnet1 on br-eth1',
      };
    }
    case 'linuxbridge': {
      const taps = new InMemoryBridge('taps');
      const agent = createLinuxBridgeAgent({
        ...common,
        bridge: taps,
        interfaceMappings: { physnet1: 'eth1' },
        tunnelTypes: ['vxlan'],
        tunnelingIp: '192.0.2.12',
        observer: context.observer(spec.host, 'Linux bridge agent'),
      });
      return {
        spec,
        agent,
        dataPlane: new InMemoryHostDataPlane(spec.host, { tapDevices: taps }),
        setup: 'physnet1 on eth1, vxlan tunnels',
      };
    }
    case 'sriov': {
      const vfs = new InMemoryBridge('ens2f0');
      DEMO_VF_SLOTS.forEach((pciSlot, index) =>
        vfs.addInterface({ name: `ens2f0v${index}`, pciSlot, mac: '00:00:00:00:00:00' }),
      );
      const agent = createSriovAgent({
        ...common,
        bridge: vfs,
        deviceMappings: { physnet1: ['ens2f0'] },
        observer: context.observer(spec.host, 'NIC Switch agent'),
      });
      return {
        spec,
        agent,
        dataPlane: new InMemoryHostDataPlane(spec.host, { virtualFunctions: vfs }),
        setup: `device_mappings physnet1 → ens2f0 (${DEMO_VF_SLOTS.length} VFs)`,
      };
    }
  }
}
