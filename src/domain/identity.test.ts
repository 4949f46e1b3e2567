import { describe, expect, it } from 'vitest';
import { DEFAULT_IDENTITY, identityFromEnvironment, readIdentityChanges } from './identity.ts';

describe('readIdentityChanges', () => {
  it('keeps the fields sent, tidied', () => {
    expect(readIdentityChanges({ authorityName: '  Ministry of  Foreign Affairs ', brandColour: '#1D4F91', emergencyPhone: '+44 20 7008 5000', contactUrl: null })).toEqual({
      ok: true, changes: { authorityName: 'Ministry of Foreign Affairs', brandColour: '#1d4f91', emergencyPhone: '+44 20 7008 5000', contactUrl: null },
    });
  });

  it.each([
    [{ authorityName: 'A\u0000B' }, 'authorityName'],
    [{ authorityName: 'x'.repeat(121) }, 'authorityName'],
    [{ citizenNoun: 7 }, 'citizenNoun'],
    [{ brandColour: '#ffffff' }, 'brandColour'],
    [{ brandColour: '#1d4f91;}' }, 'brandColour'],
    [{ emergencyPhone: '12' }, 'emergencyPhone'],
    [{ contactUrl: 'https://user:pw@example.org/' }, 'contactUrl'],
    [{ footerLinks: [{ label: '', url: 'https://example.org' }] }, 'footerLinks.0.label'],
    [{ footerLinks: Array.from({ length: 9 }, () => ({ label: 'x', url: 'https://example.org' })) }, 'footerLinks'],
    [{ publicBaseUrl: 'https://example.org' }, 'publicBaseUrl'],
  ])('refuses %j naming %s', (body, field) => {
    const read = readIdentityChanges(body);
    expect(read.ok).toBe(false);
    expect(read.ok ? [] : read.errors.map((e) => e.field)).toContain(field);
  });

  it('refuses a body that is not an object', () => {
    expect(readIdentityChanges([])).toEqual({ ok: false, errors: [{ field: 'body', message: 'must be a JSON object' }] });
  });
});

describe('identityFromEnvironment', () => {
  it('is the defaults without variables', () => {
    expect(identityFromEnvironment({})).toEqual(DEFAULT_IDENTITY);
  });

  it('reads every variable; the short name follows the name when not set', () => {
    expect(identityFromEnvironment({
      AUTHORITY_NAME: 'Foreign Office', CITIZEN_NOUN: 'British nationals', BRAND_COLOUR: '#0b0c0c',
      EMERGENCY_PHONE: '+44 20 7008 5000', CONTACT_URL: 'https://example.org/contact', FOOTER_LINKS: 'Privacy|https://example.org/privacy; Cookies|https://example.org/cookies',
    })).toEqual({
      authorityName: 'Foreign Office', authorityShortName: 'Foreign Office', citizenNoun: 'British nationals', brandColour: '#0b0c0c',
      emergencyPhone: '+44 20 7008 5000', contactUrl: 'https://example.org/contact',
      footerLinks: [{ label: 'Privacy', url: 'https://example.org/privacy' }, { label: 'Cookies', url: 'https://example.org/cookies' }],
    });
  });

  it('stops start-up on a bad value, naming the variable', () => {
    expect(() => identityFromEnvironment({ BRAND_COLOUR: '#ffff00' })).toThrow(/^BRAND_COLOUR white header text on #ffff00 has a contrast of 1\.07:1/);
    expect(() => identityFromEnvironment({ FOOTER_LINKS: 'Privacy' })).toThrow(/^FOOTER_LINKS must be an http or https URL/);
  });
});
