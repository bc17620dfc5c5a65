import { matchesTagFilter } from './tag-filter';

describe('matchesTagFilter', () => {
  const red = ['red'];
  const redBlue = ['blue', 'red'];
  const none: string[] = [];

  it('lets everything through without filters', () => {
    expect([red, redBlue, none].map((tags) => matchesTagFilter(tags, {}))).toEqual([
      true,
      true,
      true,
    ]);
  });

  it('tags: every tag given', () => {
    const filter = { tags: ['red', 'blue'] };
    expect([red, redBlue, none].map((tags) => matchesTagFilter(tags, filter))).toEqual([
      false,
      true,
      false,
    ]);
  });

  it('tags-any: at least one of them', () => {
    const filter = { 'tags-any': ['blue', 'green'] };
    expect([red, redBlue, none].map((tags) => matchesTagFilter(tags, filter))).toEqual([
      false,
      true,
      false,
    ]);
  });

  it('not-tags: not all of them', () => {
    const filter = { 'not-tags': ['red', 'blue'] };
    expect([red, redBlue, none].map((tags) => matchesTagFilter(tags, filter))).toEqual([
      true,
      false,
      true,
    ]);
  });

  it('not-tags-any: none of them', () => {
    const filter = { 'not-tags-any': ['blue'] };
    expect([red, redBlue, none].map((tags) => matchesTagFilter(tags, filter))).toEqual([
      true,
      false,
      true,
    ]);
  });

  it('combines filters, and compares exactly', () => {
    expect(matchesTagFilter(redBlue, { tags: ['red'], 'not-tags-any': ['green'] })).toBe(true);
    expect(matchesTagFilter(['Red'], { tags: ['red'] })).toBe(false);
  });
});
