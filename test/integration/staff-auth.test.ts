import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { FAILURE_LIMIT, UNKNOWN_ACCOUNT } from '../../src/staff/lockout.ts';
import { ENGINES, createTestStore, type TestStore } from '../helpers/databases.ts';
import { importBundled } from '../helpers/seed.ts';
import {
  addStaff, addTeam, apiCall, consoleGet, consolePost, consoleSignIn, consoleSignInAttempt, type ConsoleSession, type FormFields, type TestStaff,
} from '../helpers/editorial-setup.ts';

type Who = 'anonymous' | 'editor' | 'reviewer' | 'admin' | 'crisis' | 'consular';
/** 'allow': got past authorisation (whatever the workflow then says); otherwise the exact refusal. */
type Expect = 'allow' | 401 | 403 | 'sign-in';

const ROLES: Who[] = ['anonymous', 'editor', 'reviewer', 'admin', 'crisis', 'consular'];

/** Who may do what, per permission; the matrix below names a permission per route. */
const RULES = {
  read: { anonymous: 'x', editor: 'allow', reviewer: 'allow', admin: 'allow', crisis: 'allow', consular: 'allow' },
  edit: { anonymous: 'x', editor: 'allow', reviewer: 'allow', admin: 'allow', crisis: 403, consular: 403 },
  review: { anonymous: 'x', editor: 403, reviewer: 'allow', admin: 'allow', crisis: 403, consular: 403 },
  admin: { anonymous: 'x', editor: 403, reviewer: 403, admin: 'allow', crisis: 403, consular: 403 },
  any: { anonymous: 'x', editor: 'allow', reviewer: 'allow', admin: 'allow', crisis: 'allow', consular: 'allow' },
  cases: { anonymous: 'x', editor: 403, reviewer: 403, admin: 'allow', crisis: 403, consular: 'allow' },
} as const satisfies Record<string, Record<Who, Expect | 'x'>>;

interface Route {
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  rule: keyof typeof RULES;
  body?: Record<string, unknown> | FormFields;
}

describe.each(ENGINES)('staff authorisation on %s', (engine) => {
  let store: TestStore;
  let app: FastifyInstance;
  let team: Awaited<ReturnType<typeof addTeam>> & { consular: TestStaff };
  let call: ReturnType<typeof apiCall>;
  const sessions = new Map<Who, ConsoleSession | null>();
  let draftId: number;

  beforeAll(async () => {
    store = await createTestStore(engine);
    await importBundled(store.db);
    team = { ...(await addTeam(store)), consular: await addStaff(store, 'consular@example.org', 'consular') };
    app = await buildApp({ store, config: { publicUrl: 'http://waypost.test' } });
    call = apiCall(app);
    sessions.set('anonymous', null);
    for (const who of ['editor', 'reviewer', 'admin', 'crisis', 'consular'] as const) sessions.set(who, await consoleSignIn(app, `${who}@example.org`));
    const created = await call('POST', '/api/v1/advisories/DE/drafts', team.editor.token, { summary: 'Written by the editor.' });
    draftId = created.json().id;
    // Everyone who may edit wrote some of it, so this matrix is about roles; the contributor rules
    // (who may submit and approve) have their own matrix in editorial-contributors.test.ts.
    for (const who of ['reviewer', 'admin'] as const) {
      await call('PATCH', `/api/v1/drafts/${draftId}`, team[who].token, { summary: `Written by the ${who}.` }, { 'if-match': '*' });
    }
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  const tokenOf = (who: Who) => (who === 'anonymous' ? null : team[who].token);
  const audit = (action: string) => store.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();

  const apiRoutes = (): Route[] => [
    { method: 'POST', path: '/api/v1/advisories/IT/drafts', rule: 'edit', body: {} },
    { method: 'GET', path: '/api/v1/drafts', rule: 'read' },
    { method: 'GET', path: `/api/v1/drafts/${draftId}`, rule: 'read' },
    { method: 'PATCH', path: `/api/v1/drafts/${draftId}`, rule: 'edit', body: { summary: 'Changed by the matrix.' } },
    { method: 'POST', path: `/api/v1/drafts/${draftId}/submit`, rule: 'edit', body: {} },
    { method: 'POST', path: `/api/v1/drafts/${draftId}/approve`, rule: 'review', body: {} },
    { method: 'POST', path: `/api/v1/drafts/${draftId}/return`, rule: 'review', body: { comment: 'from the matrix' } },
    { method: 'POST', path: `/api/v1/drafts/${draftId}/publish`, rule: 'review', body: {} },
    { method: 'POST', path: '/api/v1/advisories/ES/reissue', rule: 'review', body: {} },
    { method: 'GET', path: '/api/v1/audit', rule: 'read' },
    { method: 'GET', path: '/api/v1/review-calendar', rule: 'read' },
    { method: 'GET', path: '/api/v1/cases', rule: 'cases' },
    { method: 'POST', path: '/api/v1/cases', rule: 'cases', body: {} },
    { method: 'GET', path: '/api/v1/cases/999999', rule: 'cases' },
    { method: 'PATCH', path: '/api/v1/cases/999999', rule: 'cases', body: { priority: 'low' } },
    { method: 'POST', path: '/api/v1/cases/999999/notes', rule: 'cases', body: { body: 'matrix' } },
    { method: 'POST', path: '/api/v1/cases/999999/access', rule: 'cases', body: { kind: 'visit', date: '2026-01-01' } },
  ];

  const consoleRoutes = (): Route[] => [
    { method: 'GET', path: '/console', rule: 'read' },
    { method: 'GET', path: '/console/calendar', rule: 'read' },
    { method: 'GET', path: '/console/destinations', rule: 'read' },
    { method: 'GET', path: '/console/destinations/DE', rule: 'read' },
    { method: 'GET', path: '/console/destinations/DE/compare?from=1&to=1', rule: 'read' },
    { method: 'GET', path: `/console/drafts/${draftId}`, rule: 'read' },
    { method: 'GET', path: `/console/drafts/${draftId}/diff`, rule: 'read' },
    { method: 'GET', path: `/console/drafts/${draftId}/edit`, rule: 'edit' },
    { method: 'POST', path: '/console/destinations/PT/drafts', rule: 'edit' },
    { method: 'POST', path: `/console/drafts/${draftId}`, rule: 'edit', body: { version: '0' } },
    { method: 'POST', path: `/console/drafts/${draftId}/submit`, rule: 'edit' },
    { method: 'POST', path: `/console/drafts/${draftId}/approve`, rule: 'review' },
    { method: 'POST', path: `/console/drafts/${draftId}/return`, rule: 'review', body: { comment: 'from the matrix' } },
    { method: 'POST', path: `/console/drafts/${draftId}/publish`, rule: 'review' },
    { method: 'GET', path: `/console/drafts/${draftId}/publish`, rule: 'review' },
    { method: 'POST', path: '/console/destinations/ES/reissue', rule: 'review' },
    { method: 'GET', path: '/console/audit', rule: 'read' },
    { method: 'GET', path: '/console/sources', rule: 'read' },
    { method: 'GET', path: '/console/tokens', rule: 'any' },
    { method: 'POST', path: '/console/tokens', rule: 'any', body: { name: 'matrix' } },
    { method: 'POST', path: '/console/tokens/999999/revoke', rule: 'any' },
    { method: 'GET', path: '/console/users', rule: 'admin' },
    { method: 'POST', path: '/console/users', rule: 'admin', body: { email: '', role: 'editor' } },
    { method: 'POST', path: '/console/users/999999', rule: 'admin', body: { role: 'editor' } },
    { method: 'GET', path: '/console/settings', rule: 'admin' },
    { method: 'POST', path: '/console/settings', rule: 'admin', body: { twoPersonRule: 'on' } },
    { method: 'GET', path: '/console/cases', rule: 'cases' },
    { method: 'POST', path: '/console/cases', rule: 'cases', body: { title: '' } },
    { method: 'GET', path: '/console/cases/999999', rule: 'cases' },
    { method: 'POST', path: '/console/cases/999999/notes', rule: 'cases', body: { body: 'matrix' } },
  ];

  function expectOutcome(response: LightMyRequestResponse, expected: Expect, label: string) {
    if (expected === 'allow') {
      expect([401, 403], `${label}: ${response.body.slice(0, 200)}`).not.toContain(response.statusCode);
      expect(String(response.headers.location ?? ''), label).not.toMatch(/sign-in/);
      expect(response.statusCode, label).toBeLessThan(500);
    } else if (expected === 'sign-in') {
      expect(response.statusCode, label).toBe(303);
      expect(String(response.headers.location), label).toMatch(/^\/console\/sign-in/);
    } else {
      expect(response.statusCode, `${label}: ${response.body.slice(0, 200)}`).toBe(expected);
    }
  }

  it('staff API: anonymous → 401 problem, editor cannot approve or publish, crisis cannot edit', async () => {
    for (const route of apiRoutes()) {
      for (const who of ROLES) {
        const rule = RULES[route.rule][who];
        const expected: Expect = rule === 'x' ? 401 : rule;
        const response = await call(route.method, route.path, tokenOf(who), route.body, route.method === 'PATCH' ? { 'if-match': '*' } : {});
        expectOutcome(response, expected, `${who} ${route.method} ${route.path}`);
        if (expected === 401 || expected === 403) expect(response.headers['content-type'], `${who} ${route.path}`).toMatch(/^application\/problem\+json/);
        if (expected === 401) expect(response.headers['www-authenticate']).toBe('Bearer realm="waypost"');
      }
    }
  });

  it('console: anonymous → sign-in page, the same roles as the API, reviewers cannot manage staff', async () => {
    for (const route of consoleRoutes()) {
      for (const who of ROLES) {
        const rule = RULES[route.rule][who];
        const expected: Expect = rule === 'x' ? 'sign-in' : rule;
        const session = sessions.get(who)!;
        const response = route.method === 'GET'
          ? await consoleGet(app, session, route.path)
          : await consolePost(app, session, route.path, (route.body ?? {}) as FormFields);
        expectOutcome(response, expected, `${who} ${route.method} ${route.path}`);
        if (expected === 403) expect(response.headers['content-type'], route.path).toMatch(/^text\/html/);
      }
    }
    const anonymous = await consoleGet(app, null, '/console/drafts/1/diff');
    expect(anonymous.headers.location).toBe('/console/sign-in?next=%2Fconsole%2Fdrafts%2F1%2Fdiff');
  });

  /** Austria raised by the reviewer, who writes and submits it themself. */
  async function reviewersOwnDraft(code: string): Promise<number> {
    const created = await call('POST', `/api/v1/advisories/${code}/drafts`, team.reviewer.token, { level: 3, changeType: 'major', changeNote: 'Raised to Level 3.' });
    const id = created.json().id;
    expect((await call('POST', `/api/v1/drafts/${id}/submit`, team.reviewer.token)).statusCode).toBe(200);
    return id;
  }

  it('under the two-person rule a reviewer may not approve their own draft: 403 saying why', async () => {
    const id = await reviewersOwnDraft('AT');
    const own = await call('POST', `/api/v1/drafts/${id}/approve`, team.reviewer.token);
    expect(own.statusCode).toBe(403);
    expect(own.json().detail).toMatch(/Two-person rule/);
  });

  it('the console says why the approve button is missing on a reviewer\'s own draft, and refuses the approval too', async () => {
    const id = await reviewersOwnDraft('CH');
    const session = sessions.get('reviewer')!;
    const page = await consoleGet(app, session, `/console/drafts/${id}`);
    expect(page.body).toContain('Two-person rule: you changed this draft');
    expect(page.body).not.toContain(`action="/console/drafts/${id}/approve"`);
    expect((await consolePost(app, session, `/console/drafts/${id}/approve`)).statusCode).toBe(403);
  });

  it('whoever changed a draft\'s words may not approve it, even if someone else started and submitted it', async () => {
    const other = await call('POST', '/api/v1/advisories/BE/drafts', team.editor.token, { level: 3, changeType: 'major', changeNote: 'Raised.' });
    await call('PATCH', `/api/v1/drafts/${other.json().id}`, team.reviewer2.token, { summary: 'Reconsider travel to Belgium.' }, { 'if-match': other.headers.etag as string });
    await call('POST', `/api/v1/drafts/${other.json().id}/submit`, team.editor.token);
    expect((await call('POST', `/api/v1/drafts/${other.json().id}/approve`, team.reviewer2.token)).statusCode).toBe(403);
    expect((await call('POST', `/api/v1/drafts/${other.json().id}/approve`, team.reviewer.token)).statusCode).toBe(200);
  });

  it('an admin may switch the two-person rule off (audited), and then a reviewer approves their own draft', async () => {
    const id = await reviewersOwnDraft('LU');
    const admin = sessions.get('admin')!;
    expect((await consolePost(app, admin, '/console/settings', {})).statusCode).toBe(303);
    expect((await audit('settings-changed')).map((e) => JSON.parse(e.detail))).toEqual([{ twoPersonRule: false }]);
    try {
      const approved = await call('POST', `/api/v1/drafts/${id}/approve`, team.reviewer.token);
      expect(approved.statusCode).toBe(200);
      expect(approved.json().approvedBy).toBe(team.reviewer.user.id);
    } finally {
      await consolePost(app, admin, '/console/settings', { twoPersonRule: 'on' });
    }
  });

  it('refuses bad, unknown and revoked tokens', async () => {
    expect((await call('GET', '/api/v1/drafts', 'wp_not-a-real-token')).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/v1/drafts', headers: { authorization: 'Basic YTpi' } })).statusCode).toBe(401);
    // Created and revoked in the console: the token stops working at once.
    const session = sessions.get('editor')!;
    const created = await consolePost(app, session, '/console/tokens', { name: 'to revoke' });
    expect(created.statusCode).toBe(201);
    const token = /id="new-token">([^<]+)</.exec(created.body)![1]!;
    expect((await call('GET', '/api/v1/drafts', token)).statusCode).toBe(200);
    const row = await store.db.selectFrom('api_tokens').select(['id', 'token_hash']).where('name', '=', 'to revoke').executeTakeFirstOrThrow();
    expect(row.token_hash).not.toContain(token.slice(3, 20));
    // Another editor cannot revoke it; its owner can.
    expect((await consolePost(app, await consoleSignIn(app, 'editor2@example.org'), `/console/tokens/${row.id}/revoke`)).statusCode).toBe(404);
    expect((await call('GET', '/api/v1/drafts', token)).statusCode).toBe(200);
    expect((await consolePost(app, session, `/console/tokens/${row.id}/revoke`)).statusCode).toBe(303);
    const refused = await call('GET', '/api/v1/drafts', token);
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await audit('token-created')).some((e) => e.subject === `token ${row.id}`)).toBe(true);
    expect((await audit('token-revoked')).map((e) => e.subject)).toContain(`token ${row.id}`);
    // The tokens page never shows a token again.
    expect((await consoleGet(app, session, '/console/tokens')).body).not.toContain(token);
  });

  it('a console POST without the right CSRF token is refused with 403 and changes nothing', async () => {
    const session = sessions.get('editor')!;
    const before = await store.db.selectFrom('drafts').select(['id', 'version', 'summary']).orderBy('id').execute();
    const auditBefore = await store.db.selectFrom('audit_log').select('id').execute();
    for (const csrf of [false, 'wrong-token', sessions.get('reviewer')!.csrf]) {
      for (const [url, fields] of [
        ['/console/destinations/NL/drafts', {}],
        [`/console/drafts/${draftId}`, { version: '99', summary: 'CSRF!' }],
        [`/console/drafts/${draftId}/submit`, {}],
        ['/console/tokens', { name: 'csrf' }],
        ['/console/sign-out', {}],
      ] as const) {
        const response = await consolePost(app, session, url, fields, csrf);
        expect(response.statusCode, `${url} with ${String(csrf)}`).toBe(403);
        expect(response.body).toContain('CSRF');
      }
    }
    expect(await store.db.selectFrom('drafts').select(['id', 'version', 'summary']).orderBy('id').execute()).toEqual(before);
    expect(await store.db.selectFrom('audit_log').select('id').execute()).toEqual(auditBefore);
    // Still signed in: the forged sign-out did nothing.
    expect((await consoleGet(app, session, '/console')).statusCode).toBe(200);
    // The staff API used with a session cookie needs the token as a header.
    const cookieOnly = await app.inject({ method: 'POST', url: `/api/v1/drafts/${draftId}/submit`, headers: { cookie: session.cookie }, payload: {} });
    expect(cookieOnly.statusCode).toBe(403);
    const withHeader = await app.inject({ method: 'GET', url: `/api/v1/drafts/${draftId}`, headers: { cookie: session.cookie } });
    expect(withHeader.statusCode).toBe(200);
    // And the sign-in form has its own token.
    const forged = await app.inject({
      method: 'POST', url: '/console/sign-in', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'email=editor%40example.org&password=correct+horse+battery+staple',
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.cookies.find((c: { name: string }) => c.name === 'waypost_session')).toBeUndefined();
  });

  it('signs in with a secure, HTTP-only, SameSite session cookie, and out again (both audited)', async () => {
    const attempt = await consoleSignInAttempt(app, 'Crisis@Example.org');
    expect(attempt.statusCode).toBe(303);
    expect(attempt.headers.location).toBe('/console');
    const cookie = attempt.cookies.find((c: { name: string }) => c.name === 'waypost_session') as { value: string; httpOnly?: boolean; sameSite?: string; path?: string; secure?: boolean };
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie.secure).toBeFalsy(); // PUBLIC_URL is http here; see the https case below
    const stored = await store.db.selectFrom('sessions').select('id').execute();
    expect(stored.map((s) => s.id)).not.toContain(cookie.value);
    const session = { cookie: `waypost_session=${cookie.value}`, csrf: '' };
    session.csrf = /name="_csrf" value="([^"]+)"/.exec((await consoleGet(app, session, '/console')).body)![1]!;
    const out = await consolePost(app, session, '/console/sign-out');
    expect(out.headers.location).toBe('/console/sign-in?done=signed-out');
    expect((await consoleGet(app, session, '/console')).statusCode).toBe(303);
    expect((await audit('sign-in')).some((e) => e.subject === 'crisis@example.org')).toBe(true);
    expect((await audit('sign-out')).some((e) => e.subject === 'crisis@example.org')).toBe(true);

    const https = await buildApp({ store, config: { publicUrl: 'https://advice.example.org' } });
    try {
      const secure = await consoleSignInAttempt(https, 'crisis@example.org');
      expect(secure.cookies.find((c: { name: string }) => c.name === 'waypost_session')).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax' });
    } finally {
      await https.close();
    }
  });

  it(`rate-limits failed sign-ins: after ${FAILURE_LIMIT} failures from one address and IP, 429 even with the right password`, async () => {
    const ip = '198.51.100.7';
    for (let i = 0; i < FAILURE_LIMIT; i++) {
      const failed = await consoleSignInAttempt(app, 'reviewer2@example.org', { password: `wrong ${i}`, ip });
      expect(failed.statusCode).toBe(401);
      expect(failed.body).toContain('do not match');
    }
    const blocked = await consoleSignInAttempt(app, 'reviewer2@example.org', { ip });
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(blocked.cookies.find((c: { name: string }) => c.name === 'waypost_session')).toBeUndefined();
    // Another IP address is not blocked.
    expect((await consoleSignInAttempt(app, 'reviewer2@example.org', { ip: '203.0.113.9' })).statusCode).toBe(303);
    const failures = (await audit('sign-in-failed')).filter((e) => e.subject === 'reviewer2@example.org');
    expect(failures).toHaveLength(FAILURE_LIMIT + 1);
    expect(JSON.parse(failures[0]!.detail)).toEqual({ ip, reason: 'wrong password' });
    expect(JSON.parse(failures.at(-1)!.detail)).toMatchObject({ ip, reason: 'too many failed attempts', attempts: 1 });
    // Unknown addresses fail the same way, and are audited too, without what was typed (test/integration/sign-in-limits.test.ts).
    const unknown = await consoleSignInAttempt(app, 'nobody@example.org', { ip });
    expect(unknown.statusCode).toBe(401);
    expect((await audit('sign-in-failed')).at(-1)).toMatchObject({ subject: UNKNOWN_ACCOUNT, actor_id: null });
  });

  it('a disabled account cannot sign in or use its tokens', async () => {
    const admin = sessions.get('admin')!;
    expect((await consolePost(app, admin, `/console/users/${team.editor2.user.id}`, { role: 'editor', disabled: 'yes' })).statusCode).toBe(303);
    expect((await call('GET', '/api/v1/drafts', team.editor2.token)).statusCode).toBe(401);
    expect((await consoleSignInAttempt(app, 'editor2@example.org', { ip: '192.0.2.50' })).statusCode).toBe(401);
    expect((await consolePost(app, admin, `/console/users/${team.admin.user.id}`, { role: 'editor' })).statusCode).toBe(409);
    await consolePost(app, admin, `/console/users/${team.editor2.user.id}`, { role: 'editor' });
    expect((await call('GET', '/api/v1/drafts', team.editor2.token)).statusCode).toBe(200);
  });
});
