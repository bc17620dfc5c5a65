import { agentVnicType, declaredPhysicalTypes } from '../contract-declaration';
import { sampleSegment, UNMAPPED_PHYSICAL_NETWORK } from '../contract-fixtures';
import { type ContractCheck, type ContractGroup } from '../contract-group';
import { capableSetup } from '../contract-setups';
import { expectBound, expectDeclined } from '../contract-turn';
import { check, defineContractGroup } from './define-contract-group';

/**
 * Physical network mappings, for agent-based drivers that bind `flat` or `vlan` segments: under
 * each declared mapping key alone (`bridge_mappings`, `interface_mappings`, ...), a segment whose
 * physical network the agent maps is bound and one whose physical network it does not map is
 * declined; among several segments the mapped one is bound. A driver that declares no mapping
 * key binds on any physical network.
 */
export const physicalNetworkMappings: ContractGroup = defineContractGroup(
  'physical-network-mappings',
  'physical network mappings',
  (subject) => {
    const capabilities = subject.capabilities;
    const vnic = agentVnicType(capabilities);
    const types = declaredPhysicalTypes(capabilities);
    if (vnic === null || capabilities.agent === null || types.length === 0) return [];
    const keys = Object.keys(capabilities.agent.physicalNetworkMappings);
    const checks: ContractCheck[] = [];
    if (keys.length === 0) {
      for (const type of types) {
        checks.push(
          check(`binds a ${type} segment on any physical network`, async () => {
            const segment = sampleSegment(type, 0, UNMAPPED_PHYSICAL_NETWORK);
            expectBound(
              await subject.bind(capableSetup(capabilities, vnic, [segment])),
              segment.id,
            );
          }),
        );
      }
      return checks;
    }
    for (const key of keys) {
      const only = { mappingKeys: [key], physicalNetworks: ['physnet1'] };
      for (const type of types) {
        checks.push(
          check(`binds a ${type} segment whose physical network is in ${key}`, async () => {
            const segment = sampleSegment(type, 0, 'physnet1');
            expectBound(
              await subject.bind(capableSetup(capabilities, vnic, [segment], only)),
              segment.id,
            );
          }),
          check(`declines a ${type} segment whose physical network is not in ${key}`, async () => {
            const segment = sampleSegment(type, 0, UNMAPPED_PHYSICAL_NETWORK);
            expectDeclined(
              await subject.bind(capableSetup(capabilities, vnic, [segment], only)),
              `${UNMAPPED_PHYSICAL_NETWORK} is not in the agent's ${key}`,
            );
          }),
        );
      }
      checks.push(
        check(
          `binds the segment whose physical network is in ${key} among unmapped ones`,
          async () => {
            const [type] = types;
            const mapped = sampleSegment(type, 0, 'physnet1');
            const segments = [sampleSegment(type, 0, UNMAPPED_PHYSICAL_NETWORK), mapped];
            expectBound(
              await subject.bind(capableSetup(capabilities, vnic, segments, only)),
              mapped.id,
            );
          },
        ),
      );
    }
    return checks;
  },
);
