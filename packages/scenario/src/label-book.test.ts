import { LabelBook } from './label-book';

describe('LabelBook', () => {
  const portId = '3ed7c748-40e0-5948-845a-14c8d4e20f6e';
  const networkId = 'a1b2c3d4-0000-4000-8000-000000000001';

  it('replaces every id in a message by its label', () => {
    const book = new LabelBook();
    book.assign('port', 'p1', portId);
    book.assign('network', 'net1', networkId);
    expect(
      book.relabel(`Port ${portId} could not be bound on network ${networkId} (port ${portId}).`),
    ).toBe('Port <port:p1> could not be bound on network <network:net1> (port <port:p1>).');
  });

  it('matches ids in any letter case', () => {
    const book = new LabelBook();
    book.assign('agent', 'ovs1', networkId.toUpperCase());
    expect(book.relabel(`Agent ${networkId} could not be found.`)).toBe(
      'Agent <agent:ovs1> could not be found.',
    );
  });

  it('labels segments and subnets with the kind in the label', () => {
    const book = new LabelBook();
    book.assign('segment', 'net1#1', portId);
    book.assign('subnet', 'net1/0', networkId);
    expect(book.relabel(`${portId} ${networkId}`)).toBe('<segment:net1#1> <subnet:net1/0>');
  });

  it('lets a later assignment of the same id win and leaves unknown ids alone', () => {
    const book = new LabelBook();
    book.assign('port', 'old', portId);
    book.assign('port', 'new', portId);
    expect(book.labelOf(portId)).toBe('<port:new>');
    expect(book.relabel('Port 11111111-2222-4333-8444-555555555555 is gone')).toBe(
      'Port 11111111-2222-4333-8444-555555555555 is gone',
    );
  });

  it('treats ids as text, not as patterns', () => {
    const book = new LabelBook();
    book.assign('port', 'dotted', 'a.b');
    expect(book.relabel('a.b axb')).toBe('<port:dotted> axb');
  });
});
