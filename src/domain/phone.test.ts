import { describe, expect, it } from 'vitest';
import { e164 } from './phone.ts';

describe('E.164 numbers', () => {
  it.each<[unknown, string | null]>([
    ['+44 7700 900123', '+447700900123'],
    ['+1 (202) 555-0143', '+12025550143'],
    ['+7.495.123.45.67', '+74951234567'],
    ['  +33612345678 ', '+33612345678'],
    ['+123456789012345', '+123456789012345'],
    ['+1234567890123456', null],
    ['07700 900123', null],
    ['+0447700900123', null],
    ['+44 7700 9001x3', null],
    ['+4412', null],
    ['+٤٤٧٧٠٠٩٠٠١٢٣', null],
    ['', null],
    [447700900123, null],
    [null, null],
  ])('%j → %j', (input, expected) => {
    expect(e164(input)).toBe(expected);
  });
});
