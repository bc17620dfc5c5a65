import { type ResourceDescription } from '../resource-description';
import { agentDescription } from './agent-description';
import { networkDescription } from './network-description';
import { portDescription } from './port-description';
import { securityGroupDescription } from './security-group-description';
import { securityGroupRuleDescription } from './security-group-rule-description';
import { segmentDescription } from './segment-description';
import { subnetDescription } from './subnet-description';

/** Every collection ml2ts lists, by its JSON key (`security_groups`, not `security-groups`). */
export const resourceDescriptions: Readonly<Record<string, ResourceDescription>> = {
  networks: networkDescription,
  subnets: subnetDescription,
  ports: portDescription,
  segments: segmentDescription,
  agents: agentDescription,
  security_groups: securityGroupDescription,
  security_group_rules: securityGroupRuleDescription,
};
