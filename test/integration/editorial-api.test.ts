import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { draftFields, fieldsFromRevision } from '../../src/publishing/draft-record.ts';
import { mergePatch } from '../../src/publishing/drafts.ts';
import { currentAdvisories, currentAdvisory, revisionHistory } from '../../src/publishing/revisions.ts';
import { publishDue, startScheduler } from '../../src/publishing/scheduler.ts';
import { ENGINES, createTestStore, type TestStore } from '../helpers/databases.ts';
import { importBundled } from '../helpers/seed.ts';
import { addTeam, apiCall, inMinutes } from '../helpers/editorial-setup.ts';
import { approvedDraft } from '../helpers/drafts.ts';

describe.each(ENGINES)('staff API: drafts and publishing on %s', (engine) => {
  let store: TestStore;
  let app: FastifyInstance;
  let team: Awaited<ReturnType<typeof addTeam>>;
  let call: ReturnType<typeof apiCall>;

  beforeAll(async () => {
    store = await createTestStore(engine);
    await importBundled(store.db);
    team = await addTeam(store);
    app = await buildApp({ store, config: { publicUrl: 'http://waypost.test' } });
    call = apiCall(app);
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  const ctx = (now: Date) => ({ db: store.db, now: () => now });
  const eventsFor = (code: string) => store.db.selectFrom('events').selectAll().where('destination_code', '=', code).execute();
  const draftRow = (id: number) => store.db.selectFrom('drafts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('every bundled advisory can be drafted unchanged (its content passes the draft rules)', async () => {
    for (const advisory of await currentAdvisories(store.db)) {
      expect(() => mergePatch({ db: store.db, now: () => new Date() }, advisory.code, fieldsFromRevision(advisory), {}), advisory.code).not.toThrow();
    }
  });

  it('drafts Russia, edits with If-Match, submits, approves and publishes: the public API shows revision n+1', async () => {
    const before = (await call('GET', '/api/v1/advisories/RU', null)).json();
    const created = await call('POST', '/api/v1/advisories/rus/drafts', team.editor.token, {});
    expect(created.statusCode, created.body).toBe(201);
    const draft = created.json();
    expect(created.headers.etag).toBe(`"draft-${draft.id}-v1"`);
    expect(created.headers.location).toBe(`/api/v1/drafts/${draft.id}`);
    expect(draft).toMatchObject({
      code: 'RU', name: 'Russia', status: 'draft', level: 4, departureUrged: true, baseRevision: before.revision, version: 1,
      changeType: null, changeNote: '', authorId: team.editor.user.id, updatedBy: team.editor.user.id, comment: null,
    });
    expect(draft.sections).toEqual(before.sections);

    const read = await call('GET', `/api/v1/drafts/${draft.id}`, team.editor.token);
    expect(read.statusCode).toBe(200);
    expect(read.headers.etag).toBe(created.headers.etag);
    expect(read.headers['cache-control']).toBe('private, no-store');

    const sections = [...draft.sections, { title: 'Dual citizenship and military service', body: 'Russia may **conscript** dual nationals.' }];
    const patch = { sections, changeType: 'major', changeNote: 'Added advice on conscription of dual nationals.', summary: `${draft.summary}\n\nDual nationals may be conscripted.` };

    const noIfMatch = await call('PATCH', `/api/v1/drafts/${draft.id}`, team.editor.token, patch);
    expect(noIfMatch.statusCode).toBe(428);
    expect(noIfMatch.headers['content-type']).toMatch(/^application\/problem\+json/);

    const saved = await call('PATCH', `/api/v1/drafts/${draft.id}`, team.editor.token, patch, { 'if-match': created.headers.etag as string });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.headers.etag).toBe(`"draft-${draft.id}-v2"`);
    expect(saved.json().sections.at(-1)).toEqual({ slug: 'dual-citizenship-and-military-service', title: 'Dual citizenship and military service', body: 'Russia may **conscript** dual nationals.' });

    const stale = await call('PATCH', `/api/v1/drafts/${draft.id}`, team.editor.token, { summary: 'Overwrite!' }, { 'if-match': created.headers.etag as string });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().detail).toMatch(/changed since you read it/);
    expect((await draftRow(draft.id)).summary).not.toBe('Overwrite!');

    expect((await call('POST', `/api/v1/drafts/${draft.id}/submit`, team.editor.token)).json().status).toBe('submitted');
    const approved = await call('POST', `/api/v1/drafts/${draft.id}/approve`, team.reviewer.token);
    expect(approved.json()).toMatchObject({ status: 'approved', approvedBy: team.reviewer.user.id });
    const published = await call('POST', `/api/v1/drafts/${draft.id}/publish`, team.reviewer.token, {});
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ status: 'published', publishedRevision: before.revision + 1, publishedBy: team.reviewer.user.id });
    expect(published.headers.location).toBe(`/api/v1/advisories/RU/revisions/${before.revision + 1}`);

    const after = (await call('GET', '/api/v1/advisories/RU', null)).json();
    expect(after).toMatchObject({
      revision: before.revision + 1, changeType: 'major', changeNote: 'Added advice on conscription of dual nationals.',
      source: { authority: 'Waypost' }, level: 4, departureUrged: true,
    });
    expect(after.sections.map((s: { title: string }) => s.title)).toContain('Dual citizenship and military service');
    expect(after.publishedAt > before.publishedAt).toBe(true);
    const diff = (await call('GET', `/api/v1/advisories/RU/revisions/${after.revision}?diff=${before.revision}`, null)).json().diff;
    expect(diff.changes.map((c: { field: string }) => c.field)).toContain('sections.dual-citizenship-and-military-service');

    // One publication event, urgent (Level 4, departure urged), in the outbox for the notifications work.
    const events = await eventsFor('RU');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'advisory.published', revision: after.revision, urgent: 1, processed_at: null });
    expect(JSON.parse(events[0]!.payload)).toMatchObject({ code: 'RU', revision: after.revision, level: 4, departureUrged: true, changeNote: after.changeNote });

    const audit = await store.db.selectFrom('audit_log').select(['action', 'actor_label']).where('destination_code', '=', 'RU').orderBy('id').execute();
    expect(audit.map((a) => `${a.action} ${a.actor_label}`)).toEqual([
      'create editor@example.org', 'edit editor@example.org', 'submit editor@example.org', 'approve reviewer@example.org', 'publish reviewer@example.org',
    ]);

    // Published drafts are read-only.
    const late = await call('PATCH', `/api/v1/drafts/${draft.id}`, team.editor.token, { summary: 'Too late' }, { 'if-match': '*' });
    expect(late.statusCode).toBe(409);
    expect(late.json().detail).toMatch(/read-only/);
  });

  it.each([
    ['level 5', { level: 5 }, 'level'],
    ['an unknown indicator', { indicators: ['C', 'Z'] }, 'indicators'],
    ['an unknown region', { regions: [{ name: 'Atlantis', code: 'RU-ATL', level: 4, indicators: [], summary: '' }] }, 'regions.0.code'],
    ['a region of another country', { regions: [{ name: 'Moscow', code: 'RU-MOW', level: 4, indicators: [], summary: '' }] }, 'regions.0.code'],
    ['a major change without a note', { changeType: 'major', changeNote: ' ' }, 'changeNote'],
    ['a field that does not exist', { levle: 3 }, 'levle'],
  ])('refuses %s with a 400 problem and saves nothing', async (_name, patch, field) => {
    const created = await call('POST', '/api/v1/advisories/UA/drafts', team.editor.token, {});
    const id = created.json().id as number;
    try {
      const before = await draftRow(id);
      const response = await call('PATCH', `/api/v1/drafts/${id}`, team.editor.token, patch, { 'if-match': created.headers.etag as string });
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json().errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await draftRow(id)).toEqual(before);
      // The same rules when starting a draft: nothing is created.
      await store.db.deleteFrom('drafts').where('id', '=', id).execute();
      const refused = await call('POST', '/api/v1/advisories/UA/drafts', team.editor.token, patch);
      expect(refused.statusCode).toBe(400);
      expect(await store.db.selectFrom('drafts').select('id').where('destination_code', '=', 'UA').execute()).toEqual([]);
    } finally {
      await store.db.deleteFrom('drafts').where('destination_code', '=', 'UA').execute();
    }
  });

  it('answers malformed input with 4xx problems, never a 5xx', async () => {
    const created = await call('POST', '/api/v1/advisories/SE/drafts', team.editor.token, {});
    const id = created.json().id as number;
    const bodies: unknown[] = [
      { level: 4.5 }, { level: 'four' }, { indicators: [1, 2] }, { regions: 'Moscow' }, { regions: [null] }, { regions: [{ name: 'x' }] },
      { sections: [{}] }, { sections: [{ title: 'x'.repeat(300), body: '' }] }, { sections: 'none' }, { risks: [{ indicator: 'C' }] },
      { nextReviewDue: 20260101 }, { changeType: ['major'] }, { summary: { text: 'x' } }, [1, 2, 3], 'just text',
    ];
    for (const body of bodies) {
      const response = await call('PATCH', `/api/v1/drafts/${id}`, team.editor.token, body, { 'if-match': '*' });
      expect(response.statusCode, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(response.statusCode, JSON.stringify(body)).toBeLessThan(500);
      expect(response.headers['content-type'], JSON.stringify(body)).toMatch(/^application\/problem\+json/);
    }
    for (const [method, url] of [['GET', '/api/v1/drafts/abc'], ['GET', '/api/v1/drafts/99999999999'], ['POST', '/api/v1/drafts/0/submit'], ['POST', '/api/v1/advisories/ZZ/drafts'], ['GET', '/api/v1/audit?destination=RUS'], ['GET', '/api/v1/audit?before=-1']] as const) {
      const response = await call(method, url, team.editor.token, method === 'POST' ? {} : undefined);
      expect(response.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(response.statusCode, url).toBeLessThan(500);
    }
    const badJson = await app.inject({ method: 'PATCH', url: `/api/v1/drafts/${id}`, headers: { authorization: `Bearer ${team.editor.token}`, 'if-match': '*', 'content-type': 'application/json' }, payload: '{"level": ' });
    expect(badJson.statusCode).toBe(400);
    expect((await draftRow(id)).version).toBe(1);
    await store.db.deleteFrom('drafts').where('id', '=', id).execute();
  });

  it('allows one open draft per destination, even when two editors start one at the same moment', async () => {
    const [a, b] = await Promise.all([
      call('POST', '/api/v1/advisories/FR/drafts', team.editor.token, {}),
      call('POST', '/api/v1/advisories/FR/drafts', team.editor2.token, {}),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    const again = await call('POST', '/api/v1/advisories/FR/drafts', team.reviewer.token, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toMatch(/already has an open draft/);
    await store.db.deleteFrom('drafts').where('destination_code', '=', 'FR').execute();
  });

  it('returns a draft to its editor only with a comment, and a returned draft can be resubmitted', async () => {
    const created = await call('POST', '/api/v1/advisories/DE/drafts', team.editor.token, { level: 3, changeType: 'major', changeNote: 'Raised to Level 3.' });
    const id = created.json().id as number;
    expect((await call('POST', `/api/v1/drafts/${id}/submit`, team.editor.token)).statusCode).toBe(200);
    expect((await call('POST', `/api/v1/drafts/${id}/return`, team.editor.token, { comment: 'x' })).statusCode).toBe(403);
    const noComment = await call('POST', `/api/v1/drafts/${id}/return`, team.reviewer.token, { comment: '  ' });
    expect(noComment.statusCode).toBe(400);
    expect((await draftRow(id)).status).toBe('submitted');
    const returned = await call('POST', `/api/v1/drafts/${id}/return`, team.reviewer.token, { comment: 'Say which regions changed.' });
    expect(returned.json()).toMatchObject({ status: 'draft', comment: 'Say which regions changed.' });
    expect((await call('POST', `/api/v1/drafts/${id}/publish`, team.reviewer.token)).statusCode).toBe(409);
    expect((await call('POST', `/api/v1/drafts/${id}/submit`, team.editor.token)).json()).toMatchObject({ status: 'submitted', comment: null });
    await store.db.deleteFrom('drafts').where('id', '=', id).execute();
  });

  it('a minor change keeps the published date and change note, and writes no event', async () => {
    const before = await currentAdvisory(store.db, 'CA');
    const id = await approvedDraft(call, team, 'CA', { summary: `${before!.summary} `.replace('Exercise', 'Exercise'), changeType: 'minor', changeNote: 'typo', sections: [...before!.sections, { title: 'Wording', body: 'Fixed.' }] });
    const published = await call('POST', `/api/v1/drafts/${id}/publish`, team.reviewer.token);
    expect(published.statusCode, published.body).toBe(200);
    const after = (await call('GET', '/api/v1/advisories/CA', null)).json();
    expect(after).toMatchObject({ revision: before!.revision + 1, changeType: 'minor', publishedAt: before!.publishedAt, changeNote: before!.changeNote });
    expect(after.reviewedAt > before!.reviewedAt).toBe(true);
    expect(await eventsFor('CA')).toEqual([]);
  });

  it('reissue after review moves only the review dates, as a minor revision, and notifies nobody', async () => {
    const before = await currentAdvisory(store.db, 'JP');
    expect((await call('POST', '/api/v1/advisories/JP/reissue', team.editor.token, {})).statusCode).toBe(403);
    expect((await call('POST', '/api/v1/advisories/JP/reissue', team.reviewer.token, { nextReviewDue: '2001-01-01' })).statusCode).toBe(400);
    const response = await call('POST', '/api/v1/advisories/JPN/reissue', team.reviewer.token, { nextReviewDue: '2099-06-30' });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toEqual({ code: 'JP', revision: before!.revision + 1, nextReviewDue: '2099-06-30' });
    const after = await currentAdvisory(store.db, 'JP');
    expect(after).toMatchObject({
      revision: before!.revision + 1, changeType: 'minor', publishedAt: before!.publishedAt, changeNote: before!.changeNote, nextReviewDue: '2099-06-30',
      level: before!.level, summary: before!.summary, sections: before!.sections,
    });
    expect(after!.reviewedAt > before!.reviewedAt).toBe(true);
    expect(await eventsFor('JP')).toEqual([]);
  });

  it('schedules a publication and the scheduler publishes it when due, not before', async () => {
    const id = await approvedDraft(call, team, 'MX', { level: 3, changeType: 'major', changeNote: 'Raised to Level 3.' });
    const before = await currentAdvisory(store.db, 'MX');
    const publishAt = inMinutes(10);
    expect((await call('POST', `/api/v1/drafts/${id}/publish`, team.reviewer.token, { publishAt: '2001-01-01T00:00:00Z' })).statusCode).toBe(400);
    const scheduled = await call('POST', `/api/v1/drafts/${id}/publish`, team.reviewer.token, { publishAt: publishAt.toISOString() });
    expect(scheduled.statusCode, scheduled.body).toBe(200);
    expect(scheduled.json()).toMatchObject({ status: 'scheduled', publishAt: publishAt.toISOString(), scheduledBy: team.reviewer.user.id });
    expect((await call('PATCH', `/api/v1/drafts/${id}`, team.editor.token, { level: 2 }, { 'if-match': '*' })).statusCode).toBe(409);

    expect(await publishDue(ctx(inMinutes(5)))).toEqual([]);
    expect((await currentAdvisory(store.db, 'MX'))!.revision).toBe(before!.revision);

    const done = await publishDue(ctx(inMinutes(10, publishAt.getTime() - 10 * 60_000 + 1000)));
    expect(done).toEqual([expect.objectContaining({ draftId: id, code: 'MX', revision: before!.revision + 1, missed: false })]);
    expect((await currentAdvisory(store.db, 'MX'))).toMatchObject({ revision: before!.revision + 1, level: 3 });
    expect((await draftRow(id))).toMatchObject({ status: 'published', published_by: team.reviewer.user.id });
    expect(await eventsFor('MX')).toHaveLength(1);
    const audit = await store.db.selectFrom('audit_log').selectAll().where('destination_code', '=', 'MX').where('action', '=', 'publish').executeTakeFirstOrThrow();
    expect(audit.actor_label).toBe('scheduler');
    expect(JSON.parse(audit.detail)).toMatchObject({ scheduled: true, missed: false, revision: before!.revision + 1 });
    // Running again publishes nothing twice.
    expect(await publishDue(ctx(inMinutes(60)))).toEqual([]);
  });

  it('publishes a schedule missed while the server was down as soon as the scheduler starts, and logs it', async () => {
    const id = await approvedDraft(call, team, 'BR', { level: 3, changeType: 'major', changeNote: 'Raised to Level 3.' });
    await call('POST', `/api/v1/drafts/${id}/publish`, team.reviewer.token, { publishAt: inMinutes(2).toISOString() });
    const logs: string[] = [];
    // The server comes back an hour later.
    const scheduler = startScheduler(ctx(inMinutes(60)), { intervalMs: 60_000, log: (message) => logs.push(message) });
    const caughtUp = await scheduler.ready;
    await scheduler.stop();
    expect(caughtUp).toEqual([expect.objectContaining({ draftId: id, code: 'BR', missed: true })]);
    expect(logs).toEqual([expect.stringMatching(/^missed schedule: BR draft \d+ was due at .* while the server was down; published at start as revision \d+$/)]);
    expect((await currentAdvisory(store.db, 'BR'))!.level).toBe(3);
    const audit = await store.db.selectFrom('audit_log').select('detail').where('destination_code', '=', 'BR').where('action', '=', 'publish').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail)).toMatchObject({ scheduled: true, missed: true });
  });

  it('publishes the revision, its event and its audit entry in one transaction: if the audit write fails, nothing is published', async () => {
    const id = await approvedDraft(call, team, 'IN', { level: 3, changeType: 'major', changeNote: 'Raised to Level 3.' });
    const revisions = (await revisionHistory(store.db, 'IN')).length;
    if (engine === 'sqlite') {
      await sql`create trigger fail_publish_audit before insert on audit_log when new.action = 'publish' begin select raise(abort, 'audit log unavailable'); end`.execute(store.db);
    } else {
      await sql`create function fail_publish_audit() returns trigger language plpgsql as $$ begin if new.action = 'publish' then raise exception 'audit log unavailable'; end if; return new; end $$`.execute(store.db);
      await sql`create trigger fail_publish_audit before insert on audit_log for each row execute function fail_publish_audit()`.execute(store.db);
    }
    try {
      const response = await call('POST', `/api/v1/drafts/${id}/publish`, team.reviewer.token);
      expect(response.statusCode).toBe(500);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect((await revisionHistory(store.db, 'IN')).length).toBe(revisions);
      expect(await eventsFor('IN')).toEqual([]);
      expect((await draftRow(id)).status).toBe('approved');
    } finally {
      await sql`drop trigger fail_publish_audit${sql.raw(engine === 'postgres' ? ' on audit_log' : '')}`.execute(store.db);
    }
    const retried = await call('POST', `/api/v1/drafts/${id}/publish`, team.reviewer.token);
    expect(retried.json()).toMatchObject({ status: 'published', publishedRevision: revisions + 1 });
    expect(await eventsFor('IN')).toHaveLength(1);
  });

  it('publishes a scheduled draft once when a reviewer and the scheduler race', async () => {
    const id = await approvedDraft(call, team, 'EG', { level: 4, changeType: 'major', changeNote: 'Raised to Level 4.' });
    await call('POST', `/api/v1/drafts/${id}/publish`, team.reviewer.token, { publishAt: inMinutes(1).toISOString() });
    const [manual, scheduled] = await Promise.all([
      call('POST', `/api/v1/drafts/${id}/publish`, team.reviewer2.token),
      publishDue(ctx(inMinutes(2))),
    ]);
    const published = (manual.statusCode === 200 ? 1 : 0) + scheduled.length;
    expect(published).toBe(1);
    expect(await eventsFor('EG')).toHaveLength(1);
    expect((await store.db.selectFrom('audit_log').select('id').where('destination_code', '=', 'EG').where('action', '=', 'publish').execute()).length).toBe(1);
  });

  it('reads back what it wrote: draft fields round-trip', async () => {
    const created = await call('POST', '/api/v1/advisories/NZ/drafts', team.editor.token, {
      regions: [{ name: 'Auckland', code: 'nz-auk', level: 2, indicators: ['N', 'C'], summary: 'Floods.' }],
      risks: [{ indicator: 'N', text: 'Earthquakes.' }],
      indicators: ['N'],
      nextReviewDue: '2026-12-01',
    });
    expect(created.statusCode, created.body).toBe(201);
    const draft = (await call('GET', `/api/v1/drafts/${created.json().id}`, team.editor.token)).json();
    expect(draftFields(draft)).toMatchObject({
      regions: [{ name: 'Auckland', code: 'NZ-AUK', level: 2, indicators: ['C', 'N'], summary: 'Floods.' }],
      risks: [{ indicator: 'N', text: 'Earthquakes.' }],
      indicators: ['N'],
      nextReviewDue: '2026-12-01',
    });
    const list = (await call('GET', '/api/v1/drafts?status=draft', team.crisis.token)).json();
    expect(list.map((d: { code: string }) => d.code)).toContain('NZ');
  });
});
