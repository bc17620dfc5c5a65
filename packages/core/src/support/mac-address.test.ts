import { macOnBase } from './mac-address';

describe('macOnBase', () => {
  it("takes the base's first three octets, its fourth unless 00, and the rest at random", () => {
    expect(macOnBase('fa:16:3e:00:00:00', 'fa:16:3e:12:34:56')).toBe('fa:16:3e:12:34:56');
    expect(macOnBase('FA:16:3E:4F:00:00', '02:00:00:12:34:56')).toBe('fa:16:3e:4f:34:56');
    expect(macOnBase('52:54:00:00:ff:ff', 'fa:16:3e:ab:cd:ef')).toBe('52:54:00:ab:cd:ef');
  });
});
