import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type VersionedObjectPrimitive } from '@ml2ts/agent-rpc';
import { deletedResourceObject } from './deleted-resource-object';

/** Messages Neutron's server pushed to its agents, recorded on the bus, when beside the checkout. */
const SAMPLES = resolve(__dirname, '../../../../../shared/neutron-agent/samples');
const withSamples = existsSync(SAMPLES) ? describe : describe.skip;
if (!existsSync(SAMPLES)) {
  console.log(`deleted-object samples: ${SAMPLES} is not beside the checkout; comparisons skipped`);
}

/** The one object of a recorded `deleted` push. */
function recordedDeleted(name: string): VersionedObjectPrimitive {
  const sample = JSON.parse(readFileSync(resolve(SAMPLES, `${name}.json`), 'utf8')) as {
    body: { 'oslo.message': string | { args: { resource_list: VersionedObjectPrimitive[] } } };
  };
  const message = sample.body['oslo.message'];
  const parsed = (typeof message === 'string' ? JSON.parse(message) : message) as {
    args: { event_type: string; resource_list: VersionedObjectPrimitive[] };
  };
  expect(parsed.args.event_type).toBe('deleted');
  return parsed.args.resource_list[0];
}

describe('deletedResourceObject', () => {
  it('carries the id, and a network its MTU and sharing', () => {
    expect(
      deletedResourceObject({
        resourceType: 'Network',
        eventType: 'deleted',
        id: 'n1',
        deletedNetwork: { mtu: 1450, shared: true },
      })['versioned_object.data'],
    ).toEqual({ id: 'n1', mtu: 1450, qos_policy_id: null, shared: true });
  });

  withSamples('matches what Neutron pushes for a deleted resource, ids and values aside', () => {
    it.each([
      ['push-Port-1.7-deleted', 'Port'],
      ['push-Network-1.1-deleted', 'Network'],
      ['push-Subnet-1.1-deleted', 'Subnet'],
      ['push-SecurityGroupRule-1.2-deleted', 'SecurityGroupRule'],
    ] as const)('%s', (name, resourceType) => {
      const recorded = recordedDeleted(name);
      const ours = deletedResourceObject({
        resourceType,
        eventType: 'deleted',
        id: String(recorded['versioned_object.data'].id),
        deletedNetwork: { mtu: 1500, shared: false },
      });
      expect(ours).toEqual({
        ...recorded,
        'versioned_object.changes': [...(recorded['versioned_object.changes'] ?? [])].sort(),
      });
    });
  });
});
