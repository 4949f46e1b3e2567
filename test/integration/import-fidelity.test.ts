import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { searchAudit } from '../../src/publishing/audit.ts';
import { COMMAND_LINE } from '../../src/publishing/context.ts';
import { currentAdvisory, revisionHistory } from '../../src/publishing/revisions.ts';
import { US_STATE_DEPT } from '../../src/sources/authorities.ts';
import { importFeed } from '../../src/sources/import.ts';
import { parseUsStateDept } from '../../src/sources/us-state-dept/parse.ts';
import { FRANCE, KENYA, rssFeed } from '../fixtures/us-state-dept/feed.ts';
import { ENGINES, createTestStore, type TestStore } from '../helpers/databases.ts';
import { addTraveller, addTrip } from '../helpers/notify.ts';
import { startSmtpServer } from '../helpers/smtp.ts';
import { smtpTransport } from '../../src/mail/transport.ts';
import { NotifyWorker } from '../../src/notify/worker.ts';

const LATER = parseUsStateDept(readFileSync(new URL('../fixtures/us-state-dept/later-feed.xml', import.meta.url), 'utf8'));
const authority = US_STATE_DEPT;

async function count(store: TestStore, table: 'advisory_revisions' | 'events' | 'audit_log'): Promise<number> {
  return Number((await store.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
}

describe.each(ENGINES)('importing the State Department feed faithfully on %s', (engine) => {
  let store: TestStore;
  let app: FastifyInstance;

  beforeAll(async () => {
    store = await createTestStore(engine);
    app = await buildApp({ store, config: { publicUrl: 'http://waypost.test' } });
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  it('a dry run decides every item and writes nothing', async () => {
    const report = await importFeed(store.db, LATER, { authority, dryRun: true });
    expect(report.decisions.map((d) => [d.title.replace(/ - Level.*/, ''), d.decision])).toEqual([
      ['Israel', 'created'], ['West Bank', 'created'], ['Peru', 'created'], ['France', 'created'], ['Gaza', 'merged'], ['France', 'superseded'],
    ]);
    expect(report.decisions.find((d) => d.code === 'PS' && d.decision === 'merged')?.detail).toBe('region Gaza (PS-GZA) at Level 4, into "West Bank - Level 3: Reconsider Travel"');
    expect(report).toMatchObject({ items: 6, created: 4, merged: 2, dryRun: true });
    expect(await count(store, 'advisory_revisions')).toBe(0);
  });

  it('shows the Level 4 area of a destination published as two items on its page, in the API and on the map', async () => {
    const report = await importFeed(store.db, LATER, { authority });
    expect(report).toMatchObject({ created: 4, merged: 2, events: 4 });
    const api = (await app.inject({ method: 'GET', url: '/api/v1/advisories/PS' })).json() as { level: number; regions: { name: string; code?: string; level: number; indicators: string[] }[] };
    expect(api.level).toBe(3);
    expect(api.regions).toEqual([expect.objectContaining({ name: 'Gaza', code: 'PS-GZA', level: 4, indicators: ['T', 'U', 'O'] })]);
    const page = await app.inject({ method: 'GET', url: '/destinations/palestinian-territories/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<th scope="row">Gaza</th>');
    expect(page.body).toContain('Military operations are ongoing.');
    // The map stripes a destination whose regions are above its level.
    expect((await app.inject({ method: 'GET', url: '/' })).body).toContain('aria-label="Palestinian Territories: Level 3, Reconsider Travel; some areas Level 4"><path class="l3h4"');
  });

  it('tells people there about the Level 4 area too: the e-mail names Gaza at its own level, not only the Level 3', async () => {
    // The import above wrote the event; the audience is computed when the worker fans it out.
    const traveller = await addTraveller(store.db, 'in-gaza@example.org');
    await addTrip(store.db, traveller.id, 'PS', { start: '2025-01-01', end: null, region: 'Gaza' });
    const smtp = await startSmtpServer();
    const mail = smtpTransport(smtp.url);
    try {
      await new NotifyWorker({ store, config: { publicUrl: 'https://advice.example.org', secret: 'fidelity-secret-0123456789' }, mail }).drain();
      expect(smtp.received.map((m) => m.to[0])).toEqual(['in-gaza@example.org']);
      const [message] = smtp.received;
      expect(message!.text).toContain('Level 3: Reconsider Travel');
      expect(message!.text).toContain('- Gaza (PS-GZA): Level 4 – Do Not Travel');
      expect(message!.html).toContain('<li>Gaza (PS-GZA): Level 4 – Do Not Travel</li>');
      // Level 4 in Gaza: urgent like a Level 4 country, never held for a daily digest.
      expect(message!.header('Priority')).toBe('urgent');
    } finally {
      await mail.close();
      await smtp.close();
    }
  });

  it('skips an older feed instead of rolling newer advice back, and re-importing the newer one adds nothing', async () => {
    const older = parseUsStateDept(rssFeed([FRANCE.level2]));
    const before = await count(store, 'advisory_revisions');
    const report = await importFeed(store.db, older, { authority });
    expect(report).toMatchObject({ created: 0, updated: 0, skipped: 1 });
    expect(report.decisions[0]).toMatchObject({ decision: 'skipped-older', detail: 'older than current (2025-11-01 is not after revision 1 of 2025-11-15)' });
    expect((await currentAdvisory(store.db, 'FR'))?.level).toBe(3);
    expect(await importFeed(store.db, LATER, { authority })).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
    expect(await count(store, 'advisory_revisions')).toBe(before);
    expect((await revisionHistory(store.db, 'FR')).map((r) => r.level)).toEqual([3]);
  });

  it('imports an older item with force, and audits who did it', async () => {
    const older = parseUsStateDept(rssFeed([FRANCE.level2]));
    const report = await importFeed(store.db, older, { authority, force: true, actor: COMMAND_LINE });
    expect(report.decisions[0]).toMatchObject({ decision: 'updated', forced: true, changeType: 'major' });
    expect((await revisionHistory(store.db, 'FR')).map((r) => r.level)).toEqual([2, 3]);
    const [entry] = await searchAudit(store.db, { action: 'import-forced' });
    expect(entry).toMatchObject({ actor: 'command line', action: 'import-forced' });
    expect(entry!.detail).toMatchObject({ authority, items: [{ code: 'FR', publishedAt: '2025-11-01T00:00:00Z', replaced: 1 }] });
  });

  it('derives the change type from the content, not the note, and notifies only major changes', async () => {
    const events = await count(store, 'events');
    const raised = await importFeed(store.db, parseUsStateDept(rssFeed([FRANCE.level3, KENYA])), { authority });
    expect(raised.decisions.map((d) => [d.code, d.decision, d.changeType])).toEqual([['FR', 'updated', 'major'], ['KE', 'created', 'major']]);
    expect(raised.events).toBe(2);
    const reworded = await importFeed(store.db, parseUsStateDept(rssFeed([FRANCE.reworded, KENYA])), { authority });
    // "Reissued with minor edits." is kept as the change note; the unchanged level makes it minor, and silent.
    expect(reworded.decisions.map((d) => [d.code, d.decision, d.changeType])).toEqual([['FR', 'updated', 'minor'], ['KE', 'unchanged', undefined]]);
    expect(reworded.events).toBe(0);
    expect(await currentAdvisory(store.db, 'FR')).toMatchObject({ changeType: 'minor', changeNote: 'Reissued with minor edits.' });
    expect(await count(store, 'events')).toBe(events + 2);
    const event = await store.db.selectFrom('events').select(['kind', 'payload', 'urgent']).where('destination_code', '=', 'FR').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(event.kind).toBe('advisory.published');
    expect(JSON.parse(event.payload)).toMatchObject({ code: 'FR', level: 3, previousLevel: 2, levelChanged: true, changeType: 'major', changeNote: 'Reissued with updates to the advisory level.' });
  });
});
