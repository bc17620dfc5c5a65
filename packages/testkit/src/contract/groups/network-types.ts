import { declaredVnicTypes } from '../contract-declaration';
import { sampleSegment } from '../contract-fixtures';
import { type ContractCheck, type ContractGroup } from '../contract-group';
import {
  capableSetup,
  permissiveAgentSetup,
  refusedNetworkTypes,
  triedNetworkTypes,
} from '../contract-setups';
import { expectBound, expectDeclined } from '../contract-turn';
import { check, defineContractGroup } from './define-contract-group';

/**
 * Each network type allowed or refused: for every vnic type, a segment of a declared network
 * type is bound (with a capable agent when one is needed), and a segment of any other type (the
 * six standard types, and any other the driver declares) is declined even by an agent that
 * reports every tunnel type and maps the physical network. Among segments of refused types and
 * one of a declared type, the declared one is bound.
 */
export const networkTypes: ContractGroup = defineContractGroup(
  'network-types',
  'network types',
  (subject) => {
    const capabilities = subject.capabilities;
    const vnicTypes = declaredVnicTypes(capabilities);
    const permissive = permissiveAgentSetup(capabilities);
    const checks: ContractCheck[] = [];
    for (const type of triedNetworkTypes(capabilities)) {
      const segment = sampleSegment(type);
      if (capabilities.networkTypes.includes(type)) {
        checks.push(
          check(`binds a ${type} segment`, async () => {
            for (const vnic of vnicTypes) {
              expectBound(
                await subject.bind(capableSetup(capabilities, vnic, [segment])),
                segment.id,
              );
            }
          }),
        );
      } else {
        checks.push(
          check(`declines a ${type} segment`, async () => {
            for (const vnic of vnicTypes) {
              const setup = capableSetup(capabilities, vnic, [segment], permissive);
              expectDeclined(await subject.bind(setup), `${type} is not a declared network type`);
            }
          }),
        );
      }
    }
    const refused = refusedNetworkTypes(capabilities);
    const allowed = capabilities.networkTypes[0];
    if (refused.length > 0 && allowed !== undefined) {
      checks.push(
        check(`binds the ${allowed} segment among segments of refused types`, async () => {
          const target = sampleSegment(allowed);
          const segments = [...refused.map((type) => sampleSegment(type)), target];
          for (const vnic of vnicTypes) {
            const setup = capableSetup(capabilities, vnic, segments, permissive);
            expectBound(await subject.bind(setup), target.id);
          }
        }),
      );
    }
    return checks;
  },
);
