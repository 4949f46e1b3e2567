import { describe, expect, it } from 'vitest';
import { ENGINES } from '../helpers/databases.ts';
import { consoleGet, consolePost } from '../helpers/editorial-setup.ts';
import { staffAuthSuite } from '../helpers/staff-auth-suite.ts';

// The two-person rule: whoever changed a draft's words may not also approve it, unless an admin
// switches the rule off. Who may approve at all is the role matrix in staff-auth.test.ts.
describe.each(ENGINES)('staff authorisation on %s', (engine) => {
  const t = staffAuthSuite(engine);
  const { sessions, audit } = t;

  /** Austria raised by the reviewer, who writes and submits it themself. */
  async function reviewersOwnDraft(code: string): Promise<number> {
    const created = await t.call('POST', `/api/v1/advisories/${code}/drafts`, t.team.reviewer.token, { level: 3, changeType: 'major', changeNote: 'Raised to Level 3.' });
    const id = created.json().id;
    expect((await t.call('POST', `/api/v1/drafts/${id}/submit`, t.team.reviewer.token)).statusCode).toBe(200);
    return id;
  }

  it('under the two-person rule a reviewer may not approve their own draft: 403 saying why', async () => {
    const id = await reviewersOwnDraft('AT');
    const own = await t.call('POST', `/api/v1/drafts/${id}/approve`, t.team.reviewer.token);
    expect(own.statusCode).toBe(403);
    expect(own.json().detail).toMatch(/Two-person rule/);
  });

  it('the console says why the approve button is missing on a reviewer\'s own draft, and refuses the approval too', async () => {
    const id = await reviewersOwnDraft('CH');
    const session = sessions.get('reviewer')!;
    const page = await consoleGet(t.app, session, `/console/drafts/${id}`);
    expect(page.body).toContain('Two-person rule: you changed this draft');
    expect(page.body).not.toContain(`action="/console/drafts/${id}/approve"`);
    expect((await consolePost(t.app, session, `/console/drafts/${id}/approve`)).statusCode).toBe(403);
  });

  it('whoever changed a draft\'s words may not approve it, even if someone else started and submitted it', async () => {
    const other = await t.call('POST', '/api/v1/advisories/BE/drafts', t.team.editor.token, { level: 3, changeType: 'major', changeNote: 'Raised.' });
    await t.call('PATCH', `/api/v1/drafts/${other.json().id}`, t.team.reviewer2.token, { summary: 'Reconsider travel to Belgium.' }, { 'if-match': other.headers.etag as string });
    await t.call('POST', `/api/v1/drafts/${other.json().id}/submit`, t.team.editor.token);
    expect((await t.call('POST', `/api/v1/drafts/${other.json().id}/approve`, t.team.reviewer2.token)).statusCode).toBe(403);
    expect((await t.call('POST', `/api/v1/drafts/${other.json().id}/approve`, t.team.reviewer.token)).statusCode).toBe(200);
  });

  it('an admin may switch the two-person rule off (audited), and then a reviewer approves their own draft', async () => {
    const id = await reviewersOwnDraft('LU');
    const admin = sessions.get('admin')!;
    expect((await consolePost(t.app, admin, '/console/settings', {})).statusCode).toBe(303);
    expect((await audit('settings-changed')).map((e) => JSON.parse(e.detail))).toEqual([{ twoPersonRule: false }]);
    try {
      const approved = await t.call('POST', `/api/v1/drafts/${id}/approve`, t.team.reviewer.token);
      expect(approved.statusCode).toBe(200);
      expect(approved.json().approvedBy).toBe(t.team.reviewer.user.id);
    } finally {
      await consolePost(t.app, admin, '/console/settings', { twoPersonRule: 'on' });
    }
  });
});
