import { describe, expect, it } from 'vitest';
import { concatHeader, gsmSeptets, MAX_SMS_PARTS, smsEncoding, splitSms } from './sms-text.ts';

const sizes = (text: string) => {
  const split = splitSms(text);
  return { encoding: split.encoding, parts: split.parts.length, units: split.units, lengths: split.parts.map((p) => p.length) };
};

describe('SMS encoding', () => {
  it.each([
    ['Are you safe? Reply 1', 'gsm'],
    ['Café à Zürich: £5, ¥3, ¿qué? §1', 'gsm'],
    ['Euro € and {braces} [and] ~|^\\', 'gsm'],
    ['Ça va ?', 'gsm'],
    ['ç lower-case cedilla is not in the basic table', 'ucs2'],
    ['Вы в безопасности?', 'ucs2'],
    ['هل أنت بخير؟', 'ucs2'],
    ['Emoji 🙂', 'ucs2'],
    ['`backtick`', 'ucs2'],
    ['', 'gsm'],
  ])('%j is %s', (text, expected) => {
    expect(smsEncoding(text)).toBe(expected);
  });

  it('counts extension characters as two septets and the rest as one', () => {
    expect(['a', '€', '\n', '[', 'ç', '🙂'].map(gsmSeptets)).toEqual([1, 2, 1, 2, 0, 0]);
  });
});

describe('splitting a message into parts', () => {
  it.each([
    ['160 GSM characters fit one message', 'a'.repeat(160), { encoding: 'gsm', parts: 1, units: 160, lengths: [160] }],
    ['161 GSM characters take two parts of at most 153', 'a'.repeat(161), { encoding: 'gsm', parts: 2, units: 161, lengths: [153, 8] }],
    ['306 GSM characters take two full parts', 'a'.repeat(306), { encoding: 'gsm', parts: 2, units: 306, lengths: [153, 153] }],
    ['307 take three', 'a'.repeat(307), { encoding: 'gsm', parts: 3, units: 307, lengths: [153, 153, 1] }],
    ['80 euro signs are 160 septets: one message', '€'.repeat(80), { encoding: 'gsm', parts: 1, units: 160, lengths: [80] }],
    ['81 euro signs: parts of 76 (152 septets, the 77th would need 154)', '€'.repeat(81), { encoding: 'gsm', parts: 2, units: 162, lengths: [76, 5] }],
    ['an escape sequence is never cut: 152 a then €', `${'a'.repeat(152)}€${'a'.repeat(10)}`, { encoding: 'gsm', parts: 2, units: 164, lengths: [152, 11] }],
    ['70 Cyrillic letters fit one message', 'б'.repeat(70), { encoding: 'ucs2', parts: 1, units: 70, lengths: [70] }],
    ['71 Cyrillic letters: 67 + 4', 'б'.repeat(71), { encoding: 'ucs2', parts: 2, units: 71, lengths: [67, 4] }],
    ['a surrogate pair is never cut: 66 letters then an emoji', `${'б'.repeat(66)}🙂${'б'.repeat(5)}`, { encoding: 'ucs2', parts: 2, units: 73, lengths: [66, 7] }],
    ['one non-GSM character makes the whole text UCS-2', `${'a'.repeat(100)}ç`, { encoding: 'ucs2', parts: 2, units: 101, lengths: [67, 34] }],
  ])('%s', (_label, text, expected) => {
    expect(sizes(text)).toEqual(expected);
  });

  it('joins back to the text, whatever its length and script', () => {
    for (const text of ['x'.repeat(400), 'Привет, мир! '.repeat(40), `€${'a'.repeat(500)}🙂`]) {
      const split = splitSms(text);
      expect(split.parts.join('')).toBe(text);
      expect(split.parts.length).toBeLessThanOrEqual(MAX_SMS_PARTS);
    }
  });
});

describe('concatenation header', () => {
  it('is IEI 0 (8-bit reference), length 3, reference, total, sequence', () => {
    expect([...concatHeader(0x1ab, 3, 2)]).toEqual([5, 0, 3, 0xab, 3, 2]);
  });
});
