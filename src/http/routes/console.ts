import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.ts';
import { DESTINATIONS, findByCode, normaliseName } from '../../domain/destinations.ts';
import { sideBySide } from '../../domain/diff.ts';
import { allowedActions, can, decide, pickContent, sameContent, type DraftFields } from '../../domain/workflow.ts';
import { AUDIT_ACTIONS, recordAudit, searchAudit, type AuditFilter } from '../../publishing/audit.ts';
import { reviewCalendar } from '../../publishing/calendar.ts';
import { EditorialError, type EditorialContext } from '../../publishing/context.ts';
import { draftFields, type Draft } from '../../publishing/draft-record.ts';
import {
  approveDraft, createDraft, draftsOf, findDraft, listOpenDrafts, mergePatch, publishDraft, returnDraft, submitDraft, updateDraft,
} from '../../publishing/drafts.ts';
import { reissueAdvisory } from '../../publishing/publish.ts';
import { currentAdvisories, currentAdvisory, findRevision, revisionHistory } from '../../publishing/revisions.ts';
import { setTwoPersonRule, workflowSettings } from '../../publishing/settings.ts';
import { staffAuth, type StaffPrincipal } from '../../staff/guard.ts';
import { endSession, randomToken, sameToken, SESSION_COOKIE, SESSION_HOURS } from '../../staff/sessions.ts';
import { signIn } from '../../staff/sign-in.ts';
import { createToken, listTokens, revokeToken } from '../../staff/tokens.ts';
import { addUser, listUsers, userLabels, updateUser } from '../../staff/users.ts';
import type { Store } from '../../store/connect.ts';
import { comparableFromModel, modelFromDraft, modelFromForm, patchFromModel, readOp } from '../console/form.ts';
import { CONSOLE_CSS, CONSOLE_CSS_PATH } from '../console/layout.ts';
import * as pages from '../console/pages.ts';
import { formOf, formText, registerFormParsing } from '../forms.ts';
import { idParam, page, redirect } from '../replies.ts';
import { registerAlertConsole } from './console-alerts.ts';
import { registerNotificationConsole } from './console-notifications.ts';

/**
 * The staff console under /console: server-rendered pages and plain HTML forms (no JavaScript),
 * signed in with a session cookie, a CSRF token on every form. Every rule is the publishing
 * service's, the same the staff API uses.
 */

/** The pre-session cookie that protects the sign-in form itself (double submit). */
const SIGN_IN_COOKIE = 'waypost_sign_in';

const NOTICES: Record<string, string> = {
  saved: 'Draft saved.',
  created: 'Draft started from the current revision. Make your changes, then submit it for review.',
  submitted: 'Submitted for review. A reviewer will approve it or return it with a comment.',
  approved: 'Approved. It can now be published, now or at a set time.',
  returned: 'Returned to draft with your comment.',
  published: 'Published. The public pages and API show the new revision.',
  scheduled: 'Scheduled. It will be published at the set time.',
  reissued: 'Reissued after review: a new revision with the same content and a new review date.',
  revoked: 'Token revoked: it no longer works.',
  'user-saved': 'Account saved.',
  settings: 'Settings saved.',
  'signed-out': 'You are signed out.',
};

const CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export interface ConsoleOptions {
  now?: () => Date;
}

export function consoleRoutes(store: Store, config: Pick<Config, 'publicUrl'> & Partial<Pick<Config, 'smtpUrl'>>, options: ConsoleOptions = {}) {
  return async function register(app: FastifyInstance): Promise<void> {
    const now = options.now ?? (() => new Date());
    const ctx: EditorialContext = { db: store.db, now };
    const secure = config.publicUrl.startsWith('https:');

    await registerFormParsing(app, { bodyLimit: 2 * 1024 * 1024 });

    app.addHook('onRequest', async (request, reply) => {
      if (!request.url.startsWith('/console')) return;
      if (request.url.startsWith('/console/assets/')) return;
      reply.header('cache-control', 'private, no-store');
      reply.header('x-frame-options', 'DENY');
      reply.header('x-content-type-options', 'nosniff');
      reply.header('referrer-policy', 'same-origin');
      reply.header('content-security-policy', CSP);
    });

    const auth = staffAuth(app, {
      db: store.db,
      now,
      unauthenticated: (request, reply) => {
        const next = request.method === 'GET' ? `?next=${encodeURIComponent(request.url)}` : '';
        return redirect(reply, `/console/sign-in${next}`);
      },
      forbidden: (request, reply, message) =>
        page(reply, pages.messagePage(request.staff?.user ?? null, request.staff?.csrfToken, 'Not allowed', message, { href: '/console', label: 'Back to the dashboard' }), 403),
    });
    const any = auth.requireStaff();
    const read = auth.requirePermission('read');
    const edit = auth.requirePermission('edit');
    const review = auth.requirePermission('review');
    const admin = auth.requirePermission('administer');

    const staffOf = (request: FastifyRequest): StaffPrincipal => request.staff!;
    const viewerOf = (request: FastifyRequest): pages.Viewer => ({ user: staffOf(request).user, csrf: staffOf(request).csrfToken ?? '' });
    const noticeOf = (request: FastifyRequest): string | undefined => NOTICES[String((request.query as Record<string, unknown>).done ?? '')];
    const notFound = (request: FastifyRequest, reply: FastifyReply, message: string) =>
      page(reply, pages.messagePage(request.staff?.user ?? null, request.staff?.csrfToken, 'Not found', message, { href: '/console', label: 'Back to the dashboard' }), 404);

    app.get(CONSOLE_CSS_PATH, { schema: { hide: true } }, async (_request, reply) =>
      reply.header('cache-control', 'public, max-age=31536000, immutable').type('text/css; charset=utf-8').send(CONSOLE_CSS));

    // ---- Sign in and out ----

    const safeNext = (next: unknown) => (typeof next === 'string' && /^\/console(?:[/?][^\s\\]*)?$/.test(next) && !next.startsWith('//') ? next : '/console');

    app.get('/console/sign-in', { schema: { hide: true } }, async (request, reply) => {
      if (await auth.authenticate(request)) return redirect(reply, '/console');
      const token = randomToken(24);
      reply.setCookie(SIGN_IN_COOKIE, token, { path: '/console/sign-in', httpOnly: true, sameSite: 'lax', secure, maxAge: 3600 });
      const query = request.query as Record<string, string | undefined>;
      return page(reply, pages.signInPage({ csrf: token, next: safeNext(query.next), notice: NOTICES[query.done ?? ''] }));
    });

    app.post('/console/sign-in', { schema: { hide: true } }, async (request, reply) => {
      const body = formOf(request);
      const expected = request.cookies[SIGN_IN_COOKIE] ?? '';
      const fresh = randomToken(24);
      reply.setCookie(SIGN_IN_COOKIE, fresh, { path: '/console/sign-in', httpOnly: true, sameSite: 'lax', secure, maxAge: 3600 });
      const email = formText(body.email);
      const next = safeNext(formText(body.next));
      if (!sameToken(formText(body._csrf), expected)) {
        return page(reply, pages.signInPage({ csrf: fresh, email, next, error: 'The sign-in form had expired or did not come from this site. Please sign in again.' }), 403);
      }
      const result = await signIn(store.db, { email, password: formText(body.password), ip: request.ip }, now());
      if (!result.ok) {
        if (result.retryAfterSeconds) reply.header('retry-after', String(result.retryAfterSeconds));
        return page(reply, pages.signInPage({ csrf: fresh, email, next, error: result.message }), result.status);
      }
      reply.clearCookie(SIGN_IN_COOKIE, { path: '/console/sign-in' });
      reply.setCookie(SESSION_COOKIE, result.cookie, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: SESSION_HOURS * 3600 });
      return redirect(reply, next);
    });

    app.post('/console/sign-out', { preValidation: any, schema: { hide: true } }, async (request, reply) => {
      const staff = staffOf(request);
      if (staff.sessionId) await endSession(store.db, staff.sessionId);
      await recordAudit(store.db, { actor: staff.actor, action: 'sign-out', subject: staff.user.email, at: now(), detail: { ip: request.ip } });
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return redirect(reply, '/console/sign-in?done=signed-out');
    });

    // ---- Dashboard, calendar, destinations ----

    app.get('/console', { preValidation: read, schema: { hide: true } }, async (request, reply) => {
      const drafts = await listOpenDrafts(ctx);
      const [calendar, labels] = await Promise.all([reviewCalendar(ctx, { limit: 12 }), userLabels(store.db, drafts.flatMap((d) => [d.authorId, d.updatedBy]))]);
      return page(reply, pages.dashboardPage(viewerOf(request), { drafts, calendar, labels, notice: noticeOf(request) }));
    });

    app.get('/console/calendar', { preValidation: read, schema: { hide: true } }, async (request, reply) => {
      const raw = Number((request.query as Record<string, string>).days ?? 30);
      const days = Number.isInteger(raw) && raw >= 0 && raw <= 366 ? raw : 30;
      return page(reply, pages.calendarPage(viewerOf(request), await reviewCalendar(ctx, { horizonDays: days }), days));
    });

    app.get('/console/destinations', { preValidation: read, schema: { hide: true } }, async (request, reply) => {
      const q = String((request.query as Record<string, unknown>).q ?? '').slice(0, 100).trim();
      const key = normaliseName(q);
      const current = new Map((await currentAdvisories(store.db)).map((a) => [a.code, a]));
      const open = new Map((await listOpenDrafts(ctx)).map((d) => [d.code, { id: d.id, status: d.status }]));
      const rows: pages.DestinationRow[] = DESTINATIONS
        .filter((d) => (q ? d.code === q.toUpperCase() || d.iso3 === q.toUpperCase() || normaliseName(d.name).includes(key) || d.aliases.some((a) => normaliseName(a).includes(key)) : current.has(d.code) || open.has(d.code)))
        .map((d) => {
          const advisory = current.get(d.code);
          return { code: d.code, name: d.name, level: advisory?.level ?? null, publishedAt: advisory?.publishedAt ?? null, nextReviewDue: advisory?.nextReviewDue ?? null, draft: open.get(d.code) ?? null };
        });
      return page(reply, pages.destinationsPage(viewerOf(request), rows, q));
    });

    async function destinationView(request: FastifyRequest, code: string, extra: { notice?: string; errors?: pages.DestinationView['errors'] } = {}) {
      const destination = findByCode(code)!;
      const [current, history, drafts, audit] = await Promise.all([
        currentAdvisory(store.db, destination.code), revisionHistory(store.db, destination.code), draftsOf(ctx, destination.code),
        searchAudit(store.db, { destination: destination.code, limit: 20 }),
      ]);
      const labels = await userLabels(store.db, drafts.flatMap((d) => [d.authorId, d.approvedBy, d.publishedBy]));
      const role = staffOf(request).user.role;
      return pages.destinationPage(viewerOf(request), {
        destination, current, history, drafts, audit, labels, canEdit: can(role, 'edit'), canReview: can(role, 'review'), ...extra,
      });
    }

    app.get('/console/destinations/:code', { preValidation: read, schema: { hide: true } }, async (request, reply) => {
      const destination = findByCode((request.params as { code: string }).code);
      if (!destination) return notFound(request, reply, 'There is no destination with that code.');
      if (destination.code !== (request.params as { code: string }).code) return redirect(reply, `/console/destinations/${destination.code}`);
      return page(reply, await destinationView(request, destination.code, { notice: noticeOf(request) }));
    });

    app.get('/console/destinations/:code/compare', { preValidation: read, schema: { hide: true } }, async (request, reply) => {
      const destination = findByCode((request.params as { code: string }).code);
      if (!destination) return notFound(request, reply, 'There is no destination with that code.');
      const query = request.query as Record<string, string | undefined>;
      const number = (value: string | undefined) => (value && /^\d{1,7}$/.test(value) ? Number(value) : 0);
      const from = await findRevision(store.db, destination.code, number(query.from));
      const to = await findRevision(store.db, destination.code, number(query.to));
      if (!from || !to) return notFound(request, reply, `${destination.name} has no such revision.`);
      return page(reply, pages.compareRevisionsPage(viewerOf(request), destination, from, to, sideBySide(from, to)));
    });

    app.post('/console/destinations/:code/drafts', { preValidation: edit, schema: { hide: true } }, async (request, reply) => {
      const destination = findByCode((request.params as { code: string }).code);
      if (!destination) return notFound(request, reply, 'There is no destination with that code.');
      try {
        const draft = await createDraft(ctx, staffOf(request).actor, destination.code, {});
        return redirect(reply, `/console/drafts/${draft.id}/edit?done=created`);
      } catch (error) {
        if (!(error instanceof EditorialError)) throw error;
        return page(reply, await destinationView(request, destination.code, { errors: [{ field: '', message: error.message }] }), error.status);
      }
    });

    app.post('/console/destinations/:code/reissue', { preValidation: review, schema: { hide: true } }, async (request, reply) => {
      const destination = findByCode((request.params as { code: string }).code);
      if (!destination) return notFound(request, reply, 'There is no destination with that code.');
      try {
        await reissueAdvisory(ctx, staffOf(request).actor, destination.code, { nextReviewDue: formText(formOf(request).nextReviewDue) });
        return redirect(reply, `/console/destinations/${destination.code}?done=reissued`);
      } catch (error) {
        if (!(error instanceof EditorialError)) throw error;
        return page(reply, await destinationView(request, destination.code, { errors: error.errors ?? [{ field: '', message: error.message }] }), error.status);
      }
    });

    // ---- Drafts ----

    async function draftView(request: FastifyRequest, draft: Draft, extra: { notice?: string; errors?: pages.DraftView['errors'] } = {}): Promise<string> {
      const staff = staffOf(request);
      const settings = await workflowSettings(store.db);
      const state = { status: draft.status, authorId: draft.authorId, updatedBy: draft.updatedBy };
      const actor = { id: staff.user.id, role: staff.user.role };
      const actions = allowedActions(state, actor, settings);
      const approve = decide('approve', state, actor, settings);
      const labels = await userLabels(store.db, [draft.authorId, draft.updatedBy, draft.submittedBy, draft.approvedBy, draft.publishedBy]);
      const current = draft.status === 'published' ? undefined : await currentAdvisory(store.db, draft.code);
      // Warn when the published content moved on (an import, another publication) since the draft began; a reissue does not count.
      const base = current && draft.baseRevision !== null && current.revision > draft.baseRevision ? await findRevision(store.db, draft.code, draft.baseRevision) : undefined;
      const newer = current && base && !sameContent(current, base) ? current.revision : undefined;
      return pages.draftPage(viewerOf(request), {
        draft, labels, actions, twoPersonRule: settings.twoPersonRule, ...extra, ...(newer ? { newerRevision: newer } : {}),
        ...(!approve.ok && approve.status === 403 && draft.status === 'submitted' && can(staff.user.role, 'review') ? { approveBlocked: approve.reason } : {}),
      });
    }

    async function loadDraft(request: FastifyRequest, reply: FastifyReply): Promise<Draft | null> {
      const id = idParam(request);
      const draft = id === null ? undefined : await findDraft(ctx, id);
      if (!draft) {
        notFound(request, reply, 'There is no such draft.');
        return null;
      }
      return draft;
    }

    app.get('/console/drafts/:id', { preValidation: read, schema: { hide: true } }, async (request, reply) => {
      const draft = await loadDraft(request, reply);
      if (!draft) return reply;
      return page(reply, await draftView(request, draft, { notice: noticeOf(request) }));
    });

    app.get('/console/drafts/:id/diff', { preValidation: read, schema: { hide: true } }, async (request, reply) => {
      const draft = await loadDraft(request, reply);
      if (!draft) return reply;
      const current = await currentAdvisory(store.db, draft.code);
      // A published draft is compared with the revision before it.
      const base = draft.status === 'published' && draft.publishedRevision ? await findRevision(store.db, draft.code, draft.publishedRevision - 1) : current;
      const rows = sideBySide(base ?? null, draft);
      const editable = can(staffOf(request).user.role, 'edit') && (draft.status === 'draft' || draft.status === 'submitted');
      return page(reply, pages.draftDiffPage(viewerOf(request), draft, base, rows, editable));
    });

    app.get('/console/drafts/:id/edit', { preValidation: edit, schema: { hide: true } }, async (request, reply) => {
      const draft = await loadDraft(request, reply);
      if (!draft) return reply;
      if (draft.status !== 'draft' && draft.status !== 'submitted') return redirect(reply, `/console/drafts/${draft.id}`);
      return page(reply, pages.editorPage(viewerOf(request), { draft, model: modelFromDraft(draft), errors: [], notice: noticeOf(request) }));
    });

    app.post('/console/drafts/:id', { preValidation: edit, schema: { hide: true } }, async (request, reply) => {
      const draft = await loadDraft(request, reply);
      if (!draft) return reply;
      const body = formOf(request);
      const op = readOp(body);
      const model = modelFromForm(body, op);
      const viewer = viewerOf(request);
      if (op.kind === 'preview') {
        try {
          const fields: DraftFields = mergePatch(ctx, draft.code, draftFields(draft), patchFromModel(model));
          return page(reply, pages.editorPage(viewer, { draft, model, errors: [], preview: pickContent(fields) }));
        } catch (error) {
          if (!(error instanceof EditorialError)) throw error;
          return page(reply, pages.editorPage(viewer, { draft, model, errors: error.errors ?? [{ field: '', message: error.message }] }), 400);
        }
      }
      try {
        const saved = await updateDraft(ctx, staffOf(request).actor, draft.id, model.version, patchFromModel(model));
        return redirect(reply, `/console/drafts/${saved.id}/edit?done=saved${op.kind === 'move' ? '#sections' : ''}`);
      } catch (error) {
        if (!(error instanceof EditorialError)) throw error;
        if (error.status === 412) {
          // Someone saved meanwhile: show both versions, keep everything typed, and let them save over it knowingly.
          const latest = (await findDraft(ctx, draft.id))!;
          if (latest.status !== 'draft' && latest.status !== 'submitted') {
            return page(reply, await draftView(request, latest, { errors: [{ field: '', message: 'This draft changed state while you were editing (it is no longer editable). Your text is not saved: copy it before leaving this page.' }] }), 409);
          }
          const labels = await userLabels(store.db, [latest.updatedBy]);
          const rows = sideBySide({ ...draftFields(latest) }, comparableFromModel(model));
          return page(reply, pages.editorPage(viewer, {
            draft: latest, model: { ...model, version: latest.version }, errors: [],
            conflict: { rows, savedBy: labels.get(latest.updatedBy) ?? 'Someone' },
          }), 409);
        }
        if (error.status === 400) return page(reply, pages.editorPage(viewer, { draft, model, errors: error.errors ?? [{ field: '', message: error.message }] }), 400);
        return page(reply, await draftView(request, draft, { errors: [{ field: '', message: error.message }] }), error.status);
      }
    });

    /** The workflow buttons: each runs the service's transition and comes back to the draft. */
    function workflowRoute(path: string, guard: typeof edit, run: (request: FastifyRequest, draft: Draft, expected: number | null) => Promise<string>) {
      app.post(`/console/drafts/:id/${path}`, { preValidation: guard, schema: { hide: true } }, async (request, reply) => {
        const draft = await loadDraft(request, reply);
        if (!draft) return reply;
        const version = Number(formText(formOf(request).version));
        try {
          const done = await run(request, draft, Number.isInteger(version) && version > 0 ? version : null);
          return redirect(reply, `/console/drafts/${draft.id}?done=${done}`);
        } catch (error) {
          if (!(error instanceof EditorialError)) throw error;
          const latest = (await findDraft(ctx, draft.id)) ?? draft;
          const message = error.status === 412 ? 'This draft changed after you loaded the page; here it is as it is now. Check it, then try again.' : error.message;
          const errors = error.status === 400 && error.errors?.length ? error.errors : [{ field: '', message }];
          return page(reply, await draftView(request, latest, { errors }), error.status === 412 ? 409 : error.status);
        }
      });
    }

    workflowRoute('submit', edit, async (request, draft, expected) => {
      await submitDraft(ctx, staffOf(request).actor, draft.id, expected);
      return 'submitted';
    });
    workflowRoute('approve', review, async (request, draft, expected) => {
      await approveDraft(ctx, staffOf(request).actor, draft.id, expected);
      return 'approved';
    });
    workflowRoute('return', review, async (request, draft, expected) => {
      await returnDraft(ctx, staffOf(request).actor, draft.id, formText(formOf(request).comment), expected);
      return 'returned';
    });
    workflowRoute('publish', review, async (request, draft, expected) => {
      const body = formOf(request);
      if (formText(body.mode) === 'schedule') {
        // datetime-local gives "2026-05-01T09:00" without a zone: the form says UTC.
        const local = formText(body.publishAt).trim();
        const publishAt = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(local) ? `${local}${local.length === 16 ? ':00' : ''}Z` : local;
        if (!publishAt) throw new EditorialError(400, 'Choose when to publish.', [{ field: 'publishAt', message: 'choose a date and time (UTC)' }]);
        await publishDraft(ctx, staffOf(request).actor, draft.id, { publishAt, expected });
        return 'scheduled';
      }
      await publishDraft(ctx, staffOf(request).actor, draft.id, { expected });
      return 'published';
    });

    // ---- Alerts (src/http/routes/console-alerts.ts, docs/alerts.md) ----

    registerAlertConsole(app, { store, config, auth, now });
    registerNotificationConsole(app, { store, config, auth });

    // ---- Audit log ----

    app.get('/console/audit', { preValidation: read, schema: { hide: true } }, async (request, reply) => {
      const query = request.query as Record<string, string | undefined>;
      const date = (value: string | undefined) => (value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined);
      const filter: AuditFilter = {
        ...(query.q ? { q: query.q.slice(0, 200) } : {}),
        ...(query.action && (AUDIT_ACTIONS as readonly string[]).includes(query.action) ? { action: query.action } : {}),
        ...(query.destination && /^[A-Za-z]{2}$/.test(query.destination) ? { destination: query.destination.toUpperCase() } : {}),
        ...(date(query.from) ? { from: date(query.from) } : {}),
        ...(date(query.to) ? { to: date(query.to) } : {}),
        ...(query.before && /^\d{1,12}$/.test(query.before) ? { before: Number(query.before) } : {}),
        limit: 100,
      };
      const entries = await searchAudit(store.db, filter);
      const next = entries.length === 100 ? `/console/audit?${new URLSearchParams({ ...Object.fromEntries(Object.entries(filter).filter(([k, v]) => k !== 'limit' && k !== 'before' && v !== undefined).map(([k, v]) => [k, String(v)])), before: String(entries.at(-1)!.id) })}` : null;
      return page(reply, pages.auditPage(viewerOf(request), entries, filter, next));
    });

    // ---- Tokens ----

    async function tokensView(request: FastifyRequest, extra: { created?: { token: string; name: string }; notice?: string } = {}) {
      const staff = staffOf(request);
      const isAdmin = staff.user.role === 'admin';
      const tokens = await listTokens(store.db, isAdmin ? undefined : staff.user.id);
      return pages.tokensPage(viewerOf(request), tokens, { all: isAdmin, ...extra });
    }

    app.get('/console/tokens', { preValidation: any, schema: { hide: true } }, async (request, reply) =>
      page(reply, await tokensView(request, { notice: noticeOf(request) })));

    app.post('/console/tokens', { preValidation: any, schema: { hide: true } }, async (request, reply) => {
      const staff = staffOf(request);
      const name = formText(formOf(request).name).trim() || 'console token';
      const { token } = await createToken(store.db, staff.user, name, staff.actor, now());
      return page(reply, await tokensView(request, { created: { token, name: name.slice(0, 100) } }), 201);
    });

    app.post('/console/tokens/:id/revoke', { preValidation: any, schema: { hide: true } }, async (request, reply) => {
      const id = idParam(request);
      if (id === null) return notFound(request, reply, 'There is no such token.');
      try {
        await revokeToken(store.db, id, staffOf(request).actor, now());
      } catch (error) {
        if (error instanceof EditorialError) return notFound(request, reply, error.message);
        throw error;
      }
      return redirect(reply, '/console/tokens?done=revoked');
    });

    // ---- Staff accounts and settings (admins) ----

    app.get('/console/users', { preValidation: admin, schema: { hide: true } }, async (request, reply) =>
      page(reply, pages.usersPage(viewerOf(request), await listUsers(store.db), { notice: noticeOf(request) })));

    app.post('/console/users', { preValidation: admin, schema: { hide: true } }, async (request, reply) => {
      const body = formOf(request);
      const values = { email: formText(body.email), role: formText(body.role), name: formText(body.name) };
      try {
        const { user, password } = await addUser(store.db, values, staffOf(request).actor, now());
        return page(reply, pages.usersPage(viewerOf(request), await listUsers(store.db), { created: { email: user.email, password } }), 201);
      } catch (error) {
        if (!(error instanceof EditorialError)) throw error;
        return page(reply, pages.usersPage(viewerOf(request), await listUsers(store.db), { errors: error.errors ?? [{ field: '', message: error.message }], values }), error.status);
      }
    });

    app.post('/console/users/:id', { preValidation: admin, schema: { hide: true } }, async (request, reply) => {
      const body = formOf(request);
      const role = formText(body.role);
      const id = idParam(request);
      if (id === null) return notFound(request, reply, 'There is no such staff account.');
      try {
        await updateUser(store.db, id, { ...(role ? { role } : {}), disabled: formText(body.disabled) === 'yes' }, staffOf(request).actor, now());
      } catch (error) {
        if (!(error instanceof EditorialError)) throw error;
        return page(reply, pages.usersPage(viewerOf(request), await listUsers(store.db), { errors: [{ field: '', message: error.message }] }), error.status);
      }
      return redirect(reply, '/console/users?done=user-saved');
    });

    app.get('/console/settings', { preValidation: admin, schema: { hide: true } }, async (request, reply) =>
      page(reply, pages.settingsPage(viewerOf(request), await workflowSettings(store.db), noticeOf(request))));

    app.post('/console/settings', { preValidation: admin, schema: { hide: true } }, async (request, reply) => {
      const on = formText(formOf(request).twoPersonRule) === 'on';
      const before = await workflowSettings(store.db);
      if (before.twoPersonRule !== on) {
        await store.db.transaction().execute(async (trx) => {
          await setTwoPersonRule(trx, on);
          await recordAudit(trx, { actor: staffOf(request).actor, action: 'settings-changed', subject: 'two-person rule', at: now(), detail: { twoPersonRule: on } });
        });
      }
      return redirect(reply, '/console/settings?done=settings');
    });
  };
}
