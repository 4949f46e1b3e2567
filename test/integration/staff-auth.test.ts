import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { ENGINES } from '../helpers/databases.ts';
import { consoleGet, consolePost, type FormFields } from '../helpers/editorial-setup.ts';
import { staffAuthSuite, type Who } from '../helpers/staff-auth-suite.ts';

// Who may do what, route by route; the two-person rule is in staff-two-person.test.ts, and
// tokens, CSRF, cookies and sign-in limits in staff-sessions.test.ts.
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
  const t = staffAuthSuite(engine);
  const { sessions, tokenOf } = t;

  const apiRoutes = (): Route[] => [
    { method: 'POST', path: '/api/v1/advisories/IT/drafts', rule: 'edit', body: {} },
    { method: 'GET', path: '/api/v1/drafts', rule: 'read' },
    { method: 'GET', path: `/api/v1/drafts/${t.draftId}`, rule: 'read' },
    { method: 'PATCH', path: `/api/v1/drafts/${t.draftId}`, rule: 'edit', body: { summary: 'Changed by the matrix.' } },
    { method: 'POST', path: `/api/v1/drafts/${t.draftId}/submit`, rule: 'edit', body: {} },
    { method: 'POST', path: `/api/v1/drafts/${t.draftId}/approve`, rule: 'review', body: {} },
    { method: 'POST', path: `/api/v1/drafts/${t.draftId}/return`, rule: 'review', body: { comment: 'from the matrix' } },
    { method: 'POST', path: `/api/v1/drafts/${t.draftId}/publish`, rule: 'review', body: {} },
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
    { method: 'GET', path: `/console/drafts/${t.draftId}`, rule: 'read' },
    { method: 'GET', path: `/console/drafts/${t.draftId}/diff`, rule: 'read' },
    { method: 'GET', path: `/console/drafts/${t.draftId}/edit`, rule: 'edit' },
    { method: 'POST', path: '/console/destinations/PT/drafts', rule: 'edit' },
    { method: 'POST', path: `/console/drafts/${t.draftId}`, rule: 'edit', body: { version: '0' } },
    { method: 'POST', path: `/console/drafts/${t.draftId}/submit`, rule: 'edit' },
    { method: 'POST', path: `/console/drafts/${t.draftId}/approve`, rule: 'review' },
    { method: 'POST', path: `/console/drafts/${t.draftId}/return`, rule: 'review', body: { comment: 'from the matrix' } },
    { method: 'POST', path: `/console/drafts/${t.draftId}/publish`, rule: 'review' },
    { method: 'GET', path: `/console/drafts/${t.draftId}/publish`, rule: 'review' },
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
        const response = await t.call(route.method, route.path, tokenOf(who), route.body, route.method === 'PATCH' ? { 'if-match': '*' } : {});
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
          ? await consoleGet(t.app, session, route.path)
          : await consolePost(t.app, session, route.path, (route.body ?? {}) as FormFields);
        expectOutcome(response, expected, `${who} ${route.method} ${route.path}`);
        if (expected === 403) expect(response.headers['content-type'], route.path).toMatch(/^text\/html/);
      }
    }
    const anonymous = await consoleGet(t.app, null, '/console/drafts/1/diff');
    expect(anonymous.headers.location).toBe('/console/sign-in?next=%2Fconsole%2Fdrafts%2F1%2Fdiff');
  });
});
