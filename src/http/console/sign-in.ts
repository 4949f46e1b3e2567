import type { FastifyInstance } from 'fastify';
import { recordAudit } from '../../publishing/audit.ts';
import { endSession, randomToken, sameToken, SESSION_COOKIE, SESSION_HOURS } from '../../staff/sessions.ts';
import { signIn } from '../../staff/sign-in.ts';
import { translator, type Translator } from '../../i18n/translator.ts';
import { formOf, formText } from '../forms.ts';
import { html } from '../html.ts';
import { message } from '../html-messages.ts';
import { page, redirect } from '../replies.ts';
import { crossSiteRefusal } from '../same-site.ts';
import { adminRefusalText } from './admin-refusals.ts';
import { consolePage, csrfField, notice } from './layout.ts';
import { noticeOf, staffOf, type ConsoleScope } from './scope.ts';

/** Signing in to the console with an e-mail address and password, and out again. */

/** The pre-session cookie that protects the sign-in form itself (double submit). */
const SIGN_IN_COOKIE = 'waypost_sign_in';

export async function signInRoutes(app: FastifyInstance, { store, config, now, auth, guards: { any } }: ConsoleScope): Promise<void> {
  const secure = config.publicUrl.startsWith('https:');
  const safeNext = (next: unknown) => (typeof next === 'string' && /^\/console(?:[/?][^\s\\]*)?$/.test(next) && !next.startsWith('//') ? next : '/console');

  app.get('/console/sign-in', { schema: { hide: true } }, async (request, reply) => {
    if (await auth.authenticate(request)) return redirect(reply, '/console');
    const token = randomToken(24);
    reply.setCookie(SIGN_IN_COOKIE, token, { path: '/console/sign-in', httpOnly: true, sameSite: 'lax', secure, maxAge: 3600 });
    return page(reply, signInPage(translator(request.locale), request.url, { csrf: token, next: safeNext((request.query as { next?: unknown }).next), notice: noticeOf(request) }));
  });

  app.post('/console/sign-in', { schema: { hide: true } }, async (request, reply) => {
    const body = formOf(request);
    const expected = request.cookies[SIGN_IN_COOKIE] ?? '';
    const fresh = randomToken(24);
    reply.setCookie(SIGN_IN_COOKIE, fresh, { path: '/console/sign-in', httpOnly: true, sameSite: 'lax', secure, maxAge: 3600 });
    const email = formText(body.email);
    const next = safeNext(formText(body.next));
    // No viewer before signing in: the page speaks the request's language (?lang=, cookie, Accept-Language).
    const tr = translator(request.locale);
    const again = (error: string) => signInPage(tr, request.url, { csrf: fresh, email, next, error });
    // Login CSRF: the browser's word that the form came from another site is enough to refuse (src/http/same-site.ts),
    // and the pre-session cookie must match the form's token (another site can neither read nor set it).
    if (crossSiteRefusal(request, config.publicUrl) || !sameToken(formText(body._csrf), expected)) {
      return page(reply, again(tr.t('consoleAdmin.signIn.expired')), 403);
    }
    const result = await signIn(store.db, { email, password: formText(body.password), ip: request.ip }, now());
    if (!result.ok) {
      if (result.retryAfterSeconds) reply.header('retry-after', String(result.retryAfterSeconds));
      return page(reply, again(adminRefusalText(tr, result.message)), result.status);
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
}

function signInPage(tr: Translator, path: string, options: { email?: string; error?: string; csrf: string; next?: string; notice?: string }): string {
  return consolePage({
    title: tr.t('consoleAdmin.signIn.title'),
    user: null,
    tr,
    path,
    main: html`<div class="sign-in">
<div class="card">
<h1>${tr.t('consoleAdmin.signIn.heading')}</h1>
${notice(options.notice)}
${options.error ? html`<div class="problem" role="alert"><p>${options.error}</p></div>` : ''}
<form method="post" action="/console/sign-in" novalidate>
${csrfField(options.csrf)}
${options.next ? html`<input type="hidden" name="next" value="${options.next}">` : ''}
<div class="field"><label for="email">${tr.t('consoleAdmin.signIn.email')}</label><input id="email" name="email" type="email" autocomplete="username" value="${options.email ?? ''}" required></div>
<div class="field"><label for="password">${tr.t('consoleAdmin.signIn.password')}</label><input id="password" name="password" type="password" autocomplete="current-password" required></div>
<button type="submit">${tr.t('consoleAdmin.signIn.title')}</button>
</form>
</div>
<p class="small muted">${message(tr, 'consoleAdmin.signIn.accounts', { command: html`<code>waypost users add</code>` })}</p>
</div>`,
  });
}
