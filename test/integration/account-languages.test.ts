import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { checkInUrls } from '../../src/crises/links.ts';
import { contactUrls } from '../../src/crises/contact-links.ts';
import { AREAS } from '../../src/i18n/catalog.ts';
import type { Locale } from '../../src/i18n/locales.ts';
import { signToken } from '../../src/security/signed-links.ts';
import { buildApp } from '../../src/http/app.ts';
import { ENGINES } from '../helpers/databases.ts';
import { CONFIG, crisisSuite, day, declare, wave } from '../helpers/crises-setup.ts';
import { travellerPost, travellerSignIn } from '../helpers/traveller.ts';

/**
 * Issue 16, "Two languages, properly": every account page and every page an answer link opens is
 * wholly in the reader's language. A traveller whose profile says French gets French without
 * asking (no ?lang, no cookie); the same pages asked for in English carry no French. The leak
 * check looks for every sentence piece (three words or more) of the account catalogues in the
 * other language on the page's text.
 */

const OUR_AREAS = ['account', 'accountTrips', 'accountSettings', 'accountErrors', 'accountReasons', 'accountAnswers'] as const;

/** The literal pieces of an ICU message, plural and select branches included. */
function literals(elements: MessageFormatElement[], into: string[] = []): string[] {
  for (const element of elements) {
    if (element.type === TYPE.literal) into.push(element.value);
    if ('options' in element) for (const option of Object.values(element.options)) literals(option.value, into);
  }
  return into;
}

/** Every piece of three words or more in a language's account catalogues. */
function phrases(locale: Locale): string[] {
  const all = OUR_AREAS.flatMap((area) => Object.values(AREAS[area][locale] as Record<string, string>).flatMap((text) => literals(parse(text))));
  return [...new Set(all.map((piece) => piece.trim().replace(/^[:;,.–·(]+\s*/, '').replace(/\s*[:;,.–·(]+$/, '')).filter((piece) => piece.split(/\s+/).length > 2))];
}

/**
 * The text of a page's main landmark as a reader sees it: no tags, entities decoded, spaces
 * collapsed. The site's header and footer around it are the public site's (src/http/pages/).
 */
function pageText(body: string): string {
  const main = /<main[\s\S]*<\/main>/.exec(body)?.[0] ?? body;
  return main.replace(/<script[\s\S]*?<\/script>/g, ' ').replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, '\'').replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/\s+/g, ' ');
}

function leaks(body: string, other: Locale): string[] {
  const text = pageText(body);
  return phrases(other).filter((phrase) => text.includes(phrase.replace(/\s+/g, ' ')));
}

describe.each(ENGINES)('account and answer pages in two languages on %s', (engine) => {
  const suite = crisisSuite(engine);

  /** A French-speaking traveller with a trip, a subscription, a contact, a crisis check-in and a contact question. */
  async function frenchTraveller() {
    const { app, store } = suite;
    const session = await travellerSignIn(app, store, 'amelie@example.org');
    const profile = await travellerPost(app, session, '/account/profile', {
      name: 'Amélie', language: 'fr', contact_name: 'Paul', contact_phone: '+33 1 23 45 67 89', contact_relation: 'frère', contact_email: 'paul@example.org', contact_ask: '0',
    });
    expect(profile.statusCode, profile.body).toBe(303);
    // A French name in the trip form is read as the destination it names.
    const trip = await travellerPost(app, session, '/account/trips', { destination: 'Russie', region: '', start: day(-2), end: day(10) });
    expect(trip.statusCode, trip.body).toBe(303);
    expect((await travellerPost(app, session, '/account/subscriptions', { kind: 'destination', destination: 'Allemagne', advisories: 'on' })).statusCode).toBe(303);
    const traveller = await store.db.selectFrom('travellers').select(['id', 'language']).where('email', '=', 'amelie@example.org').executeTakeFirstOrThrow();
    expect(traveller.language).toBe('fr');
    const crisisId = await declare(suite, { title: 'Unrest', destinations: ['RU'], startedAt: new Date(Date.now() - 5 * 86_400_000).toISOString() });
    await wave(suite, crisisId);
    const waveRow = await store.db.selectFrom('crisis_waves').select('id').where('crisis_id', '=', crisisId).executeTakeFirstOrThrow();
    const checkIn = new URL(checkInUrls(CONFIG, { waveId: waveRow.id, travellerId: traveller.id, channel: 'email' }).safe).pathname;
    const ask = await store.db.insertInto('crisis_contact_asks').values({
      crisis_id: crisisId, traveller_id: traveller.id, contact_index: 0, contact_name: 'Paul', contact_email: 'paul@example.org', status: 'sent',
      claimed_by: null, claimed_at: null, sent_at: new Date().toISOString(), last_error: null, answer: null, answered_at: null, created_at: new Date().toISOString(),
    } as never).returning('id').executeTakeFirstOrThrow();
    const contact = new URL(contactUrls(CONFIG, Number(ask.id)).heard_safe).pathname;
    const tripId = (await store.db.selectFrom('trips').select('id').where('traveller_id', '=', traveller.id).executeTakeFirstOrThrow()).id;
    const token = (purpose: Parameters<typeof signToken>[1], data: object) => signToken(CONFIG.secret, purpose, data);
    return { session, traveller, crisisId, checkIn, contact, tripId, token };
  }

  /** Every page a traveller reads, as [name, response], asked with `headers` (a cookie, Accept-Language). */
  async function everyPage(headers: Record<string, string>) {
    const { app } = suite;
    const t = await frenchTraveller();
    const cookie = [t.session.cookie, headers.cookie].filter(Boolean).join('; ');
    const get = (url: string, extra: Record<string, string> = {}) => app.inject({ url, headers: { ...headers, ...extra } });
    const signedIn = (url: string) => get(url, { cookie });
    const form = (url: string, fields: Record<string, string>, withSession = true) => {
      const payload = new URLSearchParams({ ...(withSession ? { _csrf: t.session.csrf } : {}), ...fields }).toString();
      // An answer button posts nothing (the link is the answer): no body, as a browser's empty form in tests elsewhere.
      if (!payload) return app.inject({ method: 'POST', url, headers });
      return app.inject({ method: 'POST', url, headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded', ...(withSession ? { cookie } : {}) }, payload });
    };
    const pages: [string, { statusCode: number; body: string }][] = [
      ['sign-in', await get('/account/sign-in')],
      ['check-email', await get('/account/check-email')],
      ['overview', await signedIn('/account')],
      ['subscriptions', await signedIn('/account/subscriptions')],
      ['profile', await signedIn('/account/profile')],
      ['channels', await signedIn('/account/channels')],
      ['privacy', await signedIn('/account/privacy')],
      ['delete', await signedIn('/account/delete')],
      ['trip edit', await signedIn(`/account/trips/${t.tripId}/edit`)],
      ['help to leave', await signedIn(`/account/departures/${t.crisisId}`)],
      ['refused trip', await form('/account/trips', { destination: 'Russie', start: day(5), end: day(1) })],
      ['refused region', await form('/account/trips', { destination: 'Russie', region: 'Xqzwv', start: day(5), end: day(9) })],
      ['region elsewhere', await form('/account/trips', { destination: 'Allemagne', region: 'Lyon', start: day(5), end: day(9) })],
      ['refused webhook', await form('/account/channels/webhook', { url: 'ftp://example.org/hook' })],
      ['refused webhook host', await form('/account/channels/webhook', { url: 'https://user:secret@example.org/hook' })],
      ['refused profile', await form('/account/profile', { name: 'x', language: 'fr', citizenship: 'Atlantide' })],
      ['preferences link', await get(`/preferences?token=${t.token('preferences', { t: t.traveller.id })}`)],
      ['unsubscribe link', await get(`/unsubscribe?token=${t.token('unsubscribe', { t: t.traveller.id })}`)],
      ['check-in', await get(t.checkIn)],
      ['check-in recorded', await form(t.checkIn, {}, false)],
      ['check-in details refused', await form(`${t.checkIn}/details`, { partySize: 'many' }, false)],
      ['help to leave by link', await get(`${t.checkIn}/departure`)],
      ['help to leave refused', await form(`${t.checkIn}/departure`, { partySize: '0', location: '' }, false)],
      ['contact question', await get(t.contact)],
      ['contact answered', await form(t.contact, {}, false)],
      ['bad check-in link', await get('/check-in/not-a-token')],
    ];
    return { pages, traveller: t };
  }

  it('a traveller whose profile says French reads every page in French, errors included, with no English left', async () => {
    const { pages } = await everyPage({});
    for (const [name, response] of pages) {
      expect(response.statusCode, `${name}: ${response.body.slice(0, 300)}`).toBeLessThan(500);
      // The sign-in pages know nobody yet: they follow the browser, here the default.
      const expected = name === 'sign-in' || name === 'check-email' || name === 'bad check-in link' ? 'en' : 'fr';
      expect(response.body, name).toContain(`<html lang="${expected}">`);
      if (expected === 'fr') expect(leaks(response.body, 'en'), name).toEqual([]);
    }
    const page = (name: string) => pages.find(([n]) => n === name)![1].body;
    expect(page('refused trip')).toContain('Le voyage se termine avant de commencer');
    expect(page('refused profile')).toContain('Pays inconnu « Atlantide »');
    expect(pageText(page('refused region'))).toContain('Région « Xqzwv » inconnue pour la destination Russie : nous n’y connaissons aucune ville ni région de ce nom');
    expect(pageText(page('region elsewhere'))).toContain('Région « Lyon » inconnue pour la destination Allemagne : nous la connaissons comme Lyon');
    expect(pageText(page('region elsewhere'))).toContain('choisissez France comme destination');
    expect(pageText(page('refused webhook'))).toContain('Cette adresse de webhook est refusée : elle doit commencer par https:// (ou http://).');
    expect(pageText(page('refused webhook host'))).toContain('Cette adresse de webhook est refusée : elle ne doit contenir ni nom d’utilisateur ni mot de passe.');
    expect(page('overview')).toContain('Russie');
    expect(page('subscriptions')).toContain('Allemagne');
    expect(page('check-in recorded')).toContain('Je suis en sécurité');
    expect(page('help to leave refused')).toContain('Rien n’a été enregistré');
  });

  it('the same pages asked for in English (the lang cookie) carry no French; Accept-Language alone gives French to the pages that know nobody', async () => {
    const { pages } = await everyPage({ cookie: 'lang=en' });
    for (const [name, response] of pages) {
      expect(response.statusCode, `${name}: ${response.body.slice(0, 300)}`).toBeLessThan(500);
      expect(response.body, name).toContain('<html lang="en">');
      expect(leaks(response.body, 'fr'), name).toEqual([]);
    }
    const signIn = await suite.app.inject({ url: '/account/sign-in', headers: { 'accept-language': 'fr-CA,fr;q=0.9' } });
    expect(signIn.body).toContain('<html lang="fr">');
    expect(signIn.headers['content-language']).toBe('fr');
    expect(leaks(signIn.body, 'en')).toEqual([]);
  });

  it('the leak check can fail: an English page holds English phrases', async () => {
    const english = await suite.app.inject({ url: '/account/sign-in' });
    expect(leaks(english.body, 'en').length).toBeGreaterThan(3);
  });

  it('offers only the languages that exist; a stored "es" still loads, read as English', async () => {
    const { app, store } = suite;
    const session = await travellerSignIn(app, store, 'elena@example.org');
    await store.db.updateTable('travellers').set({ language: 'es' }).where('email', '=', 'elena@example.org').execute();
    const profile = await app.inject({ url: '/account/profile', headers: { cookie: session.cookie } });
    expect(profile.statusCode).toBe(200);
    expect(profile.body).toContain('<html lang="en">');
    const select = /<select id="language"[\s\S]*?<\/select>/.exec(profile.body)![0];
    const options = [...select.matchAll(/<option value="([^"]+)"[^>]*>([^<]+)<\/option>/g)].map((m) => `${m[1]}:${m[2]}`);
    expect(options).toEqual(['en:English', 'fr:Français']);
    // The browser's language counts where the stored one is not ours.
    const french = await app.inject({ url: '/account', headers: { cookie: session.cookie, 'accept-language': 'fr' } });
    expect(french.body).toContain('<html lang="fr">');
    const refused = await travellerPost(app, session, '/account/profile', { name: 'Elena', language: 'es' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Unknown language &quot;es&quot;.');
    expect((await store.db.selectFrom('travellers').select('language').where('email', '=', 'elena@example.org').executeTakeFirstOrThrow()).language).toBe('es');
  });

  it('JSON clients keep English problem details whatever the language', async () => {
    const { app, store } = suite;
    const session = await travellerSignIn(app, store, 'jules@example.org');
    const refused = await app.inject({
      method: 'POST', url: '/account/trips?lang=fr', headers: { cookie: session.cookie, 'content-type': 'application/json' },
      payload: { destinations: [{ destination: 'RU', region: '' }], start: day(5), end: day(1) },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ detail: 'The trip ends before it starts: check the dates.' });
  });

  it('the trip confirmation e-mail is in the traveller\'s language of messages, naming the destination in it', async () => {
    // This suite's app sends no account mail; this one sends it to the file's loopback SMTP server.
    const app = await buildApp({ store: suite.store, config: { ...CONFIG, smtpUrl: suite.smtp.url } });
    try {
      // Signed in through the suite's app (its built-in outbox holds the link); the session is the store's.
      const session = await travellerSignIn(suite.app, suite.store, 'amelie@example.org');
      expect((await travellerPost(app, session, '/account/profile', { name: 'Amélie', language: 'fr' })).statusCode).toBe(303);
      expect((await travellerPost(app, session, '/account/trips', { destination: 'Russie', region: '', start: day(1), end: day(10) })).statusCode).toBe(303);
      const [confirmation] = await suite.smtp.waitFor(1);
      expect(confirmation!.subject).toBe('Voyage enregistré : Russie');
      expect(confirmation!.header('content-language')).toBe('fr');
    } finally {
      await app.close();
    }
  });
});
