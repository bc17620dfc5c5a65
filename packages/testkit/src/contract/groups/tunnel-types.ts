import { agentVnicType, declaredTunnelTypes } from '../contract-declaration';
import { ALL_TUNNEL_TYPES, sampleSegment } from '../contract-fixtures';
import { type ContractCheck, type ContractGroup } from '../contract-group';
import { capableSetup } from '../contract-setups';
import { expectBound, expectDeclined } from '../contract-turn';
import { check, defineContractGroup } from './define-contract-group';

/**
 * Tunnel types, for agent-based drivers that bind tunnel segments (`vxlan`, `geneve`, `gre`).
 * When the declaration says the agent's `tunnel_types` decide, a segment is bound when the agent
 * lists its type and declined when the agent lists only other types or none. Otherwise the
 * segment is bound whatever the agent reports.
 */
export const tunnelTypes: ContractGroup = defineContractGroup(
  'tunnel-types',
  'tunnel types',
  (subject) => {
    const capabilities = subject.capabilities;
    const vnic = agentVnicType(capabilities);
    const types = declaredTunnelTypes(capabilities);
    if (vnic === null || capabilities.agent === null || types.length === 0) return [];
    const fromAgent = capabilities.agent.tunnelTypesFromAgent;
    const checks: ContractCheck[] = [];
    for (const type of types) {
      const segment = sampleSegment(type);
      if (!fromAgent) {
        checks.push(
          check(`binds a ${type} segment whatever tunnel types the agent reports`, async () => {
            const setup = capableSetup(capabilities, vnic, [segment], { tunnelTypes: null });
            expectBound(await subject.bind(setup), segment.id);
          }),
        );
        continue;
      }
      const others = ALL_TUNNEL_TYPES.filter((other) => other !== type);
      checks.push(
        check(`binds a ${type} segment when the agent reports ${type}`, async () => {
          const setup = capableSetup(capabilities, vnic, [segment], { tunnelTypes: [type] });
          expectBound(await subject.bind(setup), segment.id);
        }),
        check(
          `declines a ${type} segment when the agent reports only ${others.join(' and ')}`,
          async () => {
            const setup = capableSetup(capabilities, vnic, [segment], { tunnelTypes: others });
            expectDeclined(await subject.bind(setup), `the agent does not report ${type}`);
          },
        ),
        check(`declines a ${type} segment when the agent reports no tunnel type`, async () => {
          const setup = capableSetup(capabilities, vnic, [segment], { tunnelTypes: null });
          expectDeclined(await subject.bind(setup), 'the agent reports no tunnel_types');
        }),
      );
    }
    return checks;
  },
);
