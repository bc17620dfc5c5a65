import { agentlessVnicTypes, agentVnicType, firstNetworkType } from '../contract-declaration';
import { capableAgent, FOREIGN_AGENT_TYPE, sampleSegment } from '../contract-fixtures';
import { type ContractCheck, type ContractGroup } from '../contract-group';
import { capableSetup } from '../contract-setups';
import { expectBound, expectDeclined } from '../contract-turn';
import { check, defineContractGroup } from './define-contract-group';

/**
 * Dead and absent agents. An agent-based driver declines when the host has no agent of its type,
 * when its only agent is dead (`alive` is false: the heartbeat is older than `agent_down_time`),
 * and when the only agent is of another type; it binds through a live agent next to a dead one,
 * whatever the agent's admin state (binding never consults it). Vnic types bound without an agent
 * (and drivers without agents) bind with no agent at all, and whatever agents the host has.
 */
export const agentLiveness: ContractGroup = defineContractGroup(
  'dead-and-absent-agents',
  'dead and absent agents',
  (subject) => {
    const capabilities = subject.capabilities;
    const segment = sampleSegment(firstNetworkType(capabilities));
    const checks: ContractCheck[] = [];
    const vnic = agentVnicType(capabilities);
    if (vnic !== null) {
      const setup = capableSetup(capabilities, vnic, [segment]);
      const live = capableAgent(capabilities, { vnic });
      const dead = capableAgent(capabilities, { vnic, alive: false });
      checks.push(
        check('declines when no agent is registered on the host', async () => {
          expectDeclined(await subject.bind({ ...setup, agents: [] }), 'there is no agent');
        }),
        check('declines when its only agent on the host is dead', async () => {
          expectDeclined(
            await subject.bind({ ...setup, agents: [dead] }),
            'the only agent is dead (heartbeat 76 s old, agent_down_time 75 s)',
          );
        }),
        check('binds through a live agent next to a dead one', async () => {
          expectBound(await subject.bind({ ...setup, agents: [dead, live] }), segment.id);
        }),
        check('declines when the only agent on the host is of another type', async () => {
          const foreign = capableAgent(capabilities, { vnic, agentType: FOREIGN_AGENT_TYPE });
          expectDeclined(
            await subject.bind({ ...setup, agents: [foreign] }),
            `the only agent is a ${FOREIGN_AGENT_TYPE}`,
          );
        }),
        check('binds through a live agent whose admin state is down', async () => {
          const adminDown = capableAgent(capabilities, { vnic, adminStateUp: false });
          expectBound(await subject.bind({ ...setup, agents: [adminDown] }), segment.id);
        }),
      );
    }
    for (const agentless of agentlessVnicTypes(capabilities)) {
      checks.push(
        check(`binds ${agentless.vnicType} ports with no agent registered`, async () => {
          expectBound(
            await subject.bind({ vnic: agentless, segments: [segment], agents: [] }),
            segment.id,
          );
        }),
        check(`binds ${agentless.vnicType} ports whatever agents the host has`, async () => {
          const agents = [
            capableAgent(capabilities, { alive: false }),
            capableAgent(capabilities, { agentType: FOREIGN_AGENT_TYPE }),
          ];
          expectBound(
            await subject.bind({ vnic: agentless, segments: [segment], agents }),
            segment.id,
          );
        }),
      );
    }
    return checks;
  },
);
