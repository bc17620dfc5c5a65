import { type AgentRpc } from '@ml2ts/core';
import { type AgentStateReport } from '@ml2ts/agent-rpc';
import {
  countAgentReports,
  OTHER_AGENT_TYPE,
  REJECTED_REPORT,
  STALE_REPORT,
} from './count-agent-reports';

/** Answers what it is told to; enough of `AgentRpc` for the wrapper. */
class FakeRpc {
  answer: 'new' | 'alive' | 'revived' | null | Error = 'alive';

  async reportState(): Promise<'new' | 'alive' | 'revived' | null> {
    if (this.answer instanceof Error) throw this.answer;
    return this.answer;
  }
}

const REPORT = {
  agent_type: 'Open vSwitch agent',
  binary: 'neutron-openvswitch-agent',
  host: 'compute-1',
  topic: 'N/A',
} as AgentStateReport;

function setUp() {
  const fake = new FakeRpc();
  const counted: string[] = [];
  const rpc = fake as unknown as AgentRpc;
  return {
    fake,
    rpc,
    counted,
    count: (type: string, result: string) => counted.push(`${type}/${result}`),
  };
}

describe('countAgentReports', () => {
  it('counts each answer, stale reports and rejected ones, and passes them through', async () => {
    const { fake, rpc, counted, count } = setUp();
    countAgentReports(rpc, count);
    expect(await rpc.reportState(REPORT)).toBe('alive');
    fake.answer = null;
    expect(await rpc.reportState(REPORT)).toBeNull();
    fake.answer = new Error('bad report');
    await expect(rpc.reportState(REPORT)).rejects.toThrow('bad report');
    await expect(rpc.reportState({ ...REPORT, agent_type: 'x'.repeat(300) })).rejects.toThrow();
    expect(counted).toEqual([
      'Open vSwitch agent/alive',
      `Open vSwitch agent/${STALE_REPORT}`,
      `Open vSwitch agent/${REJECTED_REPORT}`,
      `${OTHER_AGENT_TYPE}/${REJECTED_REPORT}`,
    ]);
  });

  it('restores the method it wrapped when stopped', async () => {
    const { rpc, counted, count } = setUp();
    const stop = countAgentReports(rpc, count);
    stop();
    expect(Object.prototype.hasOwnProperty.call(rpc, 'reportState')).toBe(false);
    await rpc.reportState(REPORT);
    expect(counted).toEqual([]);
  });

  it('keeps a wrapper stacked on top working when the one below stops', async () => {
    const { rpc, counted, count } = setUp();
    const below: string[] = [];
    const stopBelow = countAgentReports(rpc, (type, result) => below.push(`${type}/${result}`));
    const stopAbove = countAgentReports(rpc, count);
    stopBelow();
    expect(await rpc.reportState(REPORT)).toBe('alive');
    expect(below).toEqual([]);
    expect(counted).toEqual(['Open vSwitch agent/alive']);
    stopAbove();
    expect(await rpc.reportState(REPORT)).toBe('alive');
  });
});
