import { describe, expect, it } from 'vitest';
import { describeSmppTarget, parseSmppUrl } from './smpp-url.ts';

describe('SMPP_URL', () => {
  it('is optional: unset or empty means no SMS', () => {
    expect(parseSmppUrl(undefined)).toBeUndefined();
    expect(parseSmppUrl('  ')).toBeUndefined();
  });

  it('reads system_id, password, host, port and sender', () => {
    expect(parseSmppUrl('smpp://waypost:s%40cret@smsc.example.org:2776?from=Embassy')).toEqual({
      host: 'smsc.example.org', port: 2776, systemId: 'waypost', password: 's@cret', from: 'Embassy',
    });
    expect(parseSmppUrl('smpp://id:pw@127.0.0.1')).toMatchObject({ port: 2775, from: '' });
  });

  it.each([
    ['not a url', /not a URL/],
    ['http://id:pw@host:2775', /must start with smpp:\/\//],
    ['smpp://host:2775', /no system_id/],
    ['smpp://a-very-long-system-id:pw@host', /system_id is longer/],
    ['smpp://id:longpassword@host', /password is longer/],
  ])('refuses %j with a message that says why', (text, message) => {
    expect(() => parseSmppUrl(text)).toThrow(message);
  });

  it('never shows the password', () => {
    expect(describeSmppTarget(parseSmppUrl('smpp://id:hunter2@h:1')!)).toBe('SMPP id@h:1');
  });
});
