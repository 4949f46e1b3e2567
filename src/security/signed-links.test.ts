import { describe, expect, it } from 'vitest';
import { listUnsubscribeHeaders, preferencesUrl, signToken, unsubscribeUrl, verifyToken } from './signed-links.ts';

const secret = 'test-secret-of-sufficient-length';
const now = new Date('2026-03-01T12:00:00Z');
const later = (seconds: number) => new Date(now.getTime() + seconds * 1000);

describe('signed links', () => {
  it('round-trips the data for the same purpose before expiry', () => {
    const token = signToken(secret, 'sign-in', { n: 'abc' }, { now });
    expect(verifyToken(secret, 'sign-in', token, { now: later(60) })).toMatchObject({ ok: true, data: { n: 'abc' } });
  });

  it('expires: a 15-minute sign-in link works at 14:59 and not at 15:00', () => {
    const token = signToken(secret, 'sign-in', { n: 'abc' }, { now });
    expect(verifyToken(secret, 'sign-in', token, { now: later(15 * 60 - 1) }).ok).toBe(true);
    expect(verifyToken(secret, 'sign-in', token, { now: later(15 * 60) })).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses a token made for another purpose', () => {
    const token = signToken(secret, 'preferences', { t: 1 }, { now });
    expect(verifyToken(secret, 'unsubscribe', token, { now })).toEqual({ ok: false, reason: 'wrong-purpose' });
  });

  it('refuses tampering with the payload, the signature, or the key', () => {
    const token = signToken(secret, 'unsubscribe', { t: 1 }, { now });
    const [payload, signature] = token.split('.') as [string, string];
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), d: { t: 2 } })).toString('base64url');
    expect(verifyToken(secret, 'unsubscribe', `${forged}.${signature}`, { now })).toEqual({ ok: false, reason: 'bad-signature' });
    const flipped = signature.slice(0, 10) + (signature[10] === 'A' ? 'B' : 'A') + signature.slice(11);
    expect(verifyToken(secret, 'unsubscribe', `${payload}.${flipped}`, { now })).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyToken('another-secret', 'unsubscribe', token, { now })).toEqual({ ok: false, reason: 'bad-signature' });
    // Extending the expiry means changing the payload: the MAC no longer matches.
    const extended = Buffer.from(JSON.stringify({ p: 'unsubscribe', d: { t: 1 }, e: 9_999_999_999 })).toString('base64url');
    expect(verifyToken(secret, 'unsubscribe', `${extended}.${signature}`, { now })).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('refuses malformed tokens without throwing', () => {
    for (const bad of ['', 'abc', 'a.b', '..', `${'x'.repeat(3000)}.y`, null, 42, 'e30.' + 'A'.repeat(43)]) {
      expect(verifyToken(secret, 'sign-in', bad, { now }).ok).toBe(false);
    }
  });

  it('builds unsubscribe and preferences URLs and the RFC 8058 headers', () => {
    const config = { secret, publicUrl: 'https://waypost.example' };
    const url = new URL(unsubscribeUrl(config, 7, 3, now));
    expect(url.origin + url.pathname).toBe('https://waypost.example/unsubscribe');
    expect(verifyToken(secret, 'unsubscribe', url.searchParams.get('token'), { now })).toMatchObject({ ok: true, data: { t: 7, s: 3 } });
    const prefs = new URL(preferencesUrl(config, 7, now));
    expect(verifyToken(secret, 'preferences', prefs.searchParams.get('token'), { now })).toMatchObject({ ok: true, data: { t: 7 } });
    const headers = listUnsubscribeHeaders(config, 7, undefined, now);
    expect(headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(headers['List-Unsubscribe']).toMatch(/^<https:\/\/waypost\.example\/unsubscribe\?token=[\w.-]+>$/);
  });
});
