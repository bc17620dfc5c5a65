import {
  agentlessVnicTypes,
  agentVnicType,
  declaredPhysicalTypes,
  declaredTunnelTypes,
  declaredVnicTypes,
  firstNetworkType,
} from '../contract-declaration';
import {
  capableAgent,
  OTHER_HOST,
  sampleSegment,
  UNMAPPED_PHYSICAL_NETWORK,
  uniquePortAndHost,
} from '../contract-fixtures';
import { type ContractCheck, type ContractGroup } from '../contract-group';
import { capableSetup } from '../contract-setups';
import { expectBound, expectDeclined, type TurnSetup } from '../contract-turn';
import { type DriverCapabilities, type VnicTypeCapability } from '@ml2ts/driver-api';
import { check, defineContractGroup } from './define-contract-group';

/**
 * Agents on other hosts. `hostAgents` returns only the agents of the port's host; a driver must
 * never bind through an agent of another host: it declines when the only live agent is elsewhere
 * or when its host's agent is dead while another host's is alive, and on a host whose agent can
 * reach only some segments it binds what that agent reaches, not what another host's agent would.
 * Ports bound without agents bind on any host, or, when the driver declares its hosts
 * (`capabilities.hosts`), on each declared host; then every vnic type's port on a host it does not
 * declare is declined, even with a capable agent there.
 */
export const otherHostAgents: ContractGroup = defineContractGroup(
  'agents-on-other-hosts',
  'agents on other hosts',
  (subject) => {
    const capabilities = subject.capabilities;
    const segment = sampleSegment(firstNetworkType(capabilities));
    const checks: ContractCheck[] = [];
    const vnic = agentVnicType(capabilities);
    if (vnic !== null) {
      checks.push(
        check('declines when the only live agent is on another host', async () => {
          const setup = capableSetup(capabilities, vnic, [segment], { host: OTHER_HOST });
          expectDeclined(await subject.bind(setup), `the only agent is on ${OTHER_HOST}`);
        }),
        check("declines when the host's agent is dead and another host's is alive", async () => {
          const setup = capableSetup(capabilities, vnic, [segment], { alive: false });
          const elsewhere = capableAgent(capabilities, { vnic, host: OTHER_HOST });
          expectDeclined(
            await subject.bind({ ...setup, agents: [...(setup.agents ?? []), elsewhere] }),
            `the host's agent is dead; only the agent on ${OTHER_HOST} is alive`,
          );
        }),
        check("binds what the port's own host's agent reaches", async () => {
          const { setup, expected } = ownHostSetup(capabilities, vnic);
          expectBound(await subject.bind(setup), expected);
        }),
      );
    }
    const hosts = capabilities.hosts;
    for (const agentless of agentlessVnicTypes(capabilities)) {
      if (hosts === undefined) {
        checks.push(
          check(`binds ${agentless.vnicType} ports on any host`, async () => {
            const { host } = uniquePortAndHost();
            expectBound(
              await subject.bind({ vnic: agentless, host, segments: [segment] }),
              segment.id,
            );
          }),
        );
        continue;
      }
      for (const host of hosts) {
        checks.push(
          check(`binds ${agentless.vnicType} ports on ${host}, a declared host`, async () => {
            expectBound(
              await subject.bind({ vnic: agentless, host, segments: [segment] }),
              segment.id,
            );
          }),
        );
      }
    }
    if (hosts !== undefined) {
      for (const each of declaredVnicTypes(capabilities)) {
        checks.push(
          check(`declines ${each.vnicType} ports on a host it does not declare`, async () => {
            const { host } = uniquePortAndHost();
            const setup = capableSetup(capabilities, each, [segment], { host }, { host });
            expectDeclined(
              await subject.bind(setup),
              `${host} is not one of the declared hosts (${hosts.join(', ')})`,
            );
          }),
        );
      }
    }
    return checks;
  },
);

/**
 * A port on a host of its own whose agent reaches one segment while an agent on another host
 * reaches the other: by physical network when the driver maps physical networks, by tunnel type
 * when it reads the agent's tunnel types, else both reach the one segment.
 */
function ownHostSetup(
  capabilities: DriverCapabilities,
  vnic: VnicTypeCapability,
): { setup: TurnSetup; expected: string } {
  const { host } = uniquePortAndHost(capabilities);
  const agent = capabilities.agent!;
  const physicalType = declaredPhysicalTypes(capabilities)[0];
  const tunnelTypes = declaredTunnelTypes(capabilities);
  if (physicalType !== undefined && Object.keys(agent.physicalNetworkMappings).length > 0) {
    const reached = sampleSegment(physicalType, 0, 'physnet1');
    const elsewhere = sampleSegment(physicalType, 0, UNMAPPED_PHYSICAL_NETWORK);
    const agents = [
      capableAgent(capabilities, { vnic, host, physicalNetworks: ['physnet1'] }),
      capableAgent(capabilities, {
        vnic,
        host: OTHER_HOST,
        physicalNetworks: [UNMAPPED_PHYSICAL_NETWORK],
      }),
    ];
    return { setup: { vnic, host, agents, segments: [elsewhere, reached] }, expected: reached.id };
  }
  if (agent.tunnelTypesFromAgent && tunnelTypes.length >= 2) {
    const [first, second] = tunnelTypes;
    const agents = [
      capableAgent(capabilities, { vnic, host, tunnelTypes: [second] }),
      capableAgent(capabilities, { vnic, host: OTHER_HOST, tunnelTypes: [first] }),
    ];
    const segments = [sampleSegment(first), sampleSegment(second)];
    return { setup: { vnic, host, agents, segments }, expected: segments[1].id };
  }
  const segment = sampleSegment(firstNetworkType(capabilities));
  const agents = [
    capableAgent(capabilities, { vnic, host }),
    capableAgent(capabilities, { vnic, host: OTHER_HOST }),
  ];
  return { setup: { vnic, host, agents, segments: [segment] }, expected: segment.id };
}
