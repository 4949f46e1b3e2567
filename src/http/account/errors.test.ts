import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { translator } from '../../i18n/translator.ts';
import { enrolmentErrorText, KNOWN_REFUSALS } from './errors.ts';

/** Refusals a traveller reads, as the enrolment domain writes them (string literals only). */
function domainRefusals(): string[] {
  const files = ['travellers', 'trips', 'subscriptions', 'profile', 'channels', 'sms-verification', 'invitations'];
  return files.flatMap((file) => [...readFileSync(new URL(`../../enrolment/${file}.ts`, import.meta.url), 'utf8')
    .matchAll(/new EnrolmentError\('((?:[^'\\]|\\.)*)'/g)].map((m) => m[1]!.replace(/\\'/g, '\'')));
}

describe('enrolment refusals in the reader\'s language', () => {
  const { EXACT, PATTERNS } = KNOWN_REFUSALS;

  it('each English catalogue text is the domain\'s own, word for word', () => {
    const en = translator('en');
    for (const [text, id] of Object.entries(EXACT)) expect(en.t(id), id).toBe(text);
    expect(PATTERNS.every(([pattern, id]) => pattern.test(en.t(id, { typed: 'X', name: 'Ann', max: 3, left: 2 })))).toBe(true);
  });

  it('knows every literal refusal of the enrolment domain: a reworded one fails here', () => {
    const missing = domainRefusals().filter((text) => !Object.hasOwn(EXACT, text) && !PATTERNS.some(([pattern]) => pattern.test(text)));
    expect(missing).toEqual([]);
  });

  it('translates, with what the traveller typed, and leaves an unknown refusal as written', () => {
    const fr = translator('fr');
    expect(enrolmentErrorText(fr, { message: 'The trip ends before it starts: check the dates.' })).toBe('Le voyage se termine avant de commencer : vérifiez les dates.');
    expect(enrolmentErrorText(fr, { message: 'Unknown destination "Atlantis": use a country name or its ISO code.' })).toBe('Destination inconnue « Atlantis » : indiquez le nom d’un pays ou son code ISO.');
    expect(enrolmentErrorText(fr, { message: 'That is not the code we sent. 1 try left.' })).toBe('Ce n’est pas le code que nous avons envoyé. 1 essai restant.');
    expect(enrolmentErrorText(fr, { message: 'Something new.' })).toBe('Something new.');
    expect(enrolmentErrorText(translator('en'), { message: 'The trip ends before it starts: check the dates.' })).toBe('The trip ends before it starts: check the dates.');
  });
});
