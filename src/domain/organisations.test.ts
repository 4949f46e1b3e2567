import { describe, expect, it } from 'vitest';
import {
  checkOrganisationName, decideVerification, DEFAULT_ORG_DAILY_IMPORT_LIMIT, limitMessage, nextUtcMidnight, organisationMay,
  parseDailyImportLimit, verificationState, withinDailyLimit, type OrganisationAction,
} from './organisations.ts';

describe('organisation names', () => {
  // Each row: what a traveller types, and the name kept (or the reason it is refused).
  const CASES: [string, string | RegExp][] = [
    ['University of Example', 'University of Example'],
    ['  Médecins   Sans Frontières ', 'Médecins Sans Frontières'],
    ['St. Mary\'s College (Study Abroad)', 'St. Mary\'s College (Study Abroad)'],
    ['U.S. Embassy Families Group', 'U.S. Embassy Families Group'],
    ['Node.js Foundation', 'Node.js Foundation'],
    ['AT&T Travel Office', 'AT&T Travel Office'],
    ['Jones & Co.', 'Jones & Co.'],
    ['Общество «Путешественник»', 'Общество «Путешественник»'],
    ['x'.repeat(100), 'x'.repeat(100)],
    ['x'.repeat(101), /at most 100 characters/],
    ['', /Give the organisation a name/],
    ['   ', /Give the organisation a name/],
    ['Your account is suspended - verify at https://evil.example/login', /web address or domain name/],
    ['Verify at hxxps://evil.example', /web address/],
    ['Go to www.evil-example.com now', /web address/],
    ['Visit WWW.EVIL.TEST', /web address/],
    ['evil-example.com/login', /web address/],
    ['Booking.com', /domain name/],
    ['Reset at paypal-secure.zip', /domain name/],
    ['Login at 203.0.113.7/x', /web address/],
    ['münchen.de Reisen', /domain name/],
    ['Write to help@evil-example.org', /e-mail address/],
    ['help@localhost staff', /e-mail address/],
    ['mailto:someone', /web address/],
    ['Call tel:+15550100', /web address/],
    ['Acme\u0000Travel', /control or invisible/],
    ['Acme\nYour account is suspended', /control or invisible/],
    ['Acme\tTravel', /control or invisible/],
    ['Acme \u202Egnp.exe', /control or invisible/],
    ['Acme\u200BTravel', /control or invisible/],
  ];
  it.each(CASES)('%j', (input, expected) => {
    const check = checkOrganisationName(input);
    if (typeof expected === 'string') expect(check).toEqual({ ok: true, name: expected });
    else expect(check.ok ? check.name : check.reason).toMatch(expected);
  });

  it.each([undefined, null, 42, ['a']])('refuses %j (not text)', (input) => {
    expect(checkOrganisationName(input)).toEqual({ ok: false, reason: 'Give the organisation a name.' });
  });
});

describe('what an organisation may do', () => {
  it.each([
    [{ verifiedAt: null, withdrawnAt: null }, 'unverified'],
    [{ verifiedAt: '2026-03-01T10:00:00Z', withdrawnAt: null }, 'verified'],
    [{ verifiedAt: '2026-03-01T10:00:00Z', withdrawnAt: '2026-03-02T10:00:00Z' }, 'withdrawn'],
    [{ verifiedAt: null, withdrawnAt: '2026-03-02T10:00:00Z' }, 'withdrawn'],
  ] as const)('%j is %s', (record, state) => {
    expect(verificationState(record)).toBe(state);
  });

  const ACTIONS: OrganisationAction[] = ['import', 'invite', 'message'];
  it.each([
    ['unverified', /awaiting verification by the service's administrators/],
    ['withdrawn', /withdrew this organisation's verification/],
    ['verified', null],
  ] as const)('%s', (state, refusal) => {
    for (const action of ACTIONS) {
      const decision = organisationMay(state, action);
      if (refusal === null) expect(decision).toEqual({ ok: true });
      else expect(decision).toMatchObject({ ok: false, state, reason: expect.stringMatching(refusal) });
    }
  });

  it.each([
    ['unverified', 'verify', 'Acme Travel', { ok: true, to: 'verified' }],
    ['withdrawn', 'verify', 'Acme Travel', { ok: true, to: 'verified' }],
    ['verified', 'verify', 'Acme Travel', { ok: false }],
    ['verified', 'withdraw', 'Acme Travel', { ok: true, to: 'withdrawn' }],
    ['unverified', 'withdraw', 'Acme Travel', { ok: false }],
    ['withdrawn', 'withdraw', 'Acme Travel', { ok: false }],
    // Created before the naming rules: never verified as it is.
    ['unverified', 'verify', 'Suspended - verify at https://evil.example', { ok: false, reason: expect.stringMatching(/naming rules.*web address/) }],
    ['unverified', 'verify', 'y'.repeat(150), { ok: false, reason: expect.stringMatching(/at most 100/) }],
  ] as const)('%s organisation, %s (%s)', (state, change, name, expected) => {
    expect(decideVerification(state, change, name)).toMatchObject(expected);
  });
});

describe('daily limits', () => {
  it.each([
    [undefined, DEFAULT_ORG_DAILY_IMPORT_LIMIT],
    ['', 2000],
    ['0', 0],
    ['50', 50],
    [' 1000000 ', 1_000_000],
  ])('ORG_DAILY_IMPORT_LIMIT=%j is %d', (text, limit) => expect(parseDailyImportLimit(text)).toBe(limit));

  it.each(['-1', '1.5', 'lots', '1e3', '1000001'])('ORG_DAILY_IMPORT_LIMIT=%j is refused', (text) => {
    expect(() => parseDailyImportLimit(text)).toThrow(/ORG_DAILY_IMPORT_LIMIT must be a whole number/);
  });

  it.each([
    [{ rows: 0, messages: 0 }, { rows: 2000, messages: 2000 }, 2000, { ok: true }],
    [{ rows: 1990, messages: 0 }, { rows: 10, messages: 10 }, 2000, { ok: true }],
    [{ rows: 1990, messages: 0 }, { rows: 11, messages: 0 }, 2000, { ok: false, counter: 'rows', used: 1990, wanted: 11, limit: 2000 }],
    [{ rows: 0, messages: 1995 }, { rows: 3, messages: 6 }, 2000, { ok: false, counter: 'messages', used: 1995, wanted: 6 }],
    // A re-run that adds nothing is never refused, even over the limit.
    [{ rows: 2500, messages: 2500 }, { rows: 0, messages: 0 }, 2000, { ok: true }],
    [{ rows: 0, messages: 0 }, { rows: 1, messages: 0 }, 0, { ok: false, counter: 'rows' }],
  ] as const)('used %j, wanting %j, limit %d', (used, wanted, limit, expected) => {
    expect(withinDailyLimit(used, wanted, limit)).toMatchObject(expected);
  });

  it('resets at the next midnight UTC, and says so', () => {
    expect(nextUtcMidnight(new Date('2026-03-01T10:00:00Z')).toISOString()).toBe('2026-03-02T00:00:00.000Z');
    expect(nextUtcMidnight(new Date('2026-12-31T23:59:59Z')).toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(nextUtcMidnight(new Date('2026-03-01T00:00:00Z')).toISOString()).toBe('2026-03-02T00:00:00.000Z');
    const message = limitMessage({ ok: false, counter: 'rows', used: 1990, wanted: 50, limit: 2000 }, new Date('2026-03-01T10:00:00Z'));
    expect(message).toBe('This organisation\'s daily limit is 2000 imported rows (ORG_DAILY_IMPORT_LIMIT); 1990 used today and this file needs 50 more. Nothing was imported; try again after 2026-03-02 00:00 UTC.');
  });
});
