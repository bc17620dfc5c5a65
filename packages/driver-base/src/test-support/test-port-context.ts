import { type AgentView, type Segment, type SubnetView } from '@ml2ts/driver-api';
import {
  createFakePortContext,
  type FakePortContext,
  type FakePortContextOptions,
  makeAgent,
  makeSegment,
  makeSubnet,
} from '@ml2ts/testkit';

/**
 * Short builders over the test kit's fakes for the base-class tests of this package: the
 * tests name segments, agents and subnets positionally and read what a context recorded.
 */

/** A static segment of network `net`. */
export function segment(
  id: string,
  networkType: string,
  physicalNetwork: string | null = null,
  segmentationId: number | null = null,
): Segment {
  return makeSegment({ id, networkId: 'net', networkType, physicalNetwork, segmentationId });
}

/** A live agent on `host1` unless the fields say otherwise. */
export function agent(fields: Partial<AgentView> & { agentType: string; id: string }): AgentView {
  const { alive, ...rest } = fields;
  return { ...makeAgent({ agentType: fields.agentType, alive }), ...rest };
}

/** A subnet of network `net`, on `segmentId`. */
export function subnet(id: string, segmentId: string | null): SubnetView {
  return makeSubnet({ id, networkId: 'net', segmentId });
}

/** What a test sets; everything else has the test kit's defaults, and no segments. */
export interface TestPortContextOptions {
  host?: string;
  vnicType?: string;
  port?: FakePortContextOptions['port'];
  original?: FakePortContextOptions['original'];
  segments?: readonly Segment[];
  subnets?: readonly SubnetView[];
  agents?: readonly AgentView[];
}

/** The test kit's fake port context, with the names these tests read. */
export interface TestPortContext extends FakePortContext {
  readonly bindings: FakePortContext['setBindingCalls'];
  readonly blocks: FakePortContext['provisioningBlocks'];
}

export function testPortContext(options: TestPortContextOptions = {}): TestPortContext {
  const context = createFakePortContext({
    host: options.host,
    vnicType: options.vnicType,
    port: options.port,
    original: options.original,
    segments: options.segments ?? [],
    fixedIpSubnets: options.subnets,
    agents: options.agents,
  });
  return Object.assign(context, {
    bindings: context.setBindingCalls,
    blocks: context.provisioningBlocks,
  });
}
