import { VNIC_TYPES } from '@ml2ts/driver-api';
import { bindsWithoutAgent, declaredVnicTypes, firstNetworkType } from '../contract-declaration';
import { capableAgent, sampleSegment } from '../contract-fixtures';
import { type ContractCheck, type ContractGroup } from '../contract-group';
import { capableSetup, permissiveAgentSetup } from '../contract-setups';
import { expectBound, expectDeclined } from '../contract-turn';
import { check, defineContractGroup } from './define-contract-group';

/**
 * Vnic type filtering: every declared vnic type is bound (with what it declares it needs: a
 * profile entry, an agent report, or no agent at all); a declared requirement that is missing
 * means no binding; every vnic type the driver does not declare is declined, even on an agent
 * that reports everything.
 */
export const vnicTypeFiltering: ContractGroup = defineContractGroup(
  'vnic-type-filtering',
  'vnic type filtering',
  (subject) => {
    const capabilities = subject.capabilities;
    const segment = sampleSegment(firstNetworkType(capabilities));
    const declared = declaredVnicTypes(capabilities);
    const checks: ContractCheck[] = [];
    for (const vnic of declared) {
      const agentless = bindsWithoutAgent(capabilities, vnic);
      checks.push(
        check(`binds ${vnic.vnicType} ports${agentless ? ' without any agent' : ''}`, async () => {
          expectBound(await subject.bind(capableSetup(capabilities, vnic, [segment])), segment.id);
        }),
      );
      if (vnic.profile !== undefined && Object.keys(vnic.profile).length > 0) {
        const profile = JSON.stringify(vnic.profile);
        checks.push(
          check(`declines ${vnic.vnicType} ports without binding:profile ${profile}`, async () => {
            const setup = capableSetup(
              capabilities,
              vnic,
              [segment],
              {},
              {
                withoutProfileRequirements: true,
              },
            );
            expectDeclined(await subject.bind(setup), `the port lacks ${profile} in its profile`);
          }),
        );
      }
      if (!agentless && vnic.agentConfigurations !== undefined) {
        const report = JSON.stringify(vnic.agentConfigurations);
        checks.push(
          check(
            `declines ${vnic.vnicType} ports when the agent does not report ${report}`,
            async () => {
              const setup = {
                ...capableSetup(capabilities, vnic, [segment]),
                agents: [capableAgent(capabilities)],
              };
              expectDeclined(await subject.bind(setup), `the agent does not report ${report}`);
            },
          ),
        );
      }
    }
    const profile = Object.assign({}, ...declared.map((vnic) => vnic.profile ?? {})) as Record<
      string,
      unknown
    >;
    for (const vnicType of VNIC_TYPES) {
      if (declared.some((vnic) => vnic.vnicType === vnicType)) continue;
      checks.push(
        check(`declines ${vnicType} ports`, async () => {
          const vnic = { vnicType };
          const agent = capableAgent(capabilities, permissiveAgentSetup(capabilities));
          const setup = { vnic, profile, agents: [agent], segments: [segment] };
          expectDeclined(await subject.bind(setup), `${vnicType} is not a declared vnic type`);
        }),
      );
    }
    return checks;
  },
);
