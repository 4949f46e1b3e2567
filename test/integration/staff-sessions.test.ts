import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { FAILURE_LIMIT, UNKNOWN_ACCOUNT } from '../../src/staff/lockout.ts';
import { ENGINES } from '../helpers/databases.ts';
import { consoleGet, consolePost, consoleSignIn, consoleSignInAttempt } from '../helpers/editorial-setup.ts';
import { staffAuthSuite } from '../helpers/staff-auth-suite.ts';

// Staff credentials: API tokens, console sessions and their cookie, CSRF, failed sign-ins and
// disabled accounts. What each role may do is the matrix in staff-auth.test.ts.
describe.each(ENGINES)('staff authorisation on %s', (engine) => {
  const t = staffAuthSuite(engine);
  const { sessions, audit } = t;

  it('refuses bad, unknown and revoked tokens', async () => {
    expect((await t.call('GET', '/api/v1/drafts', 'wp_not-a-real-token')).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/drafts', headers: { authorization: 'Basic YTpi' } })).statusCode).toBe(401);
    // Created and revoked in the console: the token stops working at once.
    const session = sessions.get('editor')!;
    const created = await consolePost(t.app, session, '/console/tokens', { name: 'to revoke' });
    expect(created.statusCode).toBe(201);
    const token = /id="new-token">([^<]+)</.exec(created.body)![1]!;
    expect((await t.call('GET', '/api/v1/drafts', token)).statusCode).toBe(200);
    const row = await t.store.db.selectFrom('api_tokens').select(['id', 'token_hash']).where('name', '=', 'to revoke').executeTakeFirstOrThrow();
    expect(row.token_hash).not.toContain(token.slice(3, 20));
    // Another editor cannot revoke it; its owner can.
    expect((await consolePost(t.app, await consoleSignIn(t.app, 'editor2@example.org'), `/console/tokens/${row.id}/revoke`)).statusCode).toBe(404);
    expect((await t.call('GET', '/api/v1/drafts', token)).statusCode).toBe(200);
    expect((await consolePost(t.app, session, `/console/tokens/${row.id}/revoke`)).statusCode).toBe(303);
    const refused = await t.call('GET', '/api/v1/drafts', token);
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await audit('token-created')).some((e) => e.subject === `token ${row.id}`)).toBe(true);
    expect((await audit('token-revoked')).map((e) => e.subject)).toContain(`token ${row.id}`);
    // The tokens page never shows a token again.
    expect((await consoleGet(t.app, session, '/console/tokens')).body).not.toContain(token);
  });

  it('a console POST without the right CSRF token is refused with 403 and changes nothing', async () => {
    const session = sessions.get('editor')!;
    const before = await t.store.db.selectFrom('drafts').select(['id', 'version', 'summary']).orderBy('id').execute();
    const auditBefore = await t.store.db.selectFrom('audit_log').select('id').execute();
    for (const csrf of [false, 'wrong-token', sessions.get('reviewer')!.csrf]) {
      for (const [url, fields] of [
        ['/console/destinations/NL/drafts', {}],
        [`/console/drafts/${t.draftId}`, { version: '99', summary: 'CSRF!' }],
        [`/console/drafts/${t.draftId}/submit`, {}],
        ['/console/tokens', { name: 'csrf' }],
        ['/console/sign-out', {}],
      ] as const) {
        const response = await consolePost(t.app, session, url, fields, csrf);
        expect(response.statusCode, `${url} with ${String(csrf)}`).toBe(403);
        expect(response.body).toContain('CSRF');
      }
    }
    expect(await t.store.db.selectFrom('drafts').select(['id', 'version', 'summary']).orderBy('id').execute()).toEqual(before);
    expect(await t.store.db.selectFrom('audit_log').select('id').execute()).toEqual(auditBefore);
    // Still signed in: the forged sign-out did nothing.
    expect((await consoleGet(t.app, session, '/console')).statusCode).toBe(200);
    // The staff API used with a session cookie needs the token as a header.
    const cookieOnly = await t.app.inject({ method: 'POST', url: `/api/v1/drafts/${t.draftId}/submit`, headers: { cookie: session.cookie }, payload: {} });
    expect(cookieOnly.statusCode).toBe(403);
    const withHeader = await t.app.inject({ method: 'GET', url: `/api/v1/drafts/${t.draftId}`, headers: { cookie: session.cookie } });
    expect(withHeader.statusCode).toBe(200);
    // And the sign-in form has its own token.
    const forged = await t.app.inject({
      method: 'POST', url: '/console/sign-in', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'email=editor%40example.org&password=correct+horse+battery+staple',
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.cookies.find((c: { name: string }) => c.name === 'waypost_session')).toBeUndefined();
  });

  it('signs in with a secure, HTTP-only, SameSite session cookie, and out again (both audited)', async () => {
    const attempt = await consoleSignInAttempt(t.app, 'Crisis@Example.org');
    expect(attempt.statusCode).toBe(303);
    expect(attempt.headers.location).toBe('/console');
    const cookie = attempt.cookies.find((c: { name: string }) => c.name === 'waypost_session') as { value: string; httpOnly?: boolean; sameSite?: string; path?: string; secure?: boolean };
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie.secure).toBeFalsy(); // PUBLIC_URL is http here; see the https case below
    const stored = await t.store.db.selectFrom('sessions').select('id').execute();
    expect(stored.map((s) => s.id)).not.toContain(cookie.value);
    const session = { cookie: `waypost_session=${cookie.value}`, csrf: '' };
    session.csrf = /name="_csrf" value="([^"]+)"/.exec((await consoleGet(t.app, session, '/console')).body)![1]!;
    const out = await consolePost(t.app, session, '/console/sign-out');
    expect(out.headers.location).toBe('/console/sign-in?done=signed-out');
    expect((await consoleGet(t.app, session, '/console')).statusCode).toBe(303);
    expect((await audit('sign-in')).some((e) => e.subject === 'crisis@example.org')).toBe(true);
    expect((await audit('sign-out')).some((e) => e.subject === 'crisis@example.org')).toBe(true);

    const https = await buildApp({ store: t.store, config: { publicUrl: 'https://advice.example.org' } });
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
      const failed = await consoleSignInAttempt(t.app, 'reviewer2@example.org', { password: `wrong ${i}`, ip });
      expect(failed.statusCode).toBe(401);
      expect(failed.body).toContain('do not match');
    }
    const blocked = await consoleSignInAttempt(t.app, 'reviewer2@example.org', { ip });
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(blocked.cookies.find((c: { name: string }) => c.name === 'waypost_session')).toBeUndefined();
    // Another IP address is not blocked.
    expect((await consoleSignInAttempt(t.app, 'reviewer2@example.org', { ip: '203.0.113.9' })).statusCode).toBe(303);
    const failures = (await audit('sign-in-failed')).filter((e) => e.subject === 'reviewer2@example.org');
    expect(failures).toHaveLength(FAILURE_LIMIT + 1);
    expect(JSON.parse(failures[0]!.detail)).toEqual({ ip, reason: 'wrong password' });
    expect(JSON.parse(failures.at(-1)!.detail)).toMatchObject({ ip, reason: 'too many failed attempts', attempts: 1 });
    // Unknown addresses fail the same way, and are audited too, without what was typed (test/integration/sign-in-limits.test.ts).
    const unknown = await consoleSignInAttempt(t.app, 'nobody@example.org', { ip });
    expect(unknown.statusCode).toBe(401);
    expect((await audit('sign-in-failed')).at(-1)).toMatchObject({ subject: UNKNOWN_ACCOUNT, actor_id: null });
  });

  it('a disabled account cannot sign in or use its tokens', async () => {
    const admin = sessions.get('admin')!;
    expect((await consolePost(t.app, admin, `/console/users/${t.team.editor2.user.id}`, { role: 'editor', disabled: 'yes' })).statusCode).toBe(303);
    expect((await t.call('GET', '/api/v1/drafts', t.team.editor2.token)).statusCode).toBe(401);
    expect((await consoleSignInAttempt(t.app, 'editor2@example.org', { ip: '192.0.2.50' })).statusCode).toBe(401);
    expect((await consolePost(t.app, admin, `/console/users/${t.team.admin.user.id}`, { role: 'editor' })).statusCode).toBe(409);
    await consolePost(t.app, admin, `/console/users/${t.team.editor2.user.id}`, { role: 'editor' });
    expect((await t.call('GET', '/api/v1/drafts', t.team.editor2.token)).statusCode).toBe(200);
  });
});
