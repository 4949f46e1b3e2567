import { parseFeed } from '@rowanmanning/feed-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Level } from '../../src/domain/levels.ts';
import { smtpTransport, type MailTransport } from '../../src/mail/transport.ts';
import { fanOutPending } from '../../src/notify/audience.ts';
import { NotifyWorker } from '../../src/notify/worker.ts';
import { appendRevision, currentAdvisory } from '../../src/publishing/revisions.ts';
import { publishDue } from '../../src/publishing/scheduler.ts';
import { US_STATE_DEPT } from '../../src/sources/authorities.ts';
import { ENGINES } from '../helpers/databases.ts';
import { addSubscription, addTraveller, addTrip, addWebhook } from '../helpers/notify.ts';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.ts';
import { editorialSuite, inMinutes, type EditorialSuite } from '../helpers/editorial-setup.ts';
import { approvedDraft } from '../helpers/drafts.ts';

/**
 * Publishing can never be silent (issue 11): a change of level, of the departure directive, of
 * the indicators or of a region is major and notifies, whatever the draft says and whichever path
 * publishes it. The stories use the Netherlands, bundled at Level 2 and "Updated 9 August 2024".
 */
describe.each(ENGINES)('publishing can never be silent, on %s', (engine) => {
  const suite = editorialSuite(engine);
  let store: EditorialSuite['store'];
  let app: EditorialSuite['app'];
  let team: EditorialSuite['team'];
  let call: EditorialSuite['call'];
  let smtp: TestSmtpServer;
  let mail: MailTransport;

  beforeAll(async () => {
    ({ store, app, team, call } = suite);
    smtp = await startSmtpServer();
    mail = smtpTransport(smtp.url);
  });
  afterAll(async () => {
    await mail?.close();
    await smtp?.close();
  });

  const eventsFor = (code: string) => store.db.selectFrom('events').selectAll().where('destination_code', '=', code).execute();
  const draftRow = (id: number) => store.db.selectFrom('drafts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  /** What an import of another government's feed does: a new current revision, credited to it. */
  async function imported(code: string, content: { level: Level; departureUrged: boolean }, publishedAt: string) {
    const current = (await currentAdvisory(store.db, code))!;
    await store.db.transaction().execute((trx) => appendRevision(trx, {
      code, content: { ...current, ...content }, changeType: 'major', changeNote: 'Imported.', publishedAt, reviewedAt: publishedAt,
      nextReviewDue: null, source: { authority: US_STATE_DEPT },
    }));
  }

  it('refuses to submit the Netherlands raised from Level 2 to 4 with departure urged as "minor": 400 naming the fields, nothing changes', async () => {
    const created = await call('POST', '/api/v1/advisories/NL/drafts', team.editor.token, { level: 4, departureUrged: true, changeType: 'minor', changeNote: 'Wording.' });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as number;
    // The draft says what it will be before anyone submits it.
    expect(created.json()).toMatchObject({
      derivedChangeType: 'major',
      mandatoryChanges: [{ field: 'level', message: 'level raised from 2 to 4' }, { field: 'departureUrged', message: 'citizens are now urged to leave' }],
    });
    const refused = await call('POST', `/api/v1/drafts/${id}/submit`, team.editor.token);
    expect(refused.statusCode).toBe(400);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.json().detail).toContain('changeType: this change must be major because level raised from 2 to 4; citizens are now urged to leave');
    expect(refused.json().errors.map((e: { field: string }) => e.field)).toEqual(['changeType', 'level', 'departureUrged']);
    expect((await draftRow(id)).status).toBe('draft');
    await store.db.deleteFrom('drafts').where('id', '=', id).execute();
  });

  it('submits the same Netherlands draft once it is marked major with a public note', async () => {
    const created = await call('POST', '/api/v1/advisories/NL/drafts', team.editor.token, { level: 4, departureUrged: true, changeType: 'minor', changeNote: 'Wording.' });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as number;
    await call('PATCH', `/api/v1/drafts/${id}`, team.editor.token, { changeType: 'major', changeNote: 'Raised to Level 4: leave now.' }, { 'if-match': '*' });
    expect((await call('POST', `/api/v1/drafts/${id}/submit`, team.editor.token)).json()).toMatchObject({ status: 'submitted', derivedChangeType: 'major' });
    await store.db.deleteFrom('drafts').where('id', '=', id).execute();
  });

  it('a minor draft that the current revision has made a Level 2 → 4 change since it was approved is published major at its scheduled time: event, e-mail, feed entry, new date', async () => {
    const subscriber = await addTraveller(store.db, 'dutch-news@example.org');
    await addSubscription(store.db, subscriber.id, 'destination', 'NL');
    // An import had put the Netherlands at Level 4, departure urged; an editor fixes its wording, as minor (rightly, then).
    await imported('NL', { level: 4, departureUrged: true }, '2024-09-01T00:00:00Z');
    const before = (await currentAdvisory(store.db, 'NL'))!;
    const id = await approvedDraft(call, team, 'NL', {
      summary: `${before.summary} Check the news before you go.`, changeType: 'minor', changeNote: 'Wording of the summary.',
    });
    const publishAt = inMinutes(30);
    expect((await call('POST', `/api/v1/drafts/${id}/publish`, team.reviewer.token, { publishAt: publishAt.toISOString() })).json().status).toBe('scheduled');

    // Overnight the next import puts the Netherlands back at Level 2, dated 9 August 2024.
    await imported('NL', { level: 2, departureUrged: false }, '2024-08-09T00:00:00Z');
    const page = async () => (await app.inject('/destinations/netherlands/')).body;
    expect(await page()).toContain('Updated <time datetime="2024-08-09">9 August 2024</time>');
    // The draft now says what publishing it would do, and the reviewer sees it before it happens.
    const preview = (await call('GET', `/api/v1/drafts/${id}/publication`, team.reviewer.token)).json();
    expect(preview).toMatchObject({ chosenChangeType: 'minor', changeType: 'major', changeTypeDerived: true, notify: true, urgent: true, audience: { people: 1, deliveries: 1 } });

    const at = new Date(publishAt.getTime() + 1000);
    const [done] = await publishDue({ db: store.db, now: () => at });
    expect(done).toMatchObject({ outcome: 'published', draftId: id });
    const after = (await currentAdvisory(store.db, 'NL'))!;
    expect(after).toMatchObject({ level: 4, departureUrged: true, changeType: 'major', changeNote: 'Wording of the summary.', publishedAt: at.toISOString(), source: { authority: 'Waypost' } });
    expect(await page()).toContain(`Updated <time datetime="${at.toISOString().slice(0, 10)}">`);
    const events = (await eventsFor('NL')).filter((e) => e.revision === after.revision);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'advisory.published', urgent: 1 });
    const audit = await store.db.selectFrom('audit_log').select('detail').where('action', '=', 'publish').where('destination_code', '=', 'NL').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail)).toMatchObject({
      changeType: 'major', chosenChangeType: 'minor', changeTypeDerived: true, notified: true, scheduled: true,
      mandatoryChanges: [{ field: 'level', message: 'level raised from 2 to 4' }, { field: 'departureUrged', message: 'citizens are now urged to leave' }],
    });

    // In the feeds of major changes, and in the subscriber's inbox.
    for (const url of ['/feeds/advisories.atom', '/feeds/advisories/NL.atom']) {
      const [newest] = parseFeed((await app.inject(url)).body).items;
      expect(newest!.id, url).toBe(`http://waypost.test/destinations/netherlands/revisions/${after.revision}/`);
    }
    const worker = new NotifyWorker({ store, config: { publicUrl: 'http://waypost.test', secret: 'trust-secret-0123456789' }, mail });
    expect(await worker.drain()).toBe(1);
    const [message] = await smtp.waitFor(1);
    expect(message!.to).toEqual(['dutch-news@example.org']);
    expect(message!.subject).toMatch(/^Netherlands: level raised to 4 \(Do Not Travel\) – leave now( and \d more changes?)?$/);
  });

  it('counts who would be told by the fan-out\'s own query, writing nothing; the fan-out then writes exactly that many deliveries', async () => {
    const trip = async (email: string) => {
      const traveller = await addTraveller(store.db, email);
      await addTrip(store.db, traveller.id, 'PL', { start: '2020-01-01', end: null });
      return traveller;
    };
    await addWebhook(store.db, (await trip('two-channels@example.org')).id, 'https://hooks.example.org/poland', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
    await addSubscription(store.db, (await addTraveller(store.db, 'subscriber@example.org')).id, 'destination', 'PL');
    await addSubscription(store.db, (await trip('both-ways@example.org')).id, 'destination', 'PL');
    await addSubscription(store.db, (await addTraveller(store.db, 'level4@example.org')).id, 'level4', null);
    await addSubscription(store.db, (await addTraveller(store.db, 'gone@example.org', { unsubscribed: true })).id, 'destination', 'PL');
    await addSubscription(store.db, (await addTraveller(store.db, 'france@example.org')).id, 'destination', 'FR');

    const id = (await call('POST', '/api/v1/advisories/PL/drafts', team.editor.token, { level: 4, changeType: 'major', changeNote: 'Raised to Level 4.' })).json().id as number;
    const deliveries = async () => Number((await store.db.selectFrom('deliveries').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const [deliveriesBefore, eventsBefore] = [await deliveries(), (await store.db.selectFrom('events').select('id').execute()).length];
    const response = await call('GET', `/api/v1/drafts/${id}/publication`, team.editor.token);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      draftId: id, code: 'PL', chosenChangeType: 'major', changeType: 'major', changeTypeDerived: false,
      mandatoryChanges: [expect.objectContaining({ field: 'level' })], changeNote: 'Raised to Level 4.', notify: true, urgent: true,
      // Four people; the one with an e-mail address and a webhook gets two messages.
      audience: { people: 4, deliveries: 5 },
    });
    expect(await deliveries()).toBe(deliveriesBefore);
    expect((await store.db.selectFrom('events').select('id').execute()).length).toBe(eventsBefore);

    await call('POST', `/api/v1/drafts/${id}/submit`, team.editor.token);
    await call('POST', `/api/v1/drafts/${id}/approve`, team.reviewer.token);
    const published = await call('POST', `/api/v1/drafts/${id}/publish`, team.reviewer.token);
    expect(published.statusCode, published.body).toBe(200);
    const [event] = (await eventsFor('PL'));
    const [result] = (await fanOutPending(store.db)).filter((r) => r.eventId === event!.id);
    expect(result).toMatchObject({ inserted: 5, audience: 5 });
    const written = await store.db.selectFrom('deliveries').select('traveller_id').where('event_id', '=', event!.id).execute();
    expect(written).toHaveLength(response.json().audience.deliveries);
    expect(new Set(written.map((d) => d.traveller_id)).size).toBe(response.json().audience.people);

    // Who may ask, and about what.
    expect((await call('GET', `/api/v1/drafts/${id}/publication`, team.reviewer.token)).statusCode).toBe(409);
    expect((await call('GET', '/api/v1/drafts/999999/publication', team.reviewer.token)).statusCode).toBe(404);
    expect((await call('GET', `/api/v1/drafts/${id}/publication`, team.crisis.token)).statusCode).toBe(403);
    expect((await call('GET', `/api/v1/drafts/${id}/publication`, null)).statusCode).toBe(401);
  });

  it('a minor change would notify nobody, and says so', async () => {
    const current = (await currentAdvisory(store.db, 'CZ'))!;
    const id = (await call('POST', '/api/v1/advisories/CZ/drafts', team.editor.token, { summary: `${current.summary} Mind the trams.`, changeType: 'minor' })).json().id as number;
    expect((await call('GET', `/api/v1/drafts/${id}/publication`, team.admin.token)).json()).toMatchObject({
      changeType: 'minor', changeTypeDerived: false, mandatoryChanges: [], notify: false, changeNote: current.changeNote, audience: { people: 0, deliveries: 0 },
    });
  });
});
