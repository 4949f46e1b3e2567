import type { FastifyInstance } from 'fastify';
import type { EditorialContext } from '../../publishing/context.ts';
import { staffAuth } from '../../staff/guard.ts';
import type { Store } from '../../store/connect.ts';
import { registerFormParsing } from '../forms.ts';
import { redirect } from '../replies.ts';
import { alertRoutes } from './alerts/index.ts';
import { auditRoutes } from './audit.ts';
import { caseRoutes } from './cases/index.ts';
import { crisisRoutes } from './crises.ts';
import { departureRoutes } from './departures.ts';
import { dashboardRoutes } from './dashboard.ts';
import { destinationRoutes } from './destinations.ts';
import { draftRoutes } from './drafts.ts';
import { editorRoutes } from './editor.ts';
import { CONSOLE_CSS, CONSOLE_CSS_PATH } from './layout.ts';
import { notificationRoutes } from './notifications.ts';
import { organisationRoutes } from './organisations.ts';
import { notAllowed, type ConsoleConfig, type ConsoleScope } from './scope.ts';
import { identitySettingsRoutes } from './identity.ts';
import { settingsRoutes } from './settings.ts';
import { signInRoutes } from './sign-in.ts';
import { sourceRoutes } from './sources.ts';
import { tokenRoutes } from './tokens.ts';
import { userRoutes } from './users.ts';

/**
 * The staff console under /console: server-rendered pages and plain HTML forms (no JavaScript),
 * signed in with a session cookie, a CSRF token on every form. Every rule is the publishing
 * service's, the same the staff API uses. This plugin owns what all its pages share (cookies and
 * forms, security headers, sign-in guards); each resource is a plugin of its own inside it.
 */

const CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export interface ConsoleOptions {
  now?: () => Date;
}

export function consoleRoutes(store: Store, config: ConsoleConfig, options: ConsoleOptions = {}) {
  return async function register(app: FastifyInstance): Promise<void> {
    const now = options.now ?? (() => new Date());
    const ctx: EditorialContext = { db: store.db, now };

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
      forbidden: notAllowed,
    });
    const guards = {
      any: auth.requireStaff(),
      read: auth.requirePermission('read'),
      edit: auth.requirePermission('edit'),
      review: auth.requirePermission('review'),
      alert: auth.requirePermission('alert'),
      admin: auth.requirePermission('administer'),
    };
    const scope: ConsoleScope = { store, config, now, ctx, auth, guards };

    app.get(CONSOLE_CSS_PATH, { schema: { hide: true } }, async (_request, reply) =>
      reply.header('cache-control', 'public, max-age=31536000, immutable').type('text/css; charset=utf-8').send(CONSOLE_CSS));

    for (const resource of [
      signInRoutes, dashboardRoutes, destinationRoutes, draftRoutes, editorRoutes, alertRoutes, notificationRoutes, auditRoutes, tokenRoutes,
      userRoutes, settingsRoutes, identitySettingsRoutes, organisationRoutes, sourceRoutes, crisisRoutes, departureRoutes, caseRoutes,
    ]) {
      await app.register(resource, scope);
    }
  };
}
