import { Agent } from './agent';
import { BindingTraceRecord } from './binding-trace-record';
import { DefaultSecurityGroup } from './default-security-group';
import { FlatAllocation } from './flat-allocation';
import { GeneveAllocation } from './geneve-allocation';
import { GeneveEndpoint } from './geneve-endpoint';
import { GreAllocation } from './gre-allocation';
import { GreEndpoint } from './gre-endpoint';
import { IpAllocation } from './ip-allocation';
import { Network } from './network';
import { NetworkSegment } from './network-segment';
import { Port } from './port';
import { PortBinding } from './port-binding';
import { PortBindingLevel } from './port-binding-level';
import { ProvisioningBlock } from './provisioning-block';
import { SecurityGroup } from './security-group';
import { SecurityGroupPortBinding } from './security-group-port-binding';
import { SecurityGroupRule } from './security-group-rule';
import { Subnet } from './subnet';
import { Tag } from './tag';
import { VlanAllocation } from './vlan-allocation';
import { VxlanAllocation } from './vxlan-allocation';
import { VxlanEndpoint } from './vxlan-endpoint';

export {
  Agent,
  BindingTraceRecord,
  DefaultSecurityGroup,
  FlatAllocation,
  GeneveAllocation,
  GeneveEndpoint,
  GreAllocation,
  GreEndpoint,
  IpAllocation,
  Network,
  NetworkSegment,
  Port,
  PortBinding,
  PortBindingLevel,
  ProvisioningBlock,
  SecurityGroup,
  SecurityGroupPortBinding,
  SecurityGroupRule,
  Subnet,
  Tag,
  VlanAllocation,
  VxlanAllocation,
  VxlanEndpoint,
};

/** Every entity of the ml2ts schema. */
export const ENTITIES = [
  Network,
  NetworkSegment,
  Subnet,
  Port,
  IpAllocation,
  PortBinding,
  PortBindingLevel,
  Agent,
  VlanAllocation,
  VxlanAllocation,
  GeneveAllocation,
  GreAllocation,
  FlatAllocation,
  ProvisioningBlock,
  BindingTraceRecord,
  Tag,
  SecurityGroup,
  SecurityGroupRule,
  DefaultSecurityGroup,
  SecurityGroupPortBinding,
  VxlanEndpoint,
  GreEndpoint,
  GeneveEndpoint,
] as const;
