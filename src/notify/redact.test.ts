import { describe, expect, it } from 'vitest';
import { shortError } from './redact.ts';

describe('shortError', () => {
  it('keeps the code and the words, not addresses, host names or IP addresses', () => {
    expect(shortError(Object.assign(new Error('Mailbox unavailable for <jane.doe@example.org>'), { responseCode: 550 }))).toBe('550 Mailbox unavailable for <address>');
    expect(shortError(new Error('getaddrinfo ENOTFOUND hooks.jane-doe.example'))).toBe('getaddrinfo ENOTFOUND <host>');
    expect(shortError(new Error('connect ECONNREFUSED 203.0.113.9:443'))).toBe('connect ECONNREFUSED <ip>');
    expect(shortError(new Error('host hooks.example.org resolves to a private address (10.1.2.3)'))).toBe('host <host> resolves to a private address (<ip>)');
    expect(shortError(new Error('x'.repeat(500)))).toHaveLength(200);
  });
});
