import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { ENGINES, createTestStore, type TestStore } from '../helpers/databases.ts';
import { addStaff, consoleSignInAttempt } from '../helpers/editorial-setup.ts';
import { confirmLink } from '../helpers/traveller.ts';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/**
 * Login CSRF (docs/security.md): another site must not be able to sign a visitor in, to the
 * traveller account behind a sign-in link of the attacker's, or to the console. The confirmation
 * form of a link is refused when the browser says it came from another site, or without the
 * pre-session pair (cookie + signed form token) the link's own page hands out; a refusal leaves the
 * link usable.
 */
describe.each(ENGINES)('login CSRF on %s', (engine) => {
  let store: TestStore;
  let app: FastifyInstance;

  beforeAll(async () => {
    store = await createTestStore(engine);
    await addStaff(store, 'editor@example.org', 'editor');
    app = await buildApp({ store, config: { publicUrl: 'http://waypost.test' } });
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  async function linkFor(email: string): Promise<string> {
    expect((await app.inject({ method: 'POST', url: '/account/sign-in', payload: { email } })).statusCode).toBe(202);
    const mail = await store.db.selectFrom('outbox_messages').select('text_body').where('recipient', '=', email).orderBy('id', 'desc').executeTakeFirstOrThrow();
    return new URL(/(http:\/\/waypost\.test\/account\/link\/\S+)/.exec(mail.text_body)![1]!).pathname;
  }
  const signedIn = (response: LightMyRequestResponse) => (response.cookies as { name: string }[]).some((c) => c.name === 'waypost_traveller');
  const travellers = async () => Number((await store.db.selectFrom('travellers').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  function expectRefused(response: LightMyRequestResponse) {
    expect(response.statusCode, response.body.slice(0, 300)).toBe(403);
    expect(response.body).toContain('Not signed in');
    expect(signedIn(response)).toBe(false);
  }

  it('a confirmation sent from another site (Origin or Sec-Fetch-Site) signs nobody in, and the link still works', async () => {
    const link = await linkFor('attacker@example.org');
    const before = await travellers();
    expectRefused(await confirmLink(app, link, { origin: 'https://evil.example' }));
    expectRefused(await confirmLink(app, link, { 'sec-fetch-site': 'cross-site' }));
    expect(await travellers()).toBe(before);
    // The owner of the address, from this site's own page, is signed in. (Chromium sends Origin: null
    // there: the account pages' Referrer-Policy is no-referrer. The pre-session token decides then.)
    const own = await confirmLink(app, link, { origin: 'null', 'sec-fetch-site': 'same-origin' });
    expect(own.statusCode).toBe(303);
    expect(signedIn(own)).toBe(true);
  });

  it('without the pre-session pair, or with a forged or borrowed token, nobody is signed in', async () => {
    const link = await linkFor('victim@example.org');
    const landing = await app.inject({ url: link });
    const token = /name="_form" value="([^"]+)"/.exec(landing.body)![1]!;
    const cookie = (landing.cookies as { name: string; value: string }[]).find((c) => c.name === 'waypost_link')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/account/link' });
    const post = (fields: Record<string, string>, cookieHeader?: string) =>
      app.inject({ method: 'POST', url: link, headers: { ...FORM, ...(cookieHeader ? { cookie: cookieHeader } : {}) }, payload: new URLSearchParams(fields).toString() });
    const json = await app.inject({ method: 'POST', url: link, payload: {} });
    expect(json.statusCode).toBe(403);
    expect(json.headers['content-type']).toMatch(/^application\/problem\+json/);
    expectRefused(await post({}));
    expectRefused(await post({}, `waypost_link=${cookie.value}`));
    expectRefused(await post({ _form: token }));
    expectRefused(await app.inject({ method: 'POST', url: link, headers: { ...FORM, origin: 'null' }, payload: '' }));
    expectRefused(await post({ _form: `${token.slice(0, -2)}AA` }, `waypost_link=${cookie.value}`));
    // A token an attacker got from their own browser's page does not match the victim's cookie.
    const other = await app.inject({ url: link });
    expectRefused(await post({ _form: token }, `waypost_link=${(other.cookies as { name: string; value: string }[])[0]!.value}`));
    // Nor does a token for another link.
    const elsewhere = await app.inject({ url: await linkFor('someone-else@example.org') });
    expectRefused(await post({ _form: /name="_form" value="([^"]+)"/.exec(elsewhere.body)![1]! }, `waypost_link=${(elsewhere.cookies as { name: string; value: string }[])[0]!.value}`));
    expect(await store.db.selectFrom('travellers').select('id').where('email_normalised', '=', 'victim@example.org').executeTakeFirst()).toBeUndefined();
    const good = await app.inject({ method: 'POST', url: link, headers: { ...FORM, cookie: `waypost_link=${cookie.value}`, origin: 'http://waypost.test' }, payload: new URLSearchParams({ _form: token }).toString() });
    expect(good.statusCode).toBe(303);
    expect(signedIn(good)).toBe(true);
  });

  it('the console sign-in form refuses another site even with the right password', async () => {
    for (const header of [{ origin: 'https://evil.example' }, { 'sec-fetch-site': 'cross-site' }] as Record<string, string>[]) {
      const refused = await consoleSignInAttempt(app, 'editor@example.org', { headers: header });
      expect(refused.statusCode).toBe(403);
      expect((refused.cookies as { name: string }[]).some((c) => c.name === 'waypost_session')).toBe(false);
    }
    expect((await consoleSignInAttempt(app, 'editor@example.org', { headers: { origin: 'http://waypost.test', 'sec-fetch-site': 'same-origin' } })).statusCode).toBe(303);
  });
});
