import { randomBytes } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.ts';
import { EnrolmentError, enrolmentSettings, type EnrolmentContext, type EnrolmentSettings } from '../../enrolment/context.ts';
import { findSession, type TravellerSession } from '../../enrolment/travellers.ts';
import { createMailTransport, type MailTransport } from '../../mail/transport.ts';
import type { SmsProvider } from '../../notify/channels/sms-provider.ts';
import { sameToken } from '../../staff/sessions.ts';
import type { Store } from '../../store/connect.ts';
import { first, formOf, registerFormParsing, registerMultipart } from '../forms.ts';
import { html } from '../html.ts';
import { sendProblem } from '../problem.ts';
import { page, redirect } from '../replies.ts';
import { channelRoutes } from './channels.ts';
import { departureRoutes } from './departures.ts';
import { accountData } from './data.ts';
import { accountHome, homeRoutes } from './home.ts';
import { enrolmentErrorText } from './errors.ts';
import { ACCOUNT_CSS, ACCOUNT_CSS_PATH, PLACES_JS, PLACES_JS_PATH, keepAccountBrand, messagePage, readerOf } from './layout.ts';
import { invitationRoutes } from './invitations.ts';
import { organisationRoutes } from './organisations.ts';
import { organisationMessageRoutes } from './organisation-messages.ts';
import { privacyRoutes } from './privacy.ts';
import { TRAVELLER_COOKIE, wantsJson, type AccountScope, type Action } from './scope.ts';
import { resultPath, sectionOfForm, sectionPage, sectionRoutes } from './sections.ts';
import { signInRoutes } from './sign-in.ts';
import { onlyUrgentRoute, subscriptionRoutes } from './subscriptions.ts';
import { peerChangesRoutes } from './peer-changes.ts';
import { tripDraft, tripRoutes } from './trips.ts';

/**
 * The traveller pages under /account, and the signed links of every message (/preferences,
 * /unsubscribe). This plugin owns what they share (cookies and forms, the token-redacting log,
 * security headers, the session and CSRF check, form actions); each resource is a plugin of its
 * own inside it.
 */

export interface AccountRouteOptions {
  /** Injectable clock (tests). */
  now?: () => Date;
  /** Used as given (by reference), so tests can change it between requests. Default: from the environment. */
  settings?: EnrolmentSettings;
  mail?: MailTransport;
  /** Texts SMS verification codes (src/sms/); unset: numbers are kept unverified. */
  sms?: SmsProvider;
  /** Sign-in requests one client may make per minute (default 20); 0 turns the limit off (tests). */
  signInsPerMinute?: number;
}

/** Query strings and paths that carry tokens are never written to the log. */
function redactUrl(url: string): string {
  return url.replace(/(\/account\/link\/)[^/?#]+/, '$1[redacted]').replace(/([?&]token=)[^&#]*/g, '$1[redacted]');
}

export function accountRoutes(store: Store, config: Pick<Config, 'publicUrl'> & Partial<Pick<Config, 'secret' | 'smtpUrl'>>, options: AccountRouteOptions = {}) {
  return async function register(app: FastifyInstance): Promise<void> {
    const mail = options.mail ?? createMailTransport(config.smtpUrl, store.db);
    if (!options.mail) app.addHook('onClose', async () => mail.close());
    const ctx: EnrolmentContext = {
      db: store.db,
      // Callers that build the app without a secret (some API tests) get one for this process only.
      config: { publicUrl: config.publicUrl, secret: config.secret ?? randomBytes(32).toString('base64url') },
      mail,
      ...(options.sms ? { sms: options.sms } : {}),
      now: options.now ?? (() => new Date()),
      settings: options.settings ?? enrolmentSettings(),
    };
    const publicUrl = config.publicUrl;

    await registerFormParsing(app, { bodyLimit: 256 * 1024 });
    // Per-client limits on the routes that send mail or take links (beside the per-address limit).
    if (!app.hasDecorator('rateLimit')) await app.register(rateLimit, { global: false });
    // CSV uploads, and RFC 8058 allows one-click unsubscribe as multipart too.
    registerMultipart(app, { bodyLimit: 25 * 1024 * 1024 });

    // The CSV may also be sent as the raw body (text/csv) by scripts.
    app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: 25 * 1024 * 1024 }, (_request, body, done) => done(null, body));

    // Tokens travel in paths and query strings here: the request log gets them redacted.
    app.addHook('onRoute', (route) => {
      route.logSerializers = {
        ...route.logSerializers,
        req: (req: { method?: string; url?: string; ip?: string; hostname?: string }) => ({ method: req.method, url: redactUrl(req.url ?? ''), hostname: req.hostname, remoteAddress: req.ip }),
      };
    });
    app.addHook('onRequest', keepAccountBrand(store.db, publicUrl));
    app.addHook('onRequest', async (_request, reply) => {
      reply.header('cache-control', 'private, no-store');
      // Token-bearing URLs must not leak through Referer to links on the page.
      reply.header('referrer-policy', 'no-referrer');
      reply.header('x-frame-options', 'DENY');
      reply.header('content-security-policy', "frame-ancestors 'none'");
    });

    async function requireSession(request: FastifyRequest, reply: FastifyReply): Promise<TravellerSession | null> {
      const session = await findSession(ctx, request.cookies[TRAVELLER_COOKIE]);
      if (!session) {
        if (wantsJson(request)) sendProblem(reply, 401, 'Sign in first: ask for a link at /account/sign-in.');
        else redirect(reply, '/account/sign-in');
        return null;
      }
      if (request.method === 'POST' && !String(request.headers['content-type'] ?? '').startsWith('application/json')) {
        if (!sameToken(first(formOf(request)._csrf), session.csrfToken)) {
          if (wantsJson(request)) sendProblem(reply, 403, 'The form is out of date (missing or wrong CSRF token). Reload the page and try again.');
          else {
            const reader = readerOf(request);
            const { tr } = reader;
            page(reply, messagePage(publicUrl, tr.t('account.tryAgainTitle'), [tr.t('account.formOutOfDate')], html`<p><a class="btn" href="/account">${tr.t('account.backToAccount')}</a></p>`, reader), 403);
          }
          return null;
        }
      }
      return session;
    }

    function action(run: Action) {
      return async (request: FastifyRequest, reply: FastifyReply) => {
        const session = await requireSession(request, reply);
        if (!session) return reply;
        try {
          const result = await run(session, formOf(request), request);
          if (wantsJson(request)) return reply.code(result.status ?? 200).send(result.json ?? { status: 'ok' });
          return redirect(reply, result.to ?? `${resultPath(result.anchor)}?done=${result.notice}${result.anchor ? `#${result.anchor}` : ''}`);
        } catch (error) {
          if (!(error instanceof EnrolmentError)) throw error;
          if (wantsJson(request)) return sendProblem(reply, error.status, error.message);
          const data = await accountData(ctx, session, request);
          if (!data) return redirect(reply, '/account/sign-in');
          // A refused trip keeps what was typed, so the traveller corrects it rather than starts again.
          const draft = request.url === '/account/trips' ? tripDraft(formOf(request)) : undefined;
          const section = sectionOfForm(request.url);
          const problem = enrolmentErrorText(data.reader.tr, error);
          return page(reply, section ? sectionPage(publicUrl, section, data, { problem }) : accountHome(publicUrl, data, { problem, draft }), error.status);
        }
      };
    }

    const scope: AccountScope = {
      store, ctx, publicUrl, secureCookie: publicUrl.startsWith('https:'), signInsPerMinute: options.signInsPerMinute ?? 20, requireSession, action,
    };

    app.get(ACCOUNT_CSS_PATH, { schema: { hide: true } }, async (_request, reply) =>
      reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=31536000, immutable').send(ACCOUNT_CSS));
    app.get(PLACES_JS_PATH, { schema: { hide: true } }, async (_request, reply) =>
      reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=31536000, immutable').send(PLACES_JS));

    for (const resource of [signInRoutes, homeRoutes, sectionRoutes, tripRoutes, subscriptionRoutes, onlyUrgentRoute, peerChangesRoutes, channelRoutes, organisationRoutes, organisationMessageRoutes, invitationRoutes, privacyRoutes, departureRoutes]) {
      await app.register(resource, scope);
    }
  };
}
