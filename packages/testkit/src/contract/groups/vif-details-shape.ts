import { vifDeclarationProblems, vifDetailsProblems } from '../check-vif-details';
import { declaredVnicTypes, vnicTypeNamed } from '../contract-declaration';
import { sampleSegment } from '../contract-fixtures';
import { type ContractCheck, type ContractGroup } from '../contract-group';
import { capableSetup } from '../contract-setups';
import { expectBound, type Turn } from '../contract-turn';
import { ensure } from '../contract-violation';
import { type DriverCapabilities } from '@ml2ts/driver-api';
import { check, defineContractGroup } from './define-contract-group';

/**
 * vif_details shape per vif type. The declaration lists no reserved vif type and types the
 * well-known keys as the driver API does (`vlan` is a string, `port_filter` a boolean, ...).
 * Under each vif type's declared conditions, every declared network type is bound with that
 * vif type, and every binding of every vnic type carries vif_details that are a plain JSON object
 * of at most 4095 characters, without `bound_drivers`, with exactly the declared keys (optional
 * ones may be absent) and the declared value types.
 */
export const vifDetailsShape: ContractGroup = defineContractGroup(
  'vif-details-shape',
  'vif_details shape per vif type',
  (subject) => {
    const capabilities = subject.capabilities;
    const checks: ContractCheck[] = [
      check(
        'declares its vif types and vif_details keys as the driver API types them',
        async () => {
          const problems = vifDeclarationProblems(capabilities);
          ensure(
            problems.length === 0,
            `the vif type declaration is wrong: ${problems.join('; ')}`,
          );
        },
      ),
    ];
    const [firstVnic] = declaredVnicTypes(capabilities);
    for (const [vifType, capability] of Object.entries(capabilities.vifTypes)) {
      const when = capability.when ?? {};
      const vnic =
        when.vnicType === undefined ? firstVnic : vnicTypeNamed(capabilities, when.vnicType);
      checks.push(
        check(
          `sets ${vifType} with vif_details of its declared shape on every network type`,
          async () => {
            const driver = await subject.newDriver();
            for (const type of capabilities.networkTypes) {
              const segment = sampleSegment(type);
              const turn = await subject.bind(
                capableSetup(
                  capabilities,
                  vnic,
                  [segment],
                  { configurations: when.agentConfigurations },
                  { profile: when.profile },
                ),
                driver,
              );
              expectBound(turn, segment.id);
              ensure(
                turn.context.vifType === vifType,
                `expected vif_type ${vifType} under its declared conditions (${turn.situation}), got ${turn.context.vifType}`,
              );
              expectDeclaredShape(turn, capabilities);
            }
          },
        ),
      );
    }
    if (Object.keys(capabilities.vifTypes).length > 0) {
      checks.push(
        check('gives every vnic type vif_details of the declared shape', async () => {
          const driver = await subject.newDriver();
          for (const vnic of declaredVnicTypes(capabilities)) {
            for (const type of capabilities.networkTypes) {
              const turn = await subject.bind(
                capableSetup(capabilities, vnic, [sampleSegment(type)]),
                driver,
              );
              expectDeclaredShape(turn, capabilities);
            }
          }
        }),
      );
    }
    return checks;
  },
);

/** Throws unless every `setBinding` of the turn carries vif_details of the declared shape. */
function expectDeclaredShape(turn: Turn, capabilities: DriverCapabilities): void {
  for (const call of turn.context.setBindingCalls) {
    const problems = vifDetailsProblems(
      call.vifType,
      call.vifDetails,
      capabilities.vifTypes[call.vifType],
    );
    ensure(
      problems.length === 0,
      `vif_details of ${call.vifType} ${JSON.stringify(call.vifDetails)} are wrong (${turn.situation}): ${problems.join('; ')}`,
    );
  }
}
