import { hasProfileCapability } from './binding-profile-capabilities';

describe('hasProfileCapability', () => {
  it.each([
    [{ capabilities: ['switchdev'] }, true],
    [{ capabilities: ['other', 'switchdev'] }, true],
    [{ capabilities: ['other'] }, false],
    [{ capabilities: 'switchdev' }, false],
    [{}, false],
  ])('%j → %s', (profile, expected) => {
    expect(hasProfileCapability(profile, 'switchdev')).toBe(expected);
  });
});
