import {
  AttributeLimits,
  Limits,
  type PortBindingCreateRequest,
  VNIC_TYPES,
} from '@ml2ts/driver-api';
import { jsonObjectRule } from './collection-rules';
import { projectIdRule } from './common-attributes';
import { objectRule } from './object-rule';
import { type Rule } from './rule';
import { enumRule, nullable, stringRule } from './scalar-rules';

/**
 * The host a host-binding operation addresses (`getPortBinding(port, host)`): a string of at
 * most 255 characters, the size of the host columns. Any such string is looked up, so an
 * unknown one is the operation's 404; a value that is not such a string is a 400.
 */
export const bindingHostRule: Rule<string> = stringRule(AttributeLimits.HOST_MAX_LENGTH);

/**
 * The argument of `createPortBinding` (see `PortBindingCreateRequest`): `host` is required,
 * `vnic_type` one of the VNIC types (not null), `profile` a JSON object of at most 4095
 * characters serialized, or null; `project_id`/`tenant_id` are accepted and ignored. What only
 * binding sets (`vif_type`, `vif_details`, `status`) is refused.
 */
export const portBindingCreateRule: Rule<PortBindingCreateRequest> =
  objectRule<PortBindingCreateRequest>({
    resource: 'binding',
    fields: {
      host: bindingHostRule,
      vnic_type: enumRule(VNIC_TYPES),
      profile: nullable(
        jsonObjectRule({
          maxSerializedLength: Limits.MAX_PROFILE_LENGTH,
          tooLargeLabel: 'profile',
        }),
      ),
      project_id: projectIdRule,
      tenant_id: projectIdRule,
    },
    required: ['host'],
    readOnly: ['vif_type', 'vif_details', 'status'],
  });
