import { describe, expect, it } from 'vitest';
import { translator } from '../../i18n/translator.ts';
import { BLOCKED_RANGE_NAMES } from '../../webhooks/address-guard.ts';
import { literalsAfter } from '../../../test/helpers/source-literals.ts';
import { KNOWN_REASONS, reasonText } from './reasons.ts';

/**
 * Every reason the CSV check, the webhook guard and challenge, the SMS code and the place resolver
 * write, as those files write them: a new or reworded one without a translation fails here.
 */
function codeReasons(): string[] {
  const at = (path: string) => new URL(`../../${path}`, import.meta.url);
  return [
    ...literalsAfter(at('enrolment/csv-check.ts'), /reject\(|channelProblem = |new CsvFileError\(/),
    // The CSV check words the two bad-date problems itself (with the cell and the format); the others pass as they are.
    ...literalsAfter(at('enrolment/validation.ts'), /return /).filter((p) => !p.startsWith('bad ')),
    ...literalsAfter(at('enrolment/regions.ts'), /return /),
    ...literalsAfter(at('enrolment/channels.ts'), /return /),
    ...literalsAfter(at('enrolment/sms-verification.ts'), /reason: /),
    ...literalsAfter(at('webhooks/address-guard.ts'), /new UnsafeAddressError\(/),
    ...literalsAfter(at('webhooks/send.ts'), /reason: |new Error\(/),
    ...literalsAfter(at('notify/record.ts'), /disabled_reason: /),
  ];
}

describe('refusal reasons in the reader\'s language', () => {
  const { EXACT, PATTERNS, RANGES } = KNOWN_REASONS;
  const en = translator('en');
  const fr = translator('fr');

  it('each English catalogue text is the code\'s own, word for word', () => {
    for (const [text, id] of Object.entries({ ...EXACT, ...RANGES })) expect(en.t(id), id).toBe(text);
    const sample = { typed: 'X', columns: 'email', expected: 7, found: 6, format: 'YYYY-MM-DD', reason: 'r', megabytes: 20, line: 3, detail: 'd', missing: 'name',
      max: 5, host: 'h.example', range: 'private', address: '10.0.0.1', status: 500, seconds: 5, destination: 'Russia', place: 'Paris', subdivision: 'FR-75', where: 'France', capital: 'Moscow', code: 'RU-MOW' };
    for (const [pattern, id] of PATTERNS) expect(pattern.test(en.t(id, sample)), id).toBe(true);
  });

  it('knows every reason those files write: a new or reworded one fails here', () => {
    const reasons = codeReasons();
    expect(reasons.length).toBeGreaterThan(30);
    const missing = reasons.filter((text) => !Object.hasOwn(EXACT, text) && !PATTERNS.some(([pattern]) => pattern.test(text)));
    expect(missing).toEqual([]);
    expect(BLOCKED_RANGE_NAMES.filter((name) => !Object.hasOwn(RANGES, name))).toEqual([]);
  });

  it('translates a reason with what was typed, the reasons it quotes and the destinations it names', () => {
    expect(reasonText(fr, 'start date: 2027-13-45 is not a date in YYYY-MM-DD')).toBe('date de début : 2027-13-45 n’est pas une date au format YYYY-MM-DD');
    expect(reasonText(fr, 'unsafe webhook address: is a loopback (IPv4 inside IPv6) address (::ffff:127.0.0.1)'))
      .toBe('adresse de webhook refusée : c’est une adresse de bouclage (IPv4 dans IPv6) (::ffff:127.0.0.1)');
    expect(reasonText(fr, 'unknown region "Lyon" in Germany: we know it as Lyon (FR-69) in France; choose France as the destination, or check the spelling'))
      .toBe('région « Lyon » inconnue pour la destination Allemagne : nous la connaissons comme Lyon (FR-69), destination France ; choisissez France comme destination, ou vérifiez l’orthographe');
    expect(reasonText(fr, 'something new')).toBe('something new');
    expect(reasonText(en, 'end before start')).toBe('end before start');
  });
});
