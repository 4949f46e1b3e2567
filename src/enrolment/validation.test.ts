import { describe, expect, it } from 'vitest';
import { checkTripDates, findDestination, normaliseEmail, validDate, validEmail } from './validation.ts';

describe('enrolment validation', () => {
  it.each(['ann@example.org', 'Ann.Lee+trips@sub.example.co.uk', 'x@xn--80ak6aa92e.com'])('accepts the address %s', (email) => {
    expect(validEmail(` ${email} `)).toBe(email);
  });

  it.each(['', 'ann', 'ann@', '@example.org', 'ann@example', 'a b@example.org', 'ann@@example.org', 'ann@exa mple.org', 'ann..lee@example.org', 'ann@-example.org', 42])('refuses the address %j', (email) => {
    expect(validEmail(email)).toBeNull();
  });

  it('normalises addresses for uniqueness', () => {
    expect(normaliseEmail('  Ann@Example.ORG ')).toBe('ann@example.org');
  });

  it.each([['2026-02-28', '2026-02-28'], ['2024-02-29', '2024-02-29'], ['2026-02-29', null], ['2026-13-01', null], ['26-01-01', null], ['2026-1-1', null], ['1800-01-01', null]])('reads the date %s', (input, date) => {
    expect(validDate(input)).toBe(date);
  });

  it('checks trip dates against each other and today', () => {
    expect(checkTripDates('2026-03-01', '2026-03-10', true, '2026-03-05')).toBeNull();
    expect(checkTripDates('2020-01-01', null, false, '2026-03-05')).toBeNull();
    expect(checkTripDates('2026-03-10', '2026-03-01', true, '2026-03-05')).toBe('end before start');
    expect(checkTripDates('2026-01-01', '2026-03-04', true, '2026-03-05')).toBe('trip wholly in the past');
    expect(checkTripDates('2026-01-01', '2026-03-05', true, '2026-03-05')).toBeNull();
    expect(checkTripDates(null, null, false, '2026-03-05')).toBe('bad start date');
    expect(checkTripDates('2026-03-01', null, true, '2026-03-05')).toBe('bad end date');
  });

  it('finds destinations by code, alpha-3 or name', () => {
    expect(findDestination('ru')?.code).toBe('RU');
    expect(findDestination('RUS')?.code).toBe('RU');
    expect(findDestination('Russian Federation')?.code).toBe('RU');
    expect(findDestination(' russia ')?.code).toBe('RU');
    expect(findDestination('Atlantis')).toBeUndefined();
  });
});
