import fc from 'fast-check';

/**
 * The raw material of generated requests: text that has broken web applications before (NUL, lone
 * surrogates, stray `%`, numbers past 2^53, impossible dates, over-long strings), JSON of every
 * shape (null and arrays where objects belong, deep nesting), and the encodings that carry them.
 * `words` are the app's own field names and values, mixed in so requests get past validation.
 */

const LONG = 'x'.repeat(70_000);

export const SPECIAL_TEXT = [
  '', ' ', '%', '%%', '%zz', '%E0%A4%A', '100%', '\u0000', 'a\u0000b', '\ud800', 'x\udfffy', '\udc00\ud800',
  '99999999999999999999', '9007199254740993', '-1', '0', '-0', '1.5', '1e309', '-1e309', 'NaN', 'Infinity', '0x10', '1_000',
  '0000-00-00', '2026-02-30', '2026-13-01', '9999-12-31', '0001-01-01', '+275760-09-13', '2026-01-01T25:61:00Z', 'not a date',
  'true', 'false', 'null', 'undefined', '[]', '{}', '__proto__', 'constructor', 'prototype', 'hasOwnProperty',
  '../../../../etc/passwd', '/console', '//evil.example/', 'javascript:alert(1)', '<script>alert(1)</script>', '"><img src=x>',
  "' OR '1'='1", '"', '\\', '\r\n', '\t', '😀', '\u202e', '\u200b', 'ǅ', 'İ', LONG.slice(0, 300), LONG,
  'mailto:a@b', 'a@b', 'someone@example.org', 'http://127.0.0.1:9/', '*', '*/*', 'W/"1"', '"1"',
];

/** Header values Node will put on the wire: printable Latin-1 (what an attacker's raw socket can send too). */
export const SPECIAL_HEADER = [
  '', '%', '100%', '99999999999999999999', '-1', '*', 'W/"1"', '"1"', '"v1"', 'application/json', 'text/html', '*/*', 'application/problem+json',
  'null', 'https://evil.example', 'http://waypost.test', 'same-origin', 'same-site', 'cross-site', 'none', '127.0.0.1', '::1', '1.2.3.4, 5.6.7.8',
  'Bearer', 'Bearer ', 'Bearer x', 'Basic Zm9vOmJhcg==', 'Bearer %', `Bearer ${'y'.repeat(5000)}`, 'bytes=0-1', 'gzip, br', 'x'.repeat(8000), 'Ã©',
];

/** Text: the route's own form values (`own`) and the app's words often, so requests get past the first check, and the rest. */
export function textArb(own: readonly string[], words: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...SPECIAL_TEXT) },
    { weight: own.length ? 4 : 0, arbitrary: fc.constantFrom(...(own.length ? own : [''])) },
    { weight: 3, arbitrary: fc.constantFrom(...words) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 30 }) },
    { weight: 1, arbitrary: fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...words), fc.constantFrom(...SPECIAL_TEXT)).map(([a, b]) => a + b) },
  );
}

export function headerValueArb(words: readonly string[]): fc.Arbitrary<string> {
  const printable = (s: string) => /^[\t\x20-\x7e\x80-\xff]*$/.test(s);
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...SPECIAL_HEADER) },
    { weight: 1, arbitrary: fc.constantFrom(...words.filter(printable)) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 40 }).filter(printable) },
  );
}

const NUMBERS = [0, -0, -1, 1, 1.5, 2 ** 31, 2 ** 53 + 1, -(2 ** 63), 1e21, 1e308, -1e308, Number.MIN_VALUE, 5e-324];

/** Shapes where code expecting an object, a string or a list of objects trips: `[null]` in a list of destinations. */
const SHAPES: unknown[] = [null, [], {}, [null], [{}], [[]], [''], [1], { '': null }, [null, null], { length: 1 }, { 0: 'a' }];

/** Any JSON value, objects keyed by `key` (mostly the app's field names). */
export function jsonArb(key: fc.Arbitrary<string>, text: fc.Arbitrary<string>): fc.Arbitrary<unknown> {
  const { value } = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', maxDepth: 4 },
      { weight: 3, arbitrary: fc.constantFrom(...SHAPES) },
      { weight: 1, arbitrary: fc.boolean() },
      { weight: 1, arbitrary: fc.constantFrom(...NUMBERS) },
      { weight: 1, arbitrary: fc.integer() },
      { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
      { weight: 4, arbitrary: text },
      { weight: 2, arbitrary: fc.array(tie('value'), { maxLength: 4 }) },
      { weight: 2, arbitrary: fc.dictionary(key, tie('value'), { maxKeys: 5 }) },
    ),
  }));
  return value;
}

/** A body's content, before the identity's CSRF token is added and it is put on the wire. */
export type BodySpec =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'form'; fields: [string, string][] }
  | { kind: 'multipart'; fields: [string, string][]; file: string }
  | { kind: 'raw'; contentType: string; text: string };

/** Nesting past any reasonable depth: a recursive parser or walker would overflow its stack. */
const DEEP = [`${'['.repeat(20_000)}${']'.repeat(20_000)}`, `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`, '{"a":', '[1,2', '{"__proto__":{"x":1}}'];

export function bodyArb(name: fc.Arbitrary<string>, text: fc.Arbitrary<string>): fc.Arbitrary<BodySpec> {
  const json = jsonArb(name, text);
  const fields = fc.array(fc.tuple(name, text), { maxLength: 8 });
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant<BodySpec>({ kind: 'none' }) },
    { weight: 4, arbitrary: fc.dictionary(name, json, { maxKeys: 8 }).map((value): BodySpec => ({ kind: 'json', value })) },
    { weight: 1, arbitrary: json.map((value): BodySpec => ({ kind: 'json', value })) },
    { weight: 4, arbitrary: fields.map((f): BodySpec => ({ kind: 'form', fields: f })) },
    { weight: 1, arbitrary: fc.tuple(fields, text).map(([f, file]): BodySpec => ({ kind: 'multipart', fields: f, file })) },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.constantFrom('application/json', 'text/csv', 'text/plain', 'application/xml', 'multipart/form-data', 'application/x-www-form-urlencoded', 'application/octet-stream', 'application/json; charset=latin1', ''), fc.oneof(text, fc.constantFrom(...DEEP)))
        .map(([contentType, raw]): BodySpec => ({ kind: 'raw', contentType, text: raw })),
    },
  );
}

/**
 * Percent-encodes text for a URL or form the way a sloppy or hostile client might: lone surrogates
 * as the three bytes a careless encoder writes (not valid UTF-8), and with `keepPercent` a `%` left
 * bare, so "%zz" reaches the server undecodable.
 */
export function wire(text: string, keepPercent = false): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff) out += `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`.toUpperCase();
    else if (keepPercent && char === '%') out += '%';
    else out += encodeURIComponent(char);
  }
  return out;
}
