import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { currentAdvisory, revisionHistory } from '../../src/publishing/revisions.ts';
import { publishDue } from '../../src/publishing/scheduler.ts';
import { ENGINES } from '../helpers/databases.ts';
import { newDraft } from '../helpers/drafts.ts';
import { consolePost, consoleSignIn, editorialSuite, inMinutes, type ConsoleSession, type EditorialSuite } from '../helpers/editorial-setup.ts';

type Team = EditorialSuite['team'];
type Who = keyof Team;

/**
 * The two-person rule is about content, not names (issue 11): everyone who changed a draft's
 * content since its base revision is a contributor; only a contributor may submit it, none may
 * approve it, and an approval is of the exact version the reviewer saw.
 */
describe.each(ENGINES)('contributors and the two-person rule on %s', (engine) => {
  const suite = editorialSuite(engine);
  let store: EditorialSuite['store'];
  let app: EditorialSuite['app'];
  let team: Team;
  let call: EditorialSuite['call'];
  const sessions = new Map<Who, ConsoleSession>();

  beforeAll(async () => {
    ({ store, app, team, call } = suite);
    for (const who of Object.keys(team) as Who[]) sessions.set(who, await consoleSignIn(app, team[who].user.email));
  });

  const draftRow = (id: number) => store.db.selectFrom('drafts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const get = async (id: number, who: Who = 'editor') => call('GET', `/api/v1/drafts/${id}`, team[who].token);
  const emails = (response: LightMyRequestResponse) => (response.json().contributors as { email: string }[]).map((c) => c.email);
  const discard = (code: string) => store.db.deleteFrom('drafts').where('destination_code', '=', code).execute();

  /** Sweden's draft: started empty by the editor, then dated by a reviewer, reworded by editor2 and the reviewer. */
  async function swedenEditedByMany(): Promise<number> {
    const id = await newDraft(call, team.editor, 'SE', {}, [team.reviewer, { changeType: 'major', changeNote: 'Raised.', nextReviewDue: '2027-01-31' }]);
    expect(emails(await get(id))).toEqual([]);
    await call('PATCH', `/api/v1/drafts/${id}`, team.editor2.token, { level: 3 }, { 'if-match': '*' });
    await call('PATCH', `/api/v1/drafts/${id}`, team.reviewer.token, { summary: 'Reconsider travel to Sweden.' }, { 'if-match': '*' });
    await call('PATCH', `/api/v1/drafts/${id}`, team.editor2.token, { summary: 'Reconsider travel to Sweden now.' }, { 'if-match': '*' });
    return id;
  }

  it('keeps who changed the content with the draft: not those who only touched the change type, note or review date', async () => {
    const id = await swedenEditedByMany();
    const read = await get(id);
    expect(read.json().contributors).toEqual([{ id: team.editor2.user.id, email: 'editor2@example.org' }, { id: team.reviewer.user.id, email: 'reviewer@example.org' }]);
    await discard('SE');
  });

  it('counts the author of a draft started with new content as a contributor', async () => {
    const started = await newDraft(call, team.editor, 'NO', { level: 3 });
    expect(emails(await get(started))).toEqual(['editor@example.org']);
    await discard('NO');
  });

  it('says in the audit log who contributed at each step, and who contributed when it was submitted', async () => {
    const id = await swedenEditedByMany();
    await call('POST', `/api/v1/drafts/${id}/submit`, team.editor2.token);
    const audit = await store.db.selectFrom('audit_log').select(['action', 'actor_label', 'detail']).where('destination_code', '=', 'SE').where('subject', '=', `draft ${id}`).orderBy('id').execute();
    expect(audit.map((a) => [a.action, a.actor_label, JSON.parse(a.detail).contributor ?? JSON.parse(a.detail).contributors])).toEqual([
      ['create', 'editor@example.org', false],
      ['edit', 'reviewer@example.org', false],
      ['edit', 'editor2@example.org', true],
      ['edit', 'reviewer@example.org', true],
      ['edit', 'editor2@example.org', true],
      ['submit', 'editor2@example.org', ['editor2@example.org', 'reviewer@example.org']],
    ]);
    await discard('SE');
  });

  it('refuses approval to a reviewer who rewrote the draft an editor then submitted; someone else approves it', async () => {
    // The editor writes a little, a reviewer rewrites it to Level 4, the editor touches only the note and submits.
    const id = await newDraft(call, team.editor, 'BE', { summary: 'Exercise increased caution in Belgium.' },
      [team.reviewer, { level: 4, departureUrged: true, summary: 'Do not travel to Belgium. Leave now.' }],
      [team.editor, { changeType: 'major', changeNote: 'Raised to Level 4.' }]);
    expect((await call('POST', `/api/v1/drafts/${id}/submit`, team.editor.token)).statusCode).toBe(200);
    const refused = await call('POST', `/api/v1/drafts/${id}/approve`, team.reviewer.token);
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.json().detail).toBe('Two-person rule: you changed this draft\'s content, so someone else must approve it.');
    expect((await call('POST', `/api/v1/drafts/${id}/publish`, team.reviewer.token)).statusCode).toBe(409);
    expect((await draftRow(id)).status).toBe('submitted');
    const approved = await call('POST', `/api/v1/drafts/${id}/approve`, team.reviewer2.token);
    expect(approved.json()).toMatchObject({ status: 'approved', approvedBy: team.reviewer2.user.id });
    await discard('BE');
  });

  it('refuses a reviewer who submits an editor\'s work in progress they never touched', async () => {
    const id = await newDraft(call, team.editor, 'AT', { level: 3, changeType: 'major', changeNote: 'Raised to Level 3.' });
    const refused = await call('POST', `/api/v1/drafts/${id}/submit`, team.reviewer.token);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toBe('Only someone who wrote this draft can submit it: you have not changed its content.');
    expect((await draftRow(id)).status).toBe('draft');
    expect((await call('POST', `/api/v1/drafts/${id}/approve`, team.reviewer.token)).statusCode).toBe(409);
    await discard('AT');
  });

  it('approves only the version the reviewer saw: a stale If-Match is 412, and the approved version is pinned', async () => {
    const id = await newDraft(call, team.editor, 'DK', { level: 3, changeType: 'major', changeNote: 'Raised to Level 3.' });
    expect((await call('POST', `/api/v1/drafts/${id}/submit`, team.editor.token)).statusCode).toBe(200);
    const seen = await get(id, 'reviewer');
    // The editor changes it while it is in review: it stays in review, at a new version.
    const edited = await call('PATCH', `/api/v1/drafts/${id}`, team.editor.token, { level: 4 }, { 'if-match': seen.headers.etag as string });
    expect(edited.json()).toMatchObject({ status: 'submitted', level: 4 });
    const stale = await call('POST', `/api/v1/drafts/${id}/approve`, team.reviewer.token, {}, { 'if-match': seen.headers.etag as string });
    expect(stale.statusCode).toBe(412);
    expect(stale.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await draftRow(id)).toMatchObject({ status: 'submitted', approved_by: null, approved_version: null });
    const approved = await call('POST', `/api/v1/drafts/${id}/approve`, team.reviewer.token, {}, { 'if-match': edited.headers.etag as string });
    expect(approved.json()).toMatchObject({ status: 'approved', approvedVersion: edited.json().version });
    // Returning it clears the approval.
    const returned = await call('POST', `/api/v1/drafts/${id}/return`, team.reviewer.token, { comment: 'Say which regions.' });
    expect(returned.json()).toMatchObject({ status: 'draft', approvedVersion: null, approvedBy: null });
    await discard('DK');
  });

  it('an edit after approval, or after scheduling, sends the draft back to review: the approval was of another version', async () => {
    const id = await newDraft(call, team.editor, 'DK', { level: 3, changeType: 'major', changeNote: 'Raised to Level 3.' });
    expect((await call('POST', `/api/v1/drafts/${id}/submit`, team.editor.token)).statusCode).toBe(200);
    expect((await call('POST', `/api/v1/drafts/${id}/approve`, team.reviewer.token)).json()).toMatchObject({ status: 'approved' });
    const etag = async () => ({ 'if-match': (await get(id, 'editor')).headers.etag as string });
    const edited = await call('PATCH', `/api/v1/drafts/${id}`, team.editor.token, { summary: 'Changed after approval.' }, await etag());
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ status: 'submitted', approvedBy: null, approvedVersion: null });
    expect((await call('POST', `/api/v1/drafts/${id}/publish`, team.reviewer.token)).statusCode).toBe(409);
    const audit = await store.db.selectFrom('audit_log').select('detail').where('action', '=', 'edit').where('subject', '=', `draft ${id}`).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail)).toMatchObject({ from: 'approved', status: 'submitted', backToReview: true });
    // Approved again, then scheduled: an edit by the reviewer drops the schedule too, and makes them a contributor.
    expect((await call('POST', `/api/v1/drafts/${id}/approve`, team.reviewer.token)).json()).toMatchObject({ status: 'approved' });
    const later = new Date(Date.now() + 7 * 86_400_000).toISOString();
    expect((await call('POST', `/api/v1/drafts/${id}/publish`, team.reviewer.token, { publishAt: later })).json()).toMatchObject({ status: 'scheduled' });
    expect((await call('PATCH', `/api/v1/drafts/${id}`, team.reviewer.token, { summary: 'The reviewer\'s own words.' }, await etag())).json()).toMatchObject({ status: 'submitted' });
    expect(await draftRow(id)).toMatchObject({ status: 'submitted', publish_at: null, approved_version: null });
    expect((await call('POST', `/api/v1/drafts/${id}/approve`, team.reviewer.token)).statusCode).toBe(403);
    expect((await call('POST', `/api/v1/drafts/${id}/approve`, team.reviewer2.token)).json()).toMatchObject({ status: 'approved' });
    await discard('DK');
  });

  it('publishes nothing that is not what was approved: publish now answers 409, the scheduler returns it with the reason', async () => {
    const id = await newDraft(call, team.editor, 'FI', { level: 3, changeType: 'major', changeNote: 'Raised to Level 3.' });
    await call('POST', `/api/v1/drafts/${id}/submit`, team.editor.token);
    await call('POST', `/api/v1/drafts/${id}/approve`, team.reviewer.token);
    const revisions = (await revisionHistory(store.db, 'FI')).length;
    // The words change after approval by a path that skips the workflow (a script on the database).
    await store.db.updateTable('drafts').set({ level: 4 }).where('id', '=', id).execute();
    const refused = await call('POST', `/api/v1/drafts/${id}/publish`, team.reviewer.token);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toMatch(/is not what was approved \(version \d+\)/);
    expect(await draftRow(id)).toMatchObject({ status: 'approved' });
    expect((await revisionHistory(store.db, 'FI')).length).toBe(revisions);

    const publishAt = inMinutes(5);
    expect((await call('POST', `/api/v1/drafts/${id}/publish`, team.reviewer.token, { publishAt: publishAt.toISOString() })).json().status).toBe('scheduled');
    const results = await publishDue({ db: store.db, now: () => inMinutes(6) });
    expect(results).toEqual([expect.objectContaining({ outcome: 'returned', draftId: id, code: 'FI' })]);
    expect((await revisionHistory(store.db, 'FI')).length).toBe(revisions);
    expect(await draftRow(id)).toMatchObject({ status: 'draft', publish_at: null, approved_version: null, comment: expect.stringMatching(/is not what was approved/) });
    const audit = await store.db.selectFrom('audit_log').select(['actor_label', 'action']).where('destination_code', '=', 'FI').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit).toEqual({ actor_label: 'scheduler', action: 'return' });
    expect((await currentAdvisory(store.db, 'FI'))!.level).not.toBe(4);
    await discard('FI');
  });

  // Who may submit and approve a draft the editor started and the reviewer rewrote, through the
  // staff API and the console alike: [who, submit, approve]; 'ok' means it went through.
  const MATRIX: [Who, 'ok' | 403, 'ok' | 403][] = [
    ['editor', 'ok', 403],
    ['editor2', 403, 403],
    ['reviewer', 'ok', 403],
    ['reviewer2', 403, 'ok'],
    ['admin', 403, 'ok'],
    ['crisis', 403, 403],
  ];

  it.each(MATRIX)('authorisation matrix: %s may submit → %s, approve → %s (staff API and console)', async (who, submit, approve) => {
    for (const surface of ['api', 'console'] as const) {
      const id = await newDraft(call, team.editor, 'IE', { summary: 'Exercise normal precautions in Ireland.' },
        [team.reviewer, { level: 2, changeType: 'major', changeNote: 'Raised to Level 2.' }]);
      const act = async (action: 'submit' | 'approve', actor: Who) => surface === 'api'
        ? call('POST', `/api/v1/drafts/${id}/${action}`, team[actor].token)
        : consolePost(app, sessions.get(actor)!, `/console/drafts/${id}/${action}`);
      const submitted = await act('submit', who);
      expect(submitted.statusCode, `${surface} submit by ${who}`).toBe(submit === 'ok' ? (surface === 'api' ? 200 : 303) : 403);
      expect((await draftRow(id)).status).toBe(submit === 'ok' ? 'submitted' : 'draft');
      if (submit !== 'ok') expect((await act('submit', 'editor')).statusCode).toBeLessThan(400);
      const approved = await act('approve', who);
      expect(approved.statusCode, `${surface} approve by ${who}`).toBe(approve === 'ok' ? (surface === 'api' ? 200 : 303) : 403);
      expect((await draftRow(id)).status).toBe(approve === 'ok' ? 'approved' : 'submitted');
      await discard('IE');
    }
  });
});
