import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { fanOutPending } from '../../src/notify/audience.ts';
import { ENGINES } from '../helpers/databases.ts';
import { consoleGet, consolePost, consoleSignIn, editorialSuite, type ConsoleSession, type EditorialSuite } from '../helpers/editorial-setup.ts';
import { travellerPost, travellerSignIn } from '../helpers/traveller.ts';

type Who = keyof EditorialSuite['team'];

/**
 * The reviewer's screen and the publish confirmation in the console (issue 11): the change type
 * derived from what changed, and how many people publishing would notify, counted by the fan-out's
 * own query; the contributor rules as messages on the page. The stories use the Netherlands,
 * bundled at Level 2, raised to Level 4 with departure urged.
 */
describe.each(ENGINES)('the console review screen on %s', (engine) => {
  const suite = editorialSuite(engine);
  let call: EditorialSuite['call'];
  const sessions = new Map<Who, ConsoleSession>();

  beforeAll(async () => {
    call = suite.call;
    for (const who of ['editor', 'reviewer', 'reviewer2'] as const) sessions.set(who, await consoleSignIn(suite.app, suite.team[who].user.email));
    // A real audience, made the way travellers make it: two follow the Netherlands, one every
    // Level 4 change (a change to Level 4 reaches them too), one France (not told).
    for (const [email, fields] of [
      ['dutch-one@example.org', { kind: 'destination', destination: 'Netherlands' }],
      ['dutch-two@example.org', { kind: 'destination', destination: 'NL' }],
      ['every-level-4@example.org', { kind: 'level4' }],
      ['france-only@example.org', { kind: 'destination', destination: 'FR' }],
    ] as const) {
      const traveller = await travellerSignIn(suite.app, suite.store, email);
      const subscribed = await travellerPost(suite.app, traveller, '/account/subscriptions', { ...fields, advisories: 'on' });
      expect(subscribed.statusCode, subscribed.body.slice(0, 200)).toBe(303);
    }
  });

  const get = (who: Who, url: string) => consoleGet(suite.app, sessions.get(who)!, url);
  const post = (who: Who, url: string, fields: Record<string, string> = {}) => consolePost(suite.app, sessions.get(who)!, url, fields);
  const draftRow = (id: number) => suite.store.db.selectFrom('drafts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const discard = (code: string) => suite.store.db.deleteFrom('drafts').where('destination_code', '=', code).execute();
  /** The text of an element by id, tags stripped. */
  const text = (response: LightMyRequestResponse, id: string) => {
    const at = response.body.indexOf(`id="${id}"`);
    expect(at, `#${id}`).toBeGreaterThan(0);
    return response.body.slice(response.body.indexOf('>', at) + 1, response.body.indexOf('</dd>', at)).replace(/<[^>]+>/g, '').trim();
  };

  /** The Netherlands raised to Level 4, departure urged, by the editor through the staff API. */
  async function raisedNetherlands(changeType: 'major' | 'minor'): Promise<number> {
    const created = await call('POST', '/api/v1/advisories/NL/drafts', suite.team.editor.token, { level: 4, departureUrged: true, changeType, changeNote: 'Raised to Level 4: leave now.' });
    expect(created.statusCode, created.body).toBe(201);
    return created.json().id as number;
  }

  it('shows the derived type, the chosen one, what forces it, the contributors and the exact audience on the draft page', async () => {
    const id = await raisedNetherlands('minor');
    const page = await get('reviewer', `/console/drafts/${id}`);
    expect(page.statusCode).toBe(200);
    expect(text(page, 'derived-type')).toBe('major (derived from what changed)');
    expect(text(page, 'chosen-type')).toBe('minor');
    expect(page.body).toContain('<li><strong>Level</strong>: level raised from 2 to 4</li>');
    expect(page.body).toContain('<li><strong>Departure urged</strong>: citizens are now urged to leave</li>');
    // Three people, one e-mail each: exactly what the staff API's preview counts.
    expect(text(page, 'audience')).toBe('3 people will be notified, urgently.');
    expect((await call('GET', `/api/v1/drafts/${id}/publication`, suite.team.reviewer.token)).json().audience).toEqual({ people: 3, deliveries: 3 });
    expect(page.body).toContain('<dd id="contributors"><ul class="contributors"><li>editor@example.org</li></ul></dd>');
    await discard('NL');
  });

  it('refuses to submit "minor" with a Level 4 change in the editor form, naming the fields as the staff API does', async () => {
    const id = await raisedNetherlands('minor');
    const refused = await post('editor', `/console/drafts/${id}/submit`, { version: '1' });
    expect(refused.statusCode).toBe(400);
    expect(refused.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(refused.body).toContain('Not submitted. Please correct:');
    expect(refused.body).toContain('id="editor"');
    const api = await call('POST', `/api/v1/drafts/${id}/submit`, suite.team.editor.token);
    const errors = api.json().errors as { field: string; message: string }[];
    expect(errors.map((e) => e.field)).toEqual(['changeType', 'level', 'departureUrged']);
    const form = refused.body.slice(refused.body.indexOf('id="editor"'));
    for (const { field, message } of errors) {
      expect(refused.body, field).toContain(`href="#f-${field}"`);
      // Next to its field in the form, not only in the summary.
      expect(form, field).toContain(`<p class="error">${message}</p>`);
    }
    expect(refused.body).toContain('Major whatever you choose, because travellers are always told of this: level raised from 2 to 4; citizens are now urged to leave');
    expect(await draftRow(id)).toMatchObject({ status: 'draft', version: 1 });
    await discard('NL');
  });

  it('publishes only after a confirmation that shows the type and the audience; the fan-out then reaches exactly that many', async () => {
    const id = await raisedNetherlands('major');
    expect((await post('editor', `/console/drafts/${id}/submit`)).statusCode).toBe(303);
    expect((await post('reviewer', `/console/drafts/${id}/approve`)).statusCode).toBe(303);
    const overview = await get('reviewer', `/console/drafts/${id}`);
    expect(text(overview, 'derived-type')).toBe('major');
    expect(overview.body).not.toContain('id="chosen-type"');
    expect(overview.body).toContain(`<form method="get" action="/console/drafts/${id}/publish"><input type="hidden" name="version" value="3">`);

    const confirm = await get('reviewer', `/console/drafts/${id}/publish?version=3`);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('<h1>Publish Netherlands now?</h1>');
    expect(text(confirm, 'derived-type')).toBe('major');
    expect(text(confirm, 'audience')).toBe('3 people will be notified, urgently.');
    expect(confirm.body).toContain('<input type="hidden" name="version" value="3"><input type="hidden" name="confirm" value="yes">');
    // Posting the publish button without the confirmation shows the confirmation, and publishes nothing.
    const unconfirmed = await post('reviewer', `/console/drafts/${id}/publish`, { version: '3' });
    expect(unconfirmed.statusCode).toBe(200);
    expect(unconfirmed.body).toContain('<h1>Publish Netherlands now?</h1>');
    expect((await draftRow(id)).status).toBe('approved');
    expect(await suite.store.db.selectFrom('events').select('id').where('destination_code', '=', 'NL').execute()).toEqual([]);

    const published = await post('reviewer', `/console/drafts/${id}/publish`, { version: '3', confirm: 'yes' });
    expect(published.statusCode).toBe(303);
    expect(published.headers.location).toBe(`/console/drafts/${id}?done=published`);
    const [event] = await suite.store.db.selectFrom('events').select('id').where('destination_code', '=', 'NL').execute();
    const [fanned] = (await fanOutPending(suite.store.db)).filter((r) => r.eventId === event!.id);
    expect(fanned).toMatchObject({ inserted: 3 });
    const people = await suite.store.db.selectFrom('deliveries').select('traveller_id').where('event_id', '=', event!.id).execute();
    expect(new Set(people.map((p) => p.traveller_id)).size).toBe(3);
    // Nothing left to confirm.
    expect((await get('reviewer', `/console/drafts/${id}/publish`)).statusCode).toBe(409);
  });

  it('says on the page why a contributor may not approve, and a reader may not submit: 403 pages with the reason, nothing changes', async () => {
    const created = await call('POST', '/api/v1/advisories/BE/drafts', suite.team.editor.token, { summary: 'Exercise increased caution in Belgium.' });
    const id = created.json().id as number;
    // Nobody but the editor has written it: the reviewer is told why there is no submit button.
    const reading = await get('reviewer', `/console/drafts/${id}`);
    expect(reading.body).toContain('<p class="small callout">Only someone who wrote this draft can submit it: you have not changed its content.</p>');
    expect(reading.body).not.toContain(`action="/console/drafts/${id}/submit"`);
    const submit = await post('reviewer', `/console/drafts/${id}/submit`, { version: '1' });
    expect([submit.statusCode, submit.headers['content-type']]).toEqual([403, 'text/html; charset=utf-8']);
    expect(submit.body).toContain('Only someone who wrote this draft can submit it: you have not changed its content.');
    expect((await draftRow(id)).status).toBe('draft');

    // The reviewer rewrites it; the editor submits; the reviewer may not approve their own words.
    await call('PATCH', `/api/v1/drafts/${id}`, suite.team.reviewer.token, { level: 3, changeType: 'major', changeNote: 'Raised to Level 3.' }, { 'if-match': '*' });
    await post('editor', `/console/drafts/${id}/submit`);
    const own = await get('reviewer', `/console/drafts/${id}`);
    expect(own.body).toContain('<ul class="contributors"><li>editor@example.org</li><li>reviewer@example.org</li></ul>');
    expect(own.body).toContain('<p class="small callout">Two-person rule: you changed this draft&#39;s content, so someone else must approve it.</p>');
    expect(own.body).not.toContain(`action="/console/drafts/${id}/approve"`);
    const approve = await post('reviewer', `/console/drafts/${id}/approve`);
    expect([approve.statusCode, approve.headers['content-type']]).toEqual([403, 'text/html; charset=utf-8']);
    expect(approve.body).toContain('Two-person rule: you changed this draft&#39;s content, so someone else must approve it.');
    expect((await draftRow(id)).status).toBe('submitted');
    await discard('BE');
  });

  it('refuses an approval or a publication of a version the reviewer no longer sees, on the page', async () => {
    const created = await call('POST', '/api/v1/advisories/AT/drafts', suite.team.editor.token, { level: 3, changeType: 'major', changeNote: 'Raised to Level 3.' });
    const id = created.json().id as number;
    await post('editor', `/console/drafts/${id}/submit`);
    // The reviewer has version 2 on screen; the editor edits it meanwhile (still in review, version 3).
    expect((await get('reviewer2', `/console/drafts/${id}`)).body).toContain('<input type="hidden" name="version" value="2">');
    await call('PATCH', `/api/v1/drafts/${id}`, suite.team.editor.token, { summary: 'Reconsider travel to Austria.' }, { 'if-match': '*' });
    const stale = await post('reviewer2', `/console/drafts/${id}/approve`, { version: '2' });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('This draft changed after you loaded the page; here it is as it is now. Check it, then try again.');
    expect(await draftRow(id)).toMatchObject({ status: 'submitted', approved_by: null, version: 3 });

    expect((await post('reviewer2', `/console/drafts/${id}/approve`, { version: '3' })).statusCode).toBe(303);
    // A confirmation opened from an older page is refused too, and so is publishing changed words.
    expect((await get('reviewer2', `/console/drafts/${id}/publish?version=3`)).statusCode).toBe(409);
    await suite.store.db.updateTable('drafts').set({ level: 4 }).where('id', '=', id).execute();
    const changed = await post('reviewer2', `/console/drafts/${id}/publish`, { version: '4', confirm: 'yes' });
    expect(changed.statusCode).toBe(409);
    expect(changed.body).toMatch(/is not what was approved \(version 3\)/);
    expect((await draftRow(id)).status).toBe('approved');
    await discard('AT');
  });
});
