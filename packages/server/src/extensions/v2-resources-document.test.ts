import { ML2TS_COLLECTIONS, V2_CORE_RESOURCES, v2ResourcesDocument } from './v2-resources-document';

describe('v2ResourcesDocument', () => {
  it('lists the core collections with self links under the v2.0 URL', () => {
    expect(v2ResourcesDocument('http://127.0.0.1:9696/v2.0/')).toEqual({
      resources: [
        {
          name: 'network',
          collection: 'networks',
          links: [{ rel: 'self', href: 'http://127.0.0.1:9696/v2.0/networks' }],
        },
        {
          name: 'subnet',
          collection: 'subnets',
          links: [{ rel: 'self', href: 'http://127.0.0.1:9696/v2.0/subnets' }],
        },
        {
          name: 'port',
          collection: 'ports',
          links: [{ rel: 'self', href: 'http://127.0.0.1:9696/v2.0/ports' }],
        },
      ],
    });
  });

  it('adds the missing slash and lists any collections asked for', () => {
    const all = v2ResourcesDocument('http://h/v2.0', ML2TS_COLLECTIONS);
    expect(all.resources.map((one) => one.collection)).toEqual([
      'networks',
      'subnets',
      'ports',
      'segments',
      'agents',
      'security-groups',
      'security-group-rules',
      'extensions',
    ]);
    expect(all.resources[5]).toEqual({
      name: 'security_group',
      collection: 'security-groups',
      links: [{ rel: 'self', href: 'http://h/v2.0/security-groups' }],
    });
    expect(V2_CORE_RESOURCES).toHaveLength(3);
  });
});
