import { ConfigurationError } from '@ml2ts/driver-api';
import { applyVnicTypeProhibitList } from './vnic-type-prohibit-list';

describe('applyVnicTypeProhibitList', () => {
  const supported = ['normal', 'direct', 'smart-nic', 'vdpa'];

  it('returns the supported list without the prohibited types, in order', () => {
    expect(applyVnicTypeProhibitList(supported, ['smart-nic', 'normal'], 'o')).toEqual([
      'direct',
      'vdpa',
    ]);
    expect(applyVnicTypeProhibitList(supported, [], 'o')).toEqual(supported);
  });

  it('names the option, the value and the supported types for an unsupported entry', () => {
    let error: unknown;
    try {
      applyVnicTypeProhibitList(
        supported,
        ['normal', 'macvtap'],
        'ovs_driver.vnic_type_prohibit_list',
      );
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    const message = (error as ConfigurationError).message;
    expect((error as ConfigurationError).option).toBe('ovs_driver.vnic_type_prohibit_list');
    expect(message).toContain('ovs_driver.vnic_type_prohibit_list = ["normal","macvtap"]');
    expect(message).toContain('normal, direct, smart-nic, vdpa');
    expect(message).toContain('not supported: macvtap');
  });

  it('refuses to prohibit every supported type', () => {
    expect(() => applyVnicTypeProhibitList(['normal'], ['normal'], 'lb.x')).toThrow(
      ConfigurationError,
    );
  });
});
