import { describe, expect, it } from 'vitest';
import { NotifyWorker } from '../../src/notify/worker.ts';
import { demonstration } from '../helpers/alerts-setup.ts';
import { ENGINES } from '../helpers/databases.ts';
import { approvedDraft } from '../helpers/drafts.ts';
import { consoleGet, consolePost, consoleSignIn, editorialSuite } from '../helpers/editorial-setup.ts';
import { addSubscription, addTraveller } from '../helpers/notify.ts';
import { smtpSuite } from '../helpers/smtp-suite.ts';

/** Deployment identity (docs/identity.md): who publishes here, as the API, pages, feeds, e-mails and CAP say. */

const MINISTRY = {
  authorityName: 'Ministry of Foreign Affairs of Ruritania',
  authorityShortName: 'Ruritania MFA',
  citizenNoun: 'Ruritanian nationals',
  brandColour: '#1d4f91',
  emergencyPhone: '+44 20 7008 5000',
  contactUrl: 'https://mfa.example.org/contact',
};
const URL_ = '/api/v1/settings/identity';
/** "Waypost" anywhere but in the software's credit. */
const creditsWaypost = (text: string) => text.replace(/Powered by Waypost|<generator>Waypost<\/generator>|<generator[^>]*>Waypost<\/generator>/g, '').includes('Waypost');

describe.each(ENGINES)('deployment identity on %s', (engine) => {
  const suite = editorialSuite(engine);
  const loopback = smtpSuite();

  it('is public to read; only admins change it (401 without a token, 403 for other roles)', async () => {
    const { call, team } = suite;
    const read = await call('GET', URL_, null);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ authorityName: 'Waypost', citizenNoun: 'Citizens', brandColour: '#0c2d48', logoUrl: null, publicBaseUrl: 'http://waypost.test', poweredBy: 'Waypost' });
    const anonymous = await call('PATCH', URL_, null, MINISTRY);
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['content-type']).toMatch(/^application\/problem\+json/);
    for (const who of [team.editor, team.reviewer, team.crisis]) expect((await call('PATCH', URL_, who.token, MINISTRY)).statusCode).toBe(403);
    const logo = await suite.app.inject({ method: 'PUT', url: `${URL_}/logo`, headers: { authorization: `Bearer ${team.editor.token}`, 'content-type': 'image/png' }, payload: Buffer.from('x') });
    expect(logo.statusCode).toBe(403);
    expect((await call('GET', URL_, null)).json()).toMatchObject({ authorityName: 'Waypost' });
  });

  it.each([
    [{ brandColour: '#ffe066' }, 'brandColour', /contrast of 1\.3:1; WCAG AA needs 4\.5:1/],
    [{ brandColour: 'navy' }, 'brandColour', /#1d4f91/],
    [{ authorityName: '' }, 'authorityName', /non-empty/],
    [{ contactUrl: 'javascript:alert(1)' }, 'contactUrl', /http or https/],
    [{ emergencyPhone: 'call us' }, 'emergencyPhone', /phone number/],
    [{ footerLinks: [{ label: 'Privacy', url: 'ftp://x' }] }, 'footerLinks.0.url', /http or https/],
    [{ authorityname: 'typo' }, 'authorityname', /not an identity setting/],
  ])('refuses %j with a 400 naming %s, changing nothing', async (body, field, message) => {
    const { call, team, store } = suite;
    const before = await store.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const refused = await call('PATCH', URL_, team.admin.token, { ...body, authorityName: 'authorityName' in body ? body.authorityName : 'Changed' });
    expect(refused.statusCode).toBe(400);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = refused.json() as { errors: { field: string; message: string }[] };
    expect(problem.errors.find((e) => e.field === field)?.message).toMatch(message);
    expect((await call('GET', URL_, null)).json()).toMatchObject({ authorityName: 'Waypost' });
    const after = await store.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('an admin sets it (audited); pages, feeds and the API show it at once', async () => {
    const { call, team, store, app } = suite;
    // Cached under the old identity first, so the test shows the cache is rebuilt.
    expect((await app.inject('/destinations/russia/')).body).toContain('<span class="brand-name">Waypost</span>');
    expect((await app.inject('/account/sign-in')).body).toContain('<span class="brand-name">Waypost</span>');
    const saved = await call('PATCH', URL_, team.admin.token, { ...MINISTRY, footerLinks: [{ label: 'Privacy', url: 'https://mfa.example.org/privacy' }] });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject(MINISTRY);
    expect((await call('GET', URL_, null)).json()).toMatchObject(MINISTRY);
    const audit = await store.db.selectFrom('audit_log').select(['actor_label', 'subject', 'detail']).where('subject', '=', 'deployment identity').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_label).toBe('admin@example.org');
    expect(JSON.parse(audit[0]!.detail)).toMatchObject({ identity: { authorityName: { from: 'Waypost', to: MINISTRY.authorityName }, brandColour: { from: '#0c2d48', to: '#1d4f91' } } });
    // The same values again change and record nothing.
    await call('PATCH', URL_, team.admin.token, MINISTRY);
    expect(await store.db.selectFrom('audit_log').select('id').where('subject', '=', 'deployment identity').execute()).toHaveLength(1);

    const page = (await app.inject('/destinations/russia/')).body;
    expect(page).toContain(`<span class="brand-name">${MINISTRY.authorityName}</span>`);
    expect(page).toContain('<title>Russia: Level 4, Do Not Travel · Ruritania MFA</title>');
    expect(page).toContain('--brand:#1d4f91');
    expect(page).toContain('<a href="tel:+442070085000">+44 20 7008 5000</a>');
    expect(page).toContain('<a href="https://mfa.example.org/privacy">Privacy</a>');
    expect(page).toContain('Powered by Waypost');
    // Russia's advice is imported: it keeps the State Department's credit.
    expect(page).toContain('U.S. Department of State');
    expect(creditsWaypost(page)).toBe(false);
    expect(creditsWaypost((await app.inject('/')).body)).toBe(false);
    // The traveller's account pages carry the same header: name, colour, title (their texts are the account pages' own).
    const account = (await app.inject('/account/sign-in')).body;
    expect(account).toContain(`<span class="brand-name">${MINISTRY.authorityName}</span>`);
    expect(account).toContain('--brand:#1d4f91');
    expect(account).toContain('<title>Sign up or sign in · Ruritania MFA</title>');
  });

  it('credits advice published here to the authority; imported advice keeps its source (page, JSON, Atom)', async () => {
    const { call, team, app } = suite;
    const summary = `${((await call('GET', '/api/v1/advisories/FR', null)).json() as { summary: string }).summary}\n\nStrikes are expected in Paris.`;
    const id = await approvedDraft(call, team, 'FR', { changeType: 'major', changeNote: 'Strikes expected in Paris.', summary });
    expect((await call('POST', `/api/v1/drafts/${id}/publish`, team.reviewer.token, {})).statusCode).toBe(200);
    expect((await call('GET', '/api/v1/advisories/FR', null)).json()).toMatchObject({ source: { authority: MINISTRY.authorityName } });
    expect((await call('GET', '/api/v1/advisories/RU', null)).json()).toMatchObject({ source: { authority: 'U.S. Department of State' } });
    expect((await app.inject('/destinations/france/')).body).toContain(`Source: ${MINISTRY.authorityName}`);

    const atom = (await app.inject('/feeds/advisories.atom')).body;
    expect(atom).toContain(`<author>\n        <name>${MINISTRY.authorityName}</name>`);
    const france = atom.split(/<entry[ >]/).find((entry) => entry.includes('France'))!;
    expect(france).toContain(`<name>${MINISTRY.authorityName}</name>`);
    const imported = atom.split(/<entry[ >]/).find((entry) => entry.includes('U.S. Department of State'));
    expect(imported).toBeDefined();
    expect(creditsWaypost(atom)).toBe(false);
    expect(creditsWaypost((await app.inject('/feeds/advisories/FR.atom')).body)).toBe(false);
  });

  it('e-mails come from the authority and use its citizen noun (real SMTP on loopback)', async () => {
    const { call, team, store } = suite;
    const traveller = await addTraveller(store.db, 'reader@example.org');
    await addSubscription(store.db, traveller.id, 'destination', 'BY');
    const id = await approvedDraft(call, team, 'BY', { changeType: 'major', level: 4, departureUrged: true, changeNote: 'Leave now.', summary: 'Leave Belarus now.' });
    expect((await call('POST', `/api/v1/drafts/${id}/publish`, team.reviewer.token, {})).statusCode).toBe(200);
    const worker = new NotifyWorker({ store, config: { publicUrl: 'http://waypost.test', secret: 'identity-secret-0123456789' }, mail: loopback.mail });
    await worker.drain();
    const [message] = await loopback.smtp.waitFor(1);
    expect(message!.raw).toMatch(/^From: "Ministry of Foreign Affairs of Ruritania" <no-reply@waypost\.invalid>/m);
    expect(message!.text).toContain('Ruritanian nationals there should leave immediately.');
    expect(message!.text).toContain(`Sent by ${MINISTRY.authorityName}.`);
    expect(creditsWaypost(`${message!.subject}\n${message!.text}\n${String(message!.html)}\n${message!.header('from') ?? ''}`)).toBe(false);
  });

  it('a CAP document names no Waypost: its sender is the deployment host', async () => {
    const { call, team, app } = suite;
    const issued = await call('POST', '/api/v1/alerts', team.crisis.token, demonstration({ senderName: MINISTRY.authorityName }));
    expect(issued.statusCode, issued.body).toBe(201);
    const cap = (await app.inject(`/feeds/alerts/${(issued.json() as { id: number }).id}.cap`)).body;
    expect(cap).toContain(`<senderName>${MINISTRY.authorityName}</senderName>`);
    expect(cap).toContain('<sender>alerts@waypost.test</sender>');
    expect(creditsWaypost(cap)).toBe(false);
    expect(creditsWaypost((await app.inject('/feeds/alerts.atom')).body)).toBe(false);
  });

  it('takes a logo: SVG cleaned of script, PNG checked by signature; shown in the header; audited', async () => {
    const { team, app, store } = suite;
    const put = (type: string, payload: Buffer | string, token = team.admin.token) =>
      app.inject({ method: 'PUT', url: `${URL_}/logo`, headers: { authorization: `Bearer ${token}`, 'content-type': type }, payload });
    const refused = await put('image/png', '<svg onload="alert(1)"/>');
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ errors: [{ field: 'logo', message: expect.stringMatching(/not a PNG/) as unknown }] });

    const saved = await put('image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" onload="alert(1)"><script>alert(2)</script><rect width="10" height="10" fill="#fff"/></svg>');
    expect(saved.statusCode, saved.body).toBe(200);
    const logoUrl = (saved.json() as { logoUrl: string }).logoUrl;
    expect(logoUrl).toMatch(/^http:\/\/waypost\.test\/identity\/logo-\d+\.svg$/);
    const logo = await app.inject(logoUrl.replace('http://waypost.test', ''));
    expect(logo.statusCode).toBe(200);
    expect(logo.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(logo.headers['content-security-policy']).toContain("default-src 'none'");
    expect(logo.body).toBe('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#fff"></rect></svg>');
    expect((await app.inject('/')).body).toContain(`<img class="brand-logo" src="${logoUrl.replace('http://waypost.test', '')}" alt=""`);
    const audit = await store.db.selectFrom('audit_log').select('detail').where('subject', '=', 'deployment logo').execute();
    expect(audit.map((a) => JSON.parse(a.detail) as unknown)).toEqual([{ logo: { type: 'image/svg+xml', bytes: logo.rawPayload.length } }]);
  });

  it('the console changes it too, with the same rules', async () => {
    const { app } = suite;
    const admin = await consoleSignIn(app, 'admin@example.org');
    const form = await consoleGet(app, admin, '/console/settings/identity');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(`value="${MINISTRY.authorityName}"`);
    const fields = { ...MINISTRY, authorityName: 'Ministry of Foreign Affairs', footerLinks: 'Privacy | https://mfa.example.org/privacy' };
    const refused = await consolePost(app, admin, '/console/settings/identity', { ...fields, brandColour: '#ffff00' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('white header text on #ffff00 has a contrast of 1.07:1');
    const saved = await consolePost(app, admin, '/console/settings/identity', fields);
    expect(saved.statusCode).toBe(303);
    expect((await app.inject('/')).body).toContain('<span class="brand-name">Ministry of Foreign Affairs</span>');
    const editor = await consoleSignIn(app, 'editor@example.org');
    expect((await consolePost(app, editor, '/console/settings/identity', fields)).statusCode).toBe(403);
  });
});
