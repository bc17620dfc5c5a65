import pg from 'pg';
import { sendDatesAsUtc, UTC_TIMESTAMP_TYPES } from './postgres-utc-timestamps';

const TIMESTAMP_OID = 1114;
const INT4_OID = 23;

describe('UTC_TIMESTAMP_TYPES', () => {
  const parse = UTC_TIMESTAMP_TYPES.getTypeParser(TIMESTAMP_OID, 'text');

  it.each([
    ['2026-01-02 03:04:05', '2026-01-02T03:04:05.000Z'],
    ['2026-01-02 03:04:05.6', '2026-01-02T03:04:05.600Z'],
    ['2026-01-02 03:04:05.678', '2026-01-02T03:04:05.678Z'],
    ['2026-01-02 03:04:05.678912', '2026-01-02T03:04:05.678Z'],
  ])('reads the timestamp %s as UTC: %s', (text, iso) => {
    expect((parse(text) as Date).toISOString()).toBe(iso);
  });

  it("leaves what it does not recognize, and every other type, to pg's own parsers", () => {
    expect(parse('infinity')).toBe(pg.types.getTypeParser(TIMESTAMP_OID, 'text')('infinity'));
    expect(UTC_TIMESTAMP_TYPES.getTypeParser(INT4_OID, 'text')('42')).toBe(42);
  });
});

describe('sendDatesAsUtc', () => {
  it('makes pg send Date parameters in UTC', () => {
    sendDatesAsUtc();

    expect(pg.defaults.parseInputDatesAsUTC).toBe(true);
  });
});
