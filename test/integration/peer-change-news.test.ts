import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { nextDigestAt } from '../../src/notify/digest.ts';
import { PEER_ADVICE_CHANGED } from '../../src/notify/events.ts';
import { preferencesUrl } from '../../src/security/signed-links.ts';
import { NotifyWorker } from '../../src/notify/worker.ts';
import { peerHistory } from '../../src/sources/peers/store.ts';
import { sourceNamed } from '../../src/sources/sync/registry.ts';
import { syncSource } from '../../src/sources/sync/sync.ts';
import { ENGINES, createTestStore, type TestStore } from '../helpers/databases.ts';
import { addSubscription, addTrip } from '../helpers/notify.ts';
import { importBundled } from '../helpers/seed.ts';
import { startSiteServer, type SiteServer } from '../helpers/site-server.ts';
import { smtpSuite } from '../helpers/smtp-suite.ts';
import { travellerPost, travellerSignIn } from '../helpers/traveller.ts';

/**
 * "Tell me when another government changes its advice for my destinations" (issue 17), end to
 * end: a UK sync on loopback writes the event with the new version, the worker tells only those
 * who opted in — in the digest by default, at once if they chose — over real SMTP on loopback.
 */

const CONFIG = { publicUrl: 'https://advice.example.org', secret: 'peer-news-secret-0123456789abcdef' };
const FETCH = { timeoutMs: 2000, retries: 0, backoffMs: 10, maxBytes: 1024 * 1024 };
const ALBANIA = readFileSync(new URL('../fixtures/uk-fcdo/example-full-country.json', import.meta.url), 'utf8');
const INDEX = '/api/content/foreign-travel-advice';
const SUBJECT = 'United Kingdom (FCDO) now advises against all travel to Albania (level 4 on our comparison scale)';

/** The Albania document with its warnings, date, change note and the text of its first part set. */
function albania(alert: string[], updated: string, note: string, text?: string): string {
  const json = JSON.parse(ALBANIA) as { public_updated_at: string; details: { alert_status: string[]; change_description: string; parts: { body: string }[] } };
  json.details.alert_status = alert;
  json.public_updated_at = updated;
  json.details.change_description = note;
  if (text !== undefined) json.details.parts[0]!.body = `<p>${text}</p>`;
  return JSON.stringify(json);
}

describe.each(ENGINES)("other governments' changes, told on %s", (engine) => {
  let store: TestStore;
  let app: FastifyInstance;
  let site: SiteServer;
  const loopback = smtpSuite();
  let clock = new Date();
  const ids: Record<string, number> = {};
  let round = 0;

  beforeAll(async () => {
    store = await createTestStore(engine);
    await importBundled(store.db);
    app = await buildApp({ store, config: CONFIG });
    site = await startSiteServer();
  });
  afterAll(async () => {
    await site?.close();
    await app?.close();
    await store?.close();
  });

  const drain = () => new NotifyWorker({ store, config: CONFIG, mail: loopback.mail, now: () => clock, settings: { digestHourUtc: 7 } }).drain();
  const sync = async (doc: string) => {
    round++;
    site.pages.set(INDEX, { body: JSON.stringify({ document_type: 'finder', links: { children: [{ api_path: `${INDEX}/albania` }] } }), etag: `"i${round}"` });
    site.pages.set(`${INDEX}/albania`, { body: doc, etag: `"a${round}"` });
    return syncSource(store.db, sourceNamed('uk-fcdo'), { url: `${site.origin}${INDEX}`, fetch: FETCH });
  };
  const peerEvents = () => store.db.selectFrom('events').select('id').where('kind', '=', PEER_ADVICE_CHANGED).execute();
  const mailTo = (email: string) => loopback.smtp.received.filter((m) => m.to[0] === email);

  it('is off by default: the subscriptions page of the account offers it unticked, with the digest chosen', async () => {
    for (const who of ['digest', 'prompt', 'quiet']) {
      const email = `${who}@example.org`;
      const session = await travellerSignIn(app, store, email);
      ids[who] = (await store.db.selectFrom('travellers').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
      if (who === 'prompt') await addSubscription(store.db, ids[who]!, 'destination', 'AL');
      else await addTrip(store.db, ids[who]!, 'AL', { end: null });
      const page = await app.inject({ url: '/account/subscriptions', headers: { cookie: session.cookie } });
      expect(page.body).toContain('Tell me when another government changes its advice for my destinations');
      expect(page.body).toMatch(/name="enabled" value="on" id="peer-enabled">/);
      expect(page.body).toMatch(/value="digest" id="peer-digest" checked/);
      if (who === 'digest') expect((await travellerPost(app, session, '/account/peer-changes', { enabled: 'on' })).statusCode).toBe(303);
      if (who === 'prompt') expect((await travellerPost(app, session, '/account/peer-changes', { enabled: 'on', frequency: 'immediate' })).statusCode).toBe(303);
    }
    const rows = await store.db.selectFrom('travellers').select(['email', 'peer_changes', 'peer_frequency']).orderBy('email').execute();
    expect(rows.map((r) => [r.email, Number(r.peer_changes), r.peer_frequency])).toEqual([
      ['digest@example.org', 1, 'digest'], ['prompt@example.org', 1, 'immediate'], ['quiet@example.org', 0, 'digest'],
    ]);
    await drain();
    loopback.smtp.received.length = 0;
  });

  it('says nothing on the first import, on a re-run with no change, or on a change of text and date alone', async () => {
    expect((await sync(albania([], '2026-09-01T10:00:00Z', 'First.'))).report).toMatchObject({ created: 1 });
    expect((await sync(albania([], '2026-09-01T10:00:00Z', 'First.'))).report).toMatchObject({ unchanged: 1 });
    expect((await sync(albania([], '2026-09-02T10:00:00Z', 'Wording of the safety section.', 'Pickpockets work the buses.'))).report).toMatchObject({ updated: 1 });
    expect(await peerHistory(store.db, 'uk-fcdo', 'AL')).toHaveLength(2);
    expect(await peerEvents()).toEqual([]);
    clock = new Date(nextDigestAt(clock, 7).getTime() + 30_000);
    expect(await drain()).toBe(0);
    expect(loopback.smtp.received).toEqual([]);
  });

  it('a raised level is told once at once to who chose that, in the digest to the others who opted in, never to who did not', async () => {
    expect((await sync(albania(['avoid_all_travel_to_whole_country'], '2026-09-03T10:00:00Z', 'Raised.'))).report).toMatchObject({ updated: 1 });
    expect(await peerEvents()).toHaveLength(1);
    await drain();
    expect(loopback.smtp.received.map((m) => m.to[0])).toEqual(['prompt@example.org']);
    const [prompt] = mailTo('prompt@example.org');
    expect(prompt!.subject).toBe(SUBJECT);
    expect(prompt!.text).toContain('https://advice.example.org/destinations/albania#peers-title');
    expect(prompt!.text).toContain('What changed: level raised from 1 to 4');
    expect(prompt!.header('priority')).toBeUndefined();
    expect(prompt!.header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    // A re-run of the same sync adds nothing and sends nothing more.
    expect((await sync(albania(['avoid_all_travel_to_whole_country'], '2026-09-03T10:00:00Z', 'Raised.'))).report).toMatchObject({ unchanged: 1 });
    expect(await peerEvents()).toHaveLength(1);

    clock = new Date(nextDigestAt(clock, 7).getTime() + 30_000);
    await drain();
    expect(loopback.smtp.received.map((m) => m.to[0])).toEqual(['prompt@example.org', 'digest@example.org']);
    expect(mailTo('digest@example.org')[0]!.text).toContain(SUBJECT);
    expect(mailTo('quiet@example.org')).toEqual([]);
  });

  it('one click (RFC 8058) stops this list alone; stopping everything stops it too', async () => {
    const unsubscribe = /<(.+)>/.exec(String(mailTo('prompt@example.org')[0]!.header('list-unsubscribe')))![1]!;
    expect((await app.inject({ url: unsubscribe.slice(CONFIG.publicUrl.length) })).body).toContain('Stop news of other governments’ advice?');
    const clicked = await app.inject({ method: 'POST', url: unsubscribe.slice(CONFIG.publicUrl.length), headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, payload: 'List-Unsubscribe=One-Click' });
    expect(clicked.json()).toEqual({ status: 'unsubscribed', scope: 'list', changed: true });
    const prompt = await store.db.selectFrom('travellers').select(['peer_changes', 'unsubscribed_at']).where('id', '=', ids.prompt!).executeTakeFirstOrThrow();
    expect([Number(prompt.peer_changes), prompt.unsubscribed_at]).toEqual([0, null]);
    expect(await store.db.selectFrom('subscriptions').select('id').where('traveller_id', '=', ids.prompt!).execute()).toHaveLength(1);

    const stopAll = /Stop all messages: (\S+)/.exec(String(mailTo('digest@example.org')[0]!.text))![1]!;
    await app.inject({ method: 'POST', url: stopAll.slice(CONFIG.publicUrl.length), headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
    expect(Number((await store.db.selectFrom('travellers').select('peer_changes').where('id', '=', ids.digest!).executeTakeFirstOrThrow()).peer_changes)).toBe(0);

    const sent = loopback.smtp.received.length;
    expect((await sync(albania([], '2026-09-04T10:00:00Z', 'Lowered.'))).report).toMatchObject({ updated: 1 });
    expect(await peerEvents()).toHaveLength(2);
    clock = new Date(nextDigestAt(clock, 7).getTime() + 30_000);
    await drain();
    expect(loopback.smtp.received).toHaveLength(sent);
  });

  it('the signed preferences page of every message turns it on and off without signing in', async () => {
    const url = preferencesUrl(CONFIG, ids.quiet!).slice(CONFIG.publicUrl.length);
    expect((await app.inject({ url })).body).toContain('Tell me when another government changes its advice for my destinations');
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    expect((await app.inject({ method: 'POST', url, headers: form, payload: 'list=peers&enabled=on&frequency=immediate' })).statusCode).toBe(303);
    const on = await store.db.selectFrom('travellers').select(['peer_changes', 'peer_frequency']).where('id', '=', ids.quiet!).executeTakeFirstOrThrow();
    expect([Number(on.peer_changes), on.peer_frequency]).toEqual([1, 'immediate']);
    expect((await app.inject({ method: 'POST', url, headers: form, payload: 'list=peers&frequency=digest' })).statusCode).toBe(303);
    expect(Number((await store.db.selectFrom('travellers').select('peer_changes').where('id', '=', ids.quiet!).executeTakeFirstOrThrow()).peer_changes)).toBe(0);
    expect((await app.inject({ method: 'POST', url, headers: form, payload: 'list=peers&enabled=on&frequency=weekly' })).statusCode).toBe(400);
  });
});
