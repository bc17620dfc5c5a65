import { apiTimestamp, laterTime } from './api-timestamp';

describe('apiTimestamp', () => {
  it('shows UTC to the second, with a Z', () => {
    expect(apiTimestamp(new Date('2026-01-02T03:04:05.999Z'))).toBe('2026-01-02T03:04:05Z');
  });

  it('falls back to the next time given, then to the epoch', () => {
    const created = new Date('2026-01-02T03:04:05Z');
    expect(apiTimestamp(null, created)).toBe('2026-01-02T03:04:05Z');
    expect(apiTimestamp(null, undefined)).toBe('1970-01-01T00:00:00Z');
  });
});

describe('laterTime', () => {
  it('picks the later time, ignoring a null one', () => {
    const early = new Date('2026-01-01T00:00:00Z');
    const late = new Date('2026-01-01T00:00:01Z');
    expect(laterTime(early, late)).toBe(late);
    expect(laterTime(late, early)).toBe(late);
    expect(laterTime(null, early)).toBe(early);
    expect(laterTime(early, null)).toBe(early);
    expect(laterTime(null, null)).toBeNull();
  });
});
