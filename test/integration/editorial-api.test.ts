import { describe, expect, it } from 'vitest';
import { draftFields, fieldsFromRevision } from '../../src/publishing/draft-record.ts';
import { mergePatch } from '../../src/publishing/drafts.ts';
import { currentAdvisories, currentAdvisory } from '../../src/publishing/revisions.ts';
import { ENGINES } from '../helpers/databases.ts';
import { editorialSuite } from '../helpers/editorial-setup.ts';
import { approvedDraft } from '../helpers/drafts.ts';

// Scheduled publication, and publishing as one transaction, are in editorial-publishing.test.ts.
describe.each(ENGINES)('staff API: drafts and publishing on %s', (engine) => {
  const t = editorialSuite(engine);

  const eventsFor = (code: string) => t.store.db.selectFrom('events').selectAll().where('destination_code', '=', code).execute();
  const draftRow = (id: number) => t.store.db.selectFrom('drafts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('every bundled advisory can be drafted unchanged (its content passes the draft rules)', async () => {
    for (const advisory of await currentAdvisories(t.store.db)) {
      expect(() => mergePatch({ db: t.store.db, now: () => new Date() }, advisory.code, fieldsFromRevision(advisory), {}), advisory.code).not.toThrow();
    }
  });

  it('drafts Russia, edits with If-Match, submits, approves and publishes: the public API shows revision n+1', async () => {
    const before = (await t.call('GET', '/api/v1/advisories/RU', null)).json();
    const created = await t.call('POST', '/api/v1/advisories/rus/drafts', t.team.editor.token, {});
    expect(created.statusCode, created.body).toBe(201);
    const draft = created.json();
    expect(created.headers.etag).toBe(`"draft-${draft.id}-v1"`);
    expect(created.headers.location).toBe(`/api/v1/drafts/${draft.id}`);
    expect(draft).toMatchObject({
      code: 'RU', name: 'Russia', status: 'draft', level: 4, departureUrged: true, baseRevision: before.revision, version: 1,
      changeType: null, changeNote: '', authorId: t.team.editor.user.id, updatedBy: t.team.editor.user.id, comment: null,
    });
    expect(draft.sections).toEqual(before.sections);

    const read = await t.call('GET', `/api/v1/drafts/${draft.id}`, t.team.editor.token);
    expect(read.statusCode).toBe(200);
    expect(read.headers.etag).toBe(created.headers.etag);
    expect(read.headers['cache-control']).toBe('private, no-store');

    const sections = [...draft.sections, { title: 'Dual citizenship and military service', body: 'Russia may **conscript** dual nationals.' }];
    const patch = { sections, changeType: 'major', changeNote: 'Added advice on conscription of dual nationals.', summary: `${draft.summary}\n\nDual nationals may be conscripted.` };

    const noIfMatch = await t.call('PATCH', `/api/v1/drafts/${draft.id}`, t.team.editor.token, patch);
    expect(noIfMatch.statusCode).toBe(428);
    expect(noIfMatch.headers['content-type']).toMatch(/^application\/problem\+json/);

    const saved = await t.call('PATCH', `/api/v1/drafts/${draft.id}`, t.team.editor.token, patch, { 'if-match': created.headers.etag as string });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.headers.etag).toBe(`"draft-${draft.id}-v2"`);
    expect(saved.json().sections.at(-1)).toEqual({ slug: 'dual-citizenship-and-military-service', title: 'Dual citizenship and military service', body: 'Russia may **conscript** dual nationals.' });

    const stale = await t.call('PATCH', `/api/v1/drafts/${draft.id}`, t.team.editor.token, { summary: 'Overwrite!' }, { 'if-match': created.headers.etag as string });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().detail).toMatch(/changed since you read it/);
    expect((await draftRow(draft.id)).summary).not.toBe('Overwrite!');

    expect((await t.call('POST', `/api/v1/drafts/${draft.id}/submit`, t.team.editor.token)).json().status).toBe('submitted');
    const approved = await t.call('POST', `/api/v1/drafts/${draft.id}/approve`, t.team.reviewer.token);
    expect(approved.json()).toMatchObject({ status: 'approved', approvedBy: t.team.reviewer.user.id });
    const published = await t.call('POST', `/api/v1/drafts/${draft.id}/publish`, t.team.reviewer.token, {});
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ status: 'published', publishedRevision: before.revision + 1, publishedBy: t.team.reviewer.user.id });
    expect(published.headers.location).toBe(`/api/v1/advisories/RU/revisions/${before.revision + 1}`);

    const after = (await t.call('GET', '/api/v1/advisories/RU', null)).json();
    expect(after).toMatchObject({
      revision: before.revision + 1, changeType: 'major', changeNote: 'Added advice on conscription of dual nationals.',
      source: { authority: 'Waypost' }, level: 4, departureUrged: true,
    });
    expect(after.sections.map((s: { title: string }) => s.title)).toContain('Dual citizenship and military service');
    expect(after.publishedAt > before.publishedAt).toBe(true);
    const diff = (await t.call('GET', `/api/v1/advisories/RU/revisions/${after.revision}?diff=${before.revision}`, null)).json().diff;
    expect(diff.changes.map((c: { field: string }) => c.field)).toContain('sections.dual-citizenship-and-military-service');

    // One publication event, urgent (Level 4, departure urged), in the outbox for the notifications work.
    const events = await eventsFor('RU');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'advisory.published', revision: after.revision, urgent: 1, processed_at: null });
    expect(JSON.parse(events[0]!.payload)).toMatchObject({ code: 'RU', revision: after.revision, level: 4, departureUrged: true, changeNote: after.changeNote });

    const audit = await t.store.db.selectFrom('audit_log').select(['action', 'actor_label']).where('destination_code', '=', 'RU').orderBy('id').execute();
    expect(audit.map((a) => `${a.action} ${a.actor_label}`)).toEqual([
      'create editor@example.org', 'edit editor@example.org', 'submit editor@example.org', 'approve reviewer@example.org', 'publish reviewer@example.org',
    ]);

    // Published drafts are read-only.
    const late = await t.call('PATCH', `/api/v1/drafts/${draft.id}`, t.team.editor.token, { summary: 'Too late' }, { 'if-match': '*' });
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
    const created = await t.call('POST', '/api/v1/advisories/UA/drafts', t.team.editor.token, {});
    const id = created.json().id as number;
    try {
      const before = await draftRow(id);
      const response = await t.call('PATCH', `/api/v1/drafts/${id}`, t.team.editor.token, patch, { 'if-match': created.headers.etag as string });
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json().errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await draftRow(id)).toEqual(before);
      // The same rules when starting a draft: nothing is created.
      await t.store.db.deleteFrom('drafts').where('id', '=', id).execute();
      const refused = await t.call('POST', '/api/v1/advisories/UA/drafts', t.team.editor.token, patch);
      expect(refused.statusCode).toBe(400);
      expect(await t.store.db.selectFrom('drafts').select('id').where('destination_code', '=', 'UA').execute()).toEqual([]);
    } finally {
      await t.store.db.deleteFrom('drafts').where('destination_code', '=', 'UA').execute();
    }
  });

  it('answers malformed input with 4xx problems, never a 5xx', async () => {
    const created = await t.call('POST', '/api/v1/advisories/SE/drafts', t.team.editor.token, {});
    const id = created.json().id as number;
    const bodies: unknown[] = [
      { level: 4.5 }, { level: 'four' }, { indicators: [1, 2] }, { regions: 'Moscow' }, { regions: [null] }, { regions: [{ name: 'x' }] },
      { sections: [{}] }, { sections: [{ title: 'x'.repeat(300), body: '' }] }, { sections: 'none' }, { risks: [{ indicator: 'C' }] },
      { nextReviewDue: 20260101 }, { changeType: ['major'] }, { summary: { text: 'x' } }, [1, 2, 3], 'just text',
    ];
    for (const body of bodies) {
      const response = await t.call('PATCH', `/api/v1/drafts/${id}`, t.team.editor.token, body, { 'if-match': '*' });
      expect(response.statusCode, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(response.statusCode, JSON.stringify(body)).toBeLessThan(500);
      expect(response.headers['content-type'], JSON.stringify(body)).toMatch(/^application\/problem\+json/);
    }
    for (const [method, url] of [['GET', '/api/v1/drafts/abc'], ['GET', '/api/v1/drafts/99999999999'], ['POST', '/api/v1/drafts/0/submit'], ['POST', '/api/v1/advisories/ZZ/drafts'], ['GET', '/api/v1/audit?destination=RUS'], ['GET', '/api/v1/audit?before=-1']] as const) {
      const response = await t.call(method, url, t.team.editor.token, method === 'POST' ? {} : undefined);
      expect(response.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(response.statusCode, url).toBeLessThan(500);
    }
    const badJson = await t.app.inject({ method: 'PATCH', url: `/api/v1/drafts/${id}`, headers: { authorization: `Bearer ${t.team.editor.token}`, 'if-match': '*', 'content-type': 'application/json' }, payload: '{"level": ' });
    expect(badJson.statusCode).toBe(400);
    expect((await draftRow(id)).version).toBe(1);
    await t.store.db.deleteFrom('drafts').where('id', '=', id).execute();
  });

  it('allows one open draft per destination, even when two editors start one at the same moment', async () => {
    const [a, b] = await Promise.all([
      t.call('POST', '/api/v1/advisories/FR/drafts', t.team.editor.token, {}),
      t.call('POST', '/api/v1/advisories/FR/drafts', t.team.editor2.token, {}),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    const again = await t.call('POST', '/api/v1/advisories/FR/drafts', t.team.reviewer.token, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toMatch(/already has an open draft/);
    await t.store.db.deleteFrom('drafts').where('destination_code', '=', 'FR').execute();
  });

  it('returns a draft to its editor only with a comment, and a returned draft can be resubmitted', async () => {
    const created = await t.call('POST', '/api/v1/advisories/DE/drafts', t.team.editor.token, { level: 3, changeType: 'major', changeNote: 'Raised to Level 3.' });
    const id = created.json().id as number;
    expect((await t.call('POST', `/api/v1/drafts/${id}/submit`, t.team.editor.token)).statusCode).toBe(200);
    expect((await t.call('POST', `/api/v1/drafts/${id}/return`, t.team.editor.token, { comment: 'x' })).statusCode).toBe(403);
    const noComment = await t.call('POST', `/api/v1/drafts/${id}/return`, t.team.reviewer.token, { comment: '  ' });
    expect(noComment.statusCode).toBe(400);
    expect((await draftRow(id)).status).toBe('submitted');
    const returned = await t.call('POST', `/api/v1/drafts/${id}/return`, t.team.reviewer.token, { comment: 'Say which regions changed.' });
    expect(returned.json()).toMatchObject({ status: 'draft', comment: 'Say which regions changed.' });
    expect((await t.call('POST', `/api/v1/drafts/${id}/publish`, t.team.reviewer.token)).statusCode).toBe(409);
    expect((await t.call('POST', `/api/v1/drafts/${id}/submit`, t.team.editor.token)).json()).toMatchObject({ status: 'submitted', comment: null });
    await t.store.db.deleteFrom('drafts').where('id', '=', id).execute();
  });

  it('a minor change keeps the published date and change note, and writes no event', async () => {
    const before = await currentAdvisory(t.store.db, 'CA');
    const id = await approvedDraft(t.call, t.team, 'CA', { summary: `${before!.summary} `.replace('Exercise', 'Exercise'), changeType: 'minor', changeNote: 'typo', sections: [...before!.sections, { title: 'Wording', body: 'Fixed.' }] });
    const published = await t.call('POST', `/api/v1/drafts/${id}/publish`, t.team.reviewer.token);
    expect(published.statusCode, published.body).toBe(200);
    const after = (await t.call('GET', '/api/v1/advisories/CA', null)).json();
    expect(after).toMatchObject({ revision: before!.revision + 1, changeType: 'minor', publishedAt: before!.publishedAt, changeNote: before!.changeNote });
    expect(after.reviewedAt > before!.reviewedAt).toBe(true);
    expect(await eventsFor('CA')).toEqual([]);
  });

  it('reissue after review moves only the review dates, as a minor revision, and notifies nobody', async () => {
    const before = await currentAdvisory(t.store.db, 'JP');
    expect((await t.call('POST', '/api/v1/advisories/JP/reissue', t.team.editor.token, {})).statusCode).toBe(403);
    expect((await t.call('POST', '/api/v1/advisories/JP/reissue', t.team.reviewer.token, { nextReviewDue: '2001-01-01' })).statusCode).toBe(400);
    const response = await t.call('POST', '/api/v1/advisories/JPN/reissue', t.team.reviewer.token, { nextReviewDue: '2099-06-30' });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toEqual({ code: 'JP', revision: before!.revision + 1, nextReviewDue: '2099-06-30' });
    const after = await currentAdvisory(t.store.db, 'JP');
    expect(after).toMatchObject({
      revision: before!.revision + 1, changeType: 'minor', publishedAt: before!.publishedAt, changeNote: before!.changeNote, nextReviewDue: '2099-06-30',
      level: before!.level, summary: before!.summary, sections: before!.sections,
    });
    expect(after!.reviewedAt > before!.reviewedAt).toBe(true);
    expect(await eventsFor('JP')).toEqual([]);
  });

  it('reads back what it wrote: draft fields round-trip', async () => {
    const created = await t.call('POST', '/api/v1/advisories/NZ/drafts', t.team.editor.token, {
      regions: [{ name: 'Auckland', code: 'nz-auk', level: 2, indicators: ['N', 'C'], summary: 'Floods.' }],
      risks: [{ indicator: 'N', text: 'Earthquakes.' }],
      indicators: ['N'],
      nextReviewDue: '2026-12-01',
    });
    expect(created.statusCode, created.body).toBe(201);
    const draft = (await t.call('GET', `/api/v1/drafts/${created.json().id}`, t.team.editor.token)).json();
    expect(draftFields(draft)).toMatchObject({
      regions: [{ name: 'Auckland', code: 'NZ-AUK', level: 2, indicators: ['C', 'N'], summary: 'Floods.' }],
      risks: [{ indicator: 'N', text: 'Earthquakes.' }],
      indicators: ['N'],
      nextReviewDue: '2026-12-01',
    });
    const list = (await t.call('GET', '/api/v1/drafts?status=draft', t.team.crisis.token)).json();
    expect(list.map((d: { code: string }) => d.code)).toContain('NZ');
  });
});
