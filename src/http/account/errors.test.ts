import { describe, expect, it } from 'vitest';
import { checkOrganisationMessage, withinMessageLimit } from '../../domain/organisation-messages.ts';
import { checkOrganisationName, limitMessage, organisationMay } from '../../domain/organisations.ts';
import { translator } from '../../i18n/translator.ts';
import { enrolmentErrorText, KNOWN_REFUSALS } from './errors.ts';
import { literalsAfter } from '../../../test/helpers/source-literals.ts';

/**
 * Refusals a traveller or an organisation's admin reads, as the enrolment domain (and the account
 * pages' own routes) write them: string literals, and template literals with each quoted part as "1".
 */
function domainRefusals(): string[] {
  const files = ['travellers', 'trips', 'subscriptions', 'profile', 'channels', 'sms-verification', 'invitations', 'csv-import']
    .map((file) => `../../enrolment/${file}.ts`).concat('./channels.ts');
  return files.flatMap((file) => literalsAfter(new URL(file, import.meta.url), /new EnrolmentError\(/));
}

describe('enrolment refusals in the reader\'s language', () => {
  const { EXACT, PATTERNS } = KNOWN_REFUSALS;

  it('each English catalogue text is the domain\'s own, word for word', () => {
    const en = translator('en');
    for (const [text, id] of Object.entries(EXACT)) expect(en.t(id), id).toBe(text);
    expect(PATTERNS.every(([pattern, id]) => pattern.test(en.t(id, { typed: 'X', name: 'Ann', max: 3, left: 2, used: 1, reason: 'r', action: 'import', field: 'subject', got: 9 })))).toBe(true);
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
    expect(enrolmentErrorText(fr, { message: 'This webhook address is refused: host hooks.example resolves to a private address (10.0.0.7).' }))
      .toBe('Cette adresse de webhook est refusée : l’hôte hooks.example pointe vers une adresse privée (10.0.0.7).');
    expect(enrolmentErrorText(fr, { message: 'Unknown region "Atlantis" in Russia: we know no city or region of that name there; type a city, a region or an ISO 3166-2 code such as Moscow or RU-MOW, or leave it empty for the whole country.' }))
      .toBe('Région « Atlantis » inconnue pour la destination Russie : nous n’y connaissons aucune ville ni région de ce nom ; indiquez une ville, une région ou un code ISO 3166-2, par exemple Moscow ou RU-MOW, ou laissez vide pour tout le pays.');
    expect(enrolmentErrorText(translator('en'), { message: 'The trip ends before it starts: check the dates.' })).toBe('The trip ends before it starts: check the dates.');
  });

  it('translates the daily import limit, whichever counter it names', () => {
    const fr = translator('fr');
    const now = new Date('2026-12-02T10:00:00Z');
    for (const counter of ['rows', 'messages'] as const) {
      const message = limitMessage({ ok: false, counter, used: 90, wanted: 20, limit: 100 }, now);
      expect(enrolmentErrorText(fr, { message })).toMatch(/^La limite quotidienne de cette organisation est de 100 .* 90 utilisé.* 20 de plus\. Rien n’a été importé ; réessayez après 2026-12-03 00:00 UTC\.$/);
    }
  });

  it('translates what an organisation admin is refused: the name rules, an unverified or withdrawn organisation, the daily message limit', () => {
    const fr = translator('fr');
    const refusals = [
      ...[undefined, '', 'a\u200bb', 'x'.repeat(500), 'Ask ann@example.org', 'See example.org'].map((name) => checkOrganisationName(name)),
      ...(['unverified', 'withdrawn'] as const).flatMap((state) => (['import', 'invite', 'message'] as const).map((action) => organisationMay(state, action))),
      withinMessageLimit(3, 3, '2026-12-03 00:00 UTC'), withinMessageLimit(1, 1, '2026-12-03 00:00 UTC'),
    ].map((decision) => (decision.ok ? '' : decision.reason));
    // A message refused: each field's problem, as the organisation-messages service joins them after "Nothing was sent:".
    for (const input of [{}, { subject: 'x'.repeat(500), text: 'a\u200bb', audience: 'everyone', destinations: 'Atlantis' }, { subject: 'S', text: 'T', audience: 'all', destinations: 'RU' }]) {
      const check = checkOrganisationMessage(input);
      if (!check.ok) refusals.push(`Nothing was sent: ${check.errors.map((e) => e.message).join(' ')}`);
    }
    expect(refusals).toHaveLength(17);
    expect(refusals.filter((text) => !text)).toEqual([]);
    for (const text of refusals) expect(enrolmentErrorText(fr, { message: text }), text).not.toBe(text);
    // No English sentence left in a translated one: every field's problem is translated too.
    for (const text of refusals.slice(-3)) expect(enrolmentErrorText(fr, { message: text }), text).not.toMatch(/Subject|Message |Destinations|Choose/);
    expect(enrolmentErrorText(fr, { message: organisationMay('unverified', 'message').ok ? '' : (organisationMay('unverified', 'message') as { reason: string }).reason }))
      .toBe('Cette organisation attend d’être vérifiée par les administrateurs du service : elle ne peut pas encore envoyer de messages.');
  });
});
