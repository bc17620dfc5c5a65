import { describeValue, invalidValue, quoted } from './rule';
import { booleanRule, enumRule, integerRule, nullable, stringRule } from './scalar-rules';

describe('rules and their messages', () => {
  it('describe values briefly whatever their size', () => {
    expect(describeValue(42)).toBe('the number 42');
    expect(describeValue('abc')).toBe("the string 'abc'");
    expect(describeValue('x'.repeat(10_000_000))).toBe('a string of 10000000 characters');
    expect(describeValue([1])).toBe('a list');
    expect(describeValue({})).toBe('an object');
    expect(describeValue(null)).toBe('null');
    expect(quoted('abc')).toBe("'abc'");
    expect(invalidValue('project_id', 'a string', 42).message).toBe(
      'Invalid input for operation: project_id must be a string, not the number 42.',
    );
  });

  it('check scalars strictly: no coercion of strings, numbers or booleans', () => {
    expect(() => stringRule(5).check(5, 'name')).toThrow('name must be a string of at most 5');
    expect(() => stringRule(5, { nonEmpty: true }).check('', 'host')).toThrow('non-empty');
    expect(() => integerRule(0, 9).check(1.5, 'load')).toThrow(
      'load must be an integer from 0 to 9',
    );
    expect(() => integerRule(0, 9).check('3', 'load')).toThrow("not the string '3'");
    expect(() => booleanRule.check('true', 'admin_state_up')).toThrow('true or false');
    expect(() => enumRule([4]).check(6, 'ip_version')).toThrow('ip_version must be one of 4');
    expect(nullable(integerRule(0, 9)).check(null, 'mtu')).toBeNull();
  });
});
