import { isLoopbackAddress } from './is-loopback-address';

describe('isLoopbackAddress', () => {
  it('knows loopback addresses from the others', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', 'localhost']) {
      expect(isLoopbackAddress(host)).toBe(true);
    }
    for (const host of ['0.0.0.0', '::', '10.0.0.1', '192.0.2.127', 'example.org']) {
      expect(isLoopbackAddress(host)).toBe(false);
    }
  });
});
