import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { currentAdvisory, revisionHistory } from '../../src/publishing/revisions.ts';
import { publishDue, startScheduler } from '../../src/publishing/scheduler.ts';
import { ENGINES } from '../helpers/databases.ts';
import { editorialSuite, inMinutes } from '../helpers/editorial-setup.ts';
import { approvedDraft } from '../helpers/drafts.ts';

// Publishing an approved draft later (the scheduler, a missed schedule, a race with a reviewer)
// and all at once (revision, event and audit entry in one transaction).
describe.each(ENGINES)('staff API: drafts and publishing on %s', (engine) => {
  const t = editorialSuite(engine);

  const ctx = (now: Date) => ({ db: t.store.db, now: () => now });
  const eventsFor = (code: string) => t.store.db.selectFrom('events').selectAll().where('destination_code', '=', code).execute();
  const draftRow = (id: number) => t.store.db.selectFrom('drafts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('schedules a publication and the scheduler publishes it when due, not before', async () => {
    const id = await approvedDraft(t.call, t.team, 'MX', { level: 3, changeType: 'major', changeNote: 'Raised to Level 3.' });
    const before = await currentAdvisory(t.store.db, 'MX');
    const publishAt = inMinutes(10);
    expect((await t.call('POST', `/api/v1/drafts/${id}/publish`, t.team.reviewer.token, { publishAt: '2001-01-01T00:00:00Z' })).statusCode).toBe(400);
    const scheduled = await t.call('POST', `/api/v1/drafts/${id}/publish`, t.team.reviewer.token, { publishAt: publishAt.toISOString() });
    expect(scheduled.statusCode, scheduled.body).toBe(200);
    expect(scheduled.json()).toMatchObject({ status: 'scheduled', publishAt: publishAt.toISOString(), scheduledBy: t.team.reviewer.user.id });

    expect(await publishDue(ctx(inMinutes(5)))).toEqual([]);
    expect((await currentAdvisory(t.store.db, 'MX'))!.revision).toBe(before!.revision);

    const done = await publishDue(ctx(inMinutes(10, publishAt.getTime() - 10 * 60_000 + 1000)));
    expect(done).toEqual([expect.objectContaining({ draftId: id, code: 'MX', revision: before!.revision + 1, missed: false })]);
    expect((await currentAdvisory(t.store.db, 'MX'))).toMatchObject({ revision: before!.revision + 1, level: 3 });
    expect((await draftRow(id))).toMatchObject({ status: 'published', published_by: t.team.reviewer.user.id });
    expect(await eventsFor('MX')).toHaveLength(1);
    const audit = await t.store.db.selectFrom('audit_log').selectAll().where('destination_code', '=', 'MX').where('action', '=', 'publish').executeTakeFirstOrThrow();
    expect(audit.actor_label).toBe('scheduler');
    expect(JSON.parse(audit.detail)).toMatchObject({ scheduled: true, missed: false, revision: before!.revision + 1 });
    // Running again publishes nothing twice.
    expect(await publishDue(ctx(inMinutes(60)))).toEqual([]);
  });

  it('publishes a schedule missed while the server was down as soon as the scheduler starts, and logs it', async () => {
    const id = await approvedDraft(t.call, t.team, 'BR', { level: 3, changeType: 'major', changeNote: 'Raised to Level 3.' });
    await t.call('POST', `/api/v1/drafts/${id}/publish`, t.team.reviewer.token, { publishAt: inMinutes(2).toISOString() });
    const logs: string[] = [];
    // The server comes back an hour later.
    const scheduler = startScheduler(ctx(inMinutes(60)), { intervalMs: 60_000, log: (message) => logs.push(message) });
    const caughtUp = await scheduler.ready;
    await scheduler.stop();
    expect(caughtUp).toEqual([expect.objectContaining({ draftId: id, code: 'BR', missed: true })]);
    expect(logs).toEqual([expect.stringMatching(/^missed schedule: BR draft \d+ was due at .* while the server was down; published at start as revision \d+$/)]);
    expect((await currentAdvisory(t.store.db, 'BR'))!.level).toBe(3);
    const audit = await t.store.db.selectFrom('audit_log').select('detail').where('destination_code', '=', 'BR').where('action', '=', 'publish').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail)).toMatchObject({ scheduled: true, missed: true });
  });

  it('publishes the revision, its event and its audit entry in one transaction: if the audit write fails, nothing is published', async () => {
    const id = await approvedDraft(t.call, t.team, 'IN', { level: 3, changeType: 'major', changeNote: 'Raised to Level 3.' });
    const revisions = (await revisionHistory(t.store.db, 'IN')).length;
    if (engine === 'sqlite') {
      await sql`create trigger fail_publish_audit before insert on audit_log when new.action = 'publish' begin select raise(abort, 'audit log unavailable'); end`.execute(t.store.db);
    } else {
      await sql`create function fail_publish_audit() returns trigger language plpgsql as $$ begin if new.action = 'publish' then raise exception 'audit log unavailable'; end if; return new; end $$`.execute(t.store.db);
      await sql`create trigger fail_publish_audit before insert on audit_log for each row execute function fail_publish_audit()`.execute(t.store.db);
    }
    try {
      const response = await t.call('POST', `/api/v1/drafts/${id}/publish`, t.team.reviewer.token);
      expect(response.statusCode).toBe(500);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect((await revisionHistory(t.store.db, 'IN')).length).toBe(revisions);
      expect(await eventsFor('IN')).toEqual([]);
      expect((await draftRow(id)).status).toBe('approved');
    } finally {
      await sql`drop trigger fail_publish_audit${sql.raw(engine === 'postgres' ? ' on audit_log' : '')}`.execute(t.store.db);
    }
    const retried = await t.call('POST', `/api/v1/drafts/${id}/publish`, t.team.reviewer.token);
    expect(retried.json()).toMatchObject({ status: 'published', publishedRevision: revisions + 1 });
    expect(await eventsFor('IN')).toHaveLength(1);
  });

  it('publishes a scheduled draft once when a reviewer and the scheduler race', async () => {
    const id = await approvedDraft(t.call, t.team, 'EG', { level: 4, changeType: 'major', changeNote: 'Raised to Level 4.' });
    await t.call('POST', `/api/v1/drafts/${id}/publish`, t.team.reviewer.token, { publishAt: inMinutes(1).toISOString() });
    const [manual, scheduled] = await Promise.all([
      t.call('POST', `/api/v1/drafts/${id}/publish`, t.team.reviewer2.token),
      publishDue(ctx(inMinutes(2))),
    ]);
    const published = (manual.statusCode === 200 ? 1 : 0) + scheduled.length;
    expect(published).toBe(1);
    expect(await eventsFor('EG')).toHaveLength(1);
    expect((await t.store.db.selectFrom('audit_log').select('id').where('destination_code', '=', 'EG').where('action', '=', 'publish').execute()).length).toBe(1);
  });
});
