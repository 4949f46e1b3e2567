import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { findDraft } from '../../src/publishing/draft-record.ts';
import { appendRevision, currentAdvisory } from '../../src/publishing/revisions.ts';
import { pickContent } from '../../src/domain/draft-fields.ts';
import { ENGINES, createTestStore, type TestStore } from '../helpers/databases.ts';
import { importBundled } from '../helpers/seed.ts';
import { formFields, startConsoleDraft } from '../helpers/drafts.ts';
import { addTeam, consoleGet, consolePost, consoleSignIn, type ConsoleSession } from '../helpers/editorial-setup.ts';

describe.each(ENGINES)('the console editor on %s', (engine) => {
  let store: TestStore;
  let app: FastifyInstance;
  let team: Awaited<ReturnType<typeof addTeam>>;
  let editor: ConsoleSession;
  let editor2: ConsoleSession;
  let reviewer: ConsoleSession;

  beforeAll(async () => {
    store = await createTestStore(engine);
    await importBundled(store.db);
    team = await addTeam(store);
    app = await buildApp({ store, config: { publicUrl: 'http://waypost.test' } });
    editor = await consoleSignIn(app, 'editor@example.org');
    editor2 = await consoleSignIn(app, 'editor2@example.org');
    reviewer = await consoleSignIn(app, 'reviewer@example.org');
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  const ctx = () => ({ db: store.db, now: () => new Date() });

  const startDraft = (code: string, session = editor) => startConsoleDraft(app, session, code);

  it('saving the form unchanged changes nothing; a change is saved and audited', async () => {
    const { id, fields } = await startDraft('PL');
    const unchanged = await consolePost(app, editor, `/console/drafts/${id}`, fields);
    expect(unchanged.statusCode).toBe(303);
    expect((await findDraft(ctx(), id))!.version).toBe(1);
    const saved = await consolePost(app, editor, `/console/drafts/${id}`, { ...fields, level: '3', indicators: ['C', 'U'], risk_U: 'Strikes.\nProtests near the border.', departureUrged: 'yes', changeType: 'major', changeNote: 'Raised to Level 3.', nextReviewDue: '2026-06-30' });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/console/drafts/${id}/edit?done=saved`);
    const draft = (await findDraft(ctx(), id))!;
    expect(draft).toMatchObject({
      version: 2, level: 3, indicators: ['C', 'U'], departureUrged: true, changeType: 'major', nextReviewDue: '2026-06-30',
      risks: [{ indicator: 'U', text: 'Strikes.' }, { indicator: 'U', text: 'Protests near the border.' }],
    });
    const page = await consoleGet(app, editor, `/console/drafts/${id}/edit?done=saved`);
    expect(page.body).toContain('Draft saved.');
    const audit = await store.db.selectFrom('audit_log').select('detail').where('action', '=', 'edit').where('subject', '=', `draft ${id}`).execute();
    expect(audit.map((a) => JSON.parse(a.detail).fields)).toEqual([['level', 'indicators', 'risks', 'departureUrged', 'changeType', 'changeNote', 'nextReviewDue']]);
  });

  it.each([
    ['level 5', { level: '5' }, 'level', 'must be a level from 1 to 4'],
    ['an unknown indicator', { indicators: ['C', 'Z'] }, 'indicators', 'unknown indicator "Z"'],
    ['an unknown region', { r0_name: 'Atlantis', r0_code: 'PL-99', r0_level: '2' }, 'regions.0.code', 'unknown region "PL-99"'],
    ['a major change without a note', { changeType: 'major', changeNote: '' }, 'changeNote', 'a major change needs a public change note'],
  ])('refuses %s with a message next to the field, keeps what was typed, and saves nothing', async (_name, change, field, message) => {
    const { id, fields } = await startDraft('CZ');
    try {
      const before = await findDraft(ctx(), id);
      const response = await consolePost(app, editor, `/console/drafts/${id}`, { ...fields, summary: 'Typed by the editor, not lost.', ...change });
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain(`href="#f-${field.replace(/\./g, '-')}"`);
      // The message sits in the field's own block, before its control.
      const escaped = message.replace(/"/g, '&quot;');
      const at = response.body.indexOf(escaped, response.body.indexOf('id="editor"'));
      expect(at, 'message next to the field').toBeGreaterThan(0);
      expect(response.body).toContain('>Typed by the editor, not lost.</textarea>');
      expect(await findDraft(ctx(), id)).toEqual(before);
    } finally {
      await store.db.deleteFrom('drafts').where('id', '=', id).execute();
    }
  });

  it('adds, moves and removes sections without JavaScript', async () => {
    const { id, fields } = await startDraft('RU');
    const count = Number(fields.sections_count);
    expect(count).toBeGreaterThan(3);
    const newIndex = count - 1;
    const added = await consolePost(app, editor, `/console/drafts/${id}`, { ...fields, [`s${newIndex}_title`]: 'Money', [`s${newIndex}_body`]: 'Cards **work**.' });
    expect(added.statusCode).toBe(303);
    let draft = (await findDraft(ctx(), id))!;
    expect(draft.sections.at(-1)).toEqual({ slug: 'money', title: 'Money', body: 'Cards **work**.' });
    const titles = draft.sections.map((s) => s.title);

    // ↑ on the last section moves it up one place (and saves).
    let page = formFields((await consoleGet(app, editor, `/console/drafts/${id}/edit`)).body);
    const last = draft.sections.length - 1;
    await consolePost(app, editor, `/console/drafts/${id}`, { ...page, op: `up:${last}` });
    draft = (await findDraft(ctx(), id))!;
    expect(draft.sections.map((s) => s.title)).toEqual([...titles.slice(0, -2), 'Money', titles.at(-2)]);

    // A position number puts it first; "Remove" takes the second one out.
    page = formFields((await consoleGet(app, editor, `/console/drafts/${id}/edit`)).body);
    const moneyIndex = draft.sections.findIndex((s) => s.title === 'Money');
    const moved = await consolePost(app, editor, `/console/drafts/${id}`, { ...page, [`s${moneyIndex}_pos`]: '0', s0_remove: '1' });
    expect(moved.statusCode, moved.body.slice(moved.body.indexOf('class="problem"'), moved.body.indexOf('class="problem"') + 600)).toBe(303);
    draft = (await findDraft(ctx(), id))!;
    expect(draft.sections[0]!.title).toBe('Money');
    expect(draft.sections.map((s) => s.title)).not.toContain(titles[0]);
  });

  it('previews without saving, rendering Markdown', async () => {
    const { id, fields } = await startDraft('SK');
    const response = await consolePost(app, editor, `/console/drafts/${id}`, { ...fields, summary: 'A **bold** preview.', op: 'preview' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Preview (not saved)');
    expect(response.body).toContain('<p>A <strong>bold</strong> preview.</p>');
    expect((await findDraft(ctx(), id))!.version).toBe(1);
  });

  it('on a stale save, shows a conflict page with both versions and everything typed; saving again keeps the typed version', async () => {
    const { id, fields } = await startDraft('SI');
    const fieldsOfSecond = formFields((await consoleGet(app, editor2, `/console/drafts/${id}/edit`)).body);
    // The second editor saves first.
    expect((await consolePost(app, editor2, `/console/drafts/${id}`, { ...fieldsOfSecond, summary: 'Their summary about floods.' })).statusCode).toBe(303);
    // The first editor's save is now stale.
    const conflict = await consolePost(app, editor, `/console/drafts/${id}`, { ...fields, summary: 'My summary about strikes.', changeNote: 'My note' });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.body).toContain('editor2@example.org saved this draft while you were editing it.');
    expect(conflict.body).toContain('<del>Their</del>');
    expect(conflict.body).toMatch(/<ins>My<\/ins>/);
    expect(conflict.body).toContain('>My summary about strikes.</textarea>');
    expect(conflict.body).toContain('>My note</textarea>');
    expect((await findDraft(ctx(), id))!.summary).toBe('Their summary about floods.');
    // The form now carries the current version: saving it is a deliberate overwrite.
    const retry = formFields(conflict.body);
    expect(retry.version).toBe('2');
    expect((await consolePost(app, editor, `/console/drafts/${id}`, retry)).statusCode).toBe(303);
    expect((await findDraft(ctx(), id))).toMatchObject({ summary: 'My summary about strikes.', changeNote: 'My note', version: 3 });
  });

  it('runs the workflow from the console: submit, return with a comment, resubmit, approve, schedule, and shows the diff', async () => {
    const { id, fields } = await startDraft('HR');
    const before = (await currentAdvisory(store.db, 'HR'))!;
    await consolePost(app, editor, `/console/drafts/${id}`, { ...fields, level: String(before.level === 4 ? 3 : before.level + 1), changeType: 'major', changeNote: 'Level changed.' });
    const submitted = await consolePost(app, editor, `/console/drafts/${id}/submit`, { version: '2' });
    expect(submitted.headers.location).toBe(`/console/drafts/${id}?done=submitted`);
    // A stale button (version 2 while it is at 3) does not act, and says why.
    const stale = await consolePost(app, reviewer, `/console/drafts/${id}/approve`, { version: '2' });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('changed after you loaded the page');
    const noComment = await consolePost(app, reviewer, `/console/drafts/${id}/return`, { version: '3', comment: '' });
    expect(noComment.statusCode).toBe(400);
    expect(noComment.body).toContain('is required: say what to change');
    await consolePost(app, reviewer, `/console/drafts/${id}/return`, { version: '3', comment: 'Name the regions.' });
    const returned = await consoleGet(app, editor, `/console/drafts/${id}`);
    expect(returned.body).toContain('Returned with a comment:</strong> Name the regions.');
    await consolePost(app, editor, `/console/drafts/${id}/submit`);
    await consolePost(app, reviewer, `/console/drafts/${id}/approve`);
    const badTime = await consolePost(app, reviewer, `/console/drafts/${id}/publish`, { mode: 'schedule', publishAt: '2001-01-01T10:00' });
    expect(badTime.statusCode).toBe(400);
    expect(badTime.body).toContain('publishAt must be in the future');
    const at = new Date(Date.now() + 86_400_000).toISOString().slice(0, 16);
    const scheduled = await consolePost(app, reviewer, `/console/drafts/${id}/publish`, { mode: 'schedule', publishAt: at });
    expect(scheduled.headers.location).toBe(`/console/drafts/${id}?done=scheduled`);
    expect((await findDraft(ctx(), id))).toMatchObject({ status: 'scheduled', publishAt: `${at}:00.000Z` });
    const diff = await consoleGet(app, reviewer, `/console/drafts/${id}/diff`);
    expect(diff.body).toContain('Level');
    expect(diff.body).toMatch(/<del>Level \d: [^<]*<\/del>|<del>\d<\/del>/);
    const dashboard = await consoleGet(app, reviewer, '/console');
    expect(dashboard.body).toContain(`/console/drafts/${id}`);
  });

  it('reissues after review from the destination page, and searches the audit log', async () => {
    const before = (await currentAdvisory(store.db, 'LT'))!;
    const refused = await consolePost(app, editor, '/console/destinations/LT/reissue', {});
    expect(refused.statusCode).toBe(403);
    const done = await consolePost(app, reviewer, '/console/destinations/LT/reissue', { nextReviewDue: '2099-01-31' });
    expect(done.headers.location).toBe('/console/destinations/LT?done=reissued');
    expect(await currentAdvisory(store.db, 'LT')).toMatchObject({ revision: before.revision + 1, nextReviewDue: '2099-01-31', publishedAt: before.publishedAt });
    const search = await consoleGet(app, editor, '/console/audit?q=reissueOf&destination=lt');
    expect(search.statusCode).toBe(200);
    expect(search.body).toContain('reviewer@example.org');
    expect(search.body).toContain('LT revision');
    const none = await consoleGet(app, editor, '/console/audit?action=reissue&destination=RU');
    expect(none.body).toContain('No entries.');
    expect((await consoleGet(app, editor, '/console/destinations/LT/compare?from=abc&to=1')).statusCode).toBe(404);
    expect((await consoleGet(app, editor, '/console/audit?before=abc&from=not-a-date&action=nonsense')).statusCode).toBe(200);
    const calendar = await consoleGet(app, editor, '/console/calendar?days=30');
    expect(calendar.body).not.toContain('/console/destinations/LT"');
  });

  it('warns on the draft page when the published advisory changed since the draft began (not for a reissue)', async () => {
    const { id } = await startDraft('EE');
    const current = (await currentAdvisory(store.db, 'EE'))!;
    const reissued = await consolePost(app, reviewer, '/console/destinations/EE/reissue', {});
    expect(reissued.statusCode).toBe(303);
    expect((await consoleGet(app, editor, `/console/drafts/${id}`)).body).not.toContain('changed since this draft was started');
    await store.db.transaction().execute((trx) => appendRevision(trx, {
      code: 'EE', content: { ...pickContent(current), summary: 'Imported meanwhile.' }, changeType: 'major', changeNote: 'Import', publishedAt: new Date().toISOString(),
      reviewedAt: new Date().toISOString(), nextReviewDue: null, source: { authority: 'U.S. Department of State' },
    }));
    const page = await consoleGet(app, editor, `/console/drafts/${id}`);
    expect(page.body).toContain('The published advisory changed since this draft was started');
    expect(page.body).toContain(`revision ${current.revision + 2} is now published`);
  });

  it('admins add staff in the console; the generated password is shown once and works', async () => {
    const admin = await consoleSignIn(app, 'admin@example.org');
    const bad = await consolePost(app, admin, '/console/users', { email: 'not-an-address', role: 'editor' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('is not a valid e-mail address');
    const created = await consolePost(app, admin, '/console/users', { email: 'New.Analyst@Example.org', role: 'editor', name: 'New Analyst' });
    expect(created.statusCode).toBe(201);
    const password = /<p class="secret">([^<]+)<\/p>/.exec(created.body)![1]!;
    expect(password.length).toBeGreaterThanOrEqual(20);
    expect((await consoleGet(app, admin, '/console/users')).body).not.toContain(password);
    const session = await consoleSignIn(app, 'new.analyst@example.org', { password });
    expect((await consoleGet(app, session, '/console')).statusCode).toBe(200);
    const hash = await store.db.selectFrom('users').select('password_hash').where('email', '=', 'new.analyst@example.org').executeTakeFirstOrThrow();
    expect(hash.password_hash).toMatch(/^\$argon2id\$/);
    const duplicate = await consolePost(app, admin, '/console/users', { email: 'new.analyst@example.org', role: 'editor' });
    expect(duplicate.statusCode).toBe(409);
    expect(team.admin.user.role).toBe('admin');
  });

  it('answers a 404 page for any id that is not a positive integer written plainly, acting on nothing', async () => {
    const admin = await consoleSignIn(app, 'admin@example.org');
    const crisis = await consoleSignIn(app, 'crisis@example.org');
    const { id: draft } = await startDraft('PT');
    await consolePost(app, editor, '/console/tokens', { name: 'ids' });
    const token = (await store.db.selectFrom('api_tokens').select('id').where('name', '=', 'ids').executeTakeFirstOrThrow()).id;
    const user = team.editor2.user.id;
    const odd = (id: number) => [`0${id}`, `${id}.0`, `${id}e0`, `+${id}`, `%20${id}`, '0', '-1', 'abc', '9007199254740993', '99999999999999999999'];
    const requests: (readonly [ConsoleSession, 'GET' | 'POST', string])[] = [
      ...odd(draft).flatMap((id) => [
        [editor, 'GET', `/console/drafts/${id}`], [editor, 'GET', `/console/drafts/${id}/diff`], [editor, 'GET', `/console/drafts/${id}/edit`],
        [editor, 'POST', `/console/drafts/${id}`], [editor, 'POST', `/console/drafts/${id}/submit`],
      ] as const),
      ...odd(token).map((id) => [editor, 'POST', `/console/tokens/${id}/revoke`] as const),
      ...odd(user).map((id) => [admin, 'POST', `/console/users/${id}`] as const),
      ...odd(1).flatMap((id) => [
        [crisis, 'GET', `/console/alerts/${id}`], [crisis, 'GET', `/console/alerts/${id}/update`], [crisis, 'POST', `/console/alerts/${id}/update`],
        [crisis, 'POST', `/console/alerts/${id}/cancel`], [editor, 'GET', `/console/notifications/events/${id}`], [admin, 'GET', `/console/notifications/outbox/${id}`],
      ] as const),
    ];
    for (const [session, method, url] of requests) {
      const response = method === 'GET' ? await consoleGet(app, session, url) : await consolePost(app, session, url, { role: 'reviewer', summary: 'Changed.' });
      expect([method, url, response.statusCode, response.headers['content-type']]).toEqual([method, url, 404, 'text/html; charset=utf-8']);
    }
    expect((await findDraft(ctx(), draft))).toMatchObject({ status: 'draft', version: 1 });
    expect(await store.db.selectFrom('api_tokens').select('revoked_at').where('id', '=', token).executeTakeFirstOrThrow()).toEqual({ revoked_at: null });
    expect(await store.db.selectFrom('users').select('role').where('id', '=', user).executeTakeFirstOrThrow()).toEqual({ role: 'editor' });
  });

  it('ignores a cookie it cannot read, such as an analytics cookie "_ga=100%"', async () => {
    const session = { ...editor, cookie: `_ga=100%; ${editor.cookie}` };
    expect((await consoleGet(app, session, '/console')).statusCode).toBe(200);
    expect((await consolePost(app, session, '/console/tokens', { name: 'with analytics' })).statusCode).toBe(201);
  });

  it('reads a field sent as anything but text (a JSON number) as empty: a clear refusal, never a 5xx', async () => {
    const { id, fields } = await startDraft('NO');
    await consolePost(app, editor, `/console/drafts/${id}`, { ...fields, summary: 'Reviewed.', changeType: 'minor', changeNote: 'Wording.' });
    await consolePost(app, editor, `/console/drafts/${id}/submit`);
    expect((await consolePost(app, reviewer, `/console/drafts/${id}/approve`)).headers.location).toBe(`/console/drafts/${id}?done=approved`);
    const response = await app.inject({
      method: 'POST', url: `/console/drafts/${id}/publish`, headers: { cookie: reviewer.cookie },
      payload: { _csrf: reviewer.csrf, mode: 'schedule', publishAt: 5 },
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('choose a date and time (UTC)');
    expect(await findDraft(ctx(), id)).toMatchObject({ status: 'approved' });
  });
});

