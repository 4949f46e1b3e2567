import type { FastifyInstance } from 'fastify';
import { EnrolmentError } from '../../enrolment/context.ts';
import { consumeSignInLink, createSession, endSession, requestSignInLink } from '../../enrolment/travellers.ts';
import { signToken, verifyToken } from '../../security/signed-links.ts';
import { first, formOf } from '../forms.ts';
import { html } from '../html.ts';
import { sendProblem } from '../problem.ts';
import { page, redirect } from '../replies.ts';
import { crossSiteRefusal, issuePreSession, preSessionValid, type PreSession } from '../same-site.ts';
import { message } from '../html-messages.ts';
import { enrolmentErrorText } from './errors.ts';
import { requestLocale } from '../locale.ts';
import { accountPage, flash, messagePage, readerOf, type Reader } from './layout.ts';
import { clearSessionCookie, hide, TRAVELLER_COOKIE, wantsJson, type AccountScope } from './scope.ts';
import { accountIdentity } from './layout.ts';

/**
 * Sign-up and sign-in by e-mail link (no password): the form, the single-use link that starts a
 * session, and signing out. The form carries a signed token instead of a session CSRF token.
 */

export async function signInRoutes(app: FastifyInstance, { ctx, publicUrl, secureCookie, signInsPerMinute: perMinute, requireSession }: AccountScope): Promise<void> {
  const formToken = () => signToken(ctx.config.secret, 'form', { f: 'sign-in' }, { now: ctx.now() });
  // The link's confirmation form starts a session: it must come from this site (src/http/same-site.ts).
  const linkForm: PreSession = { cookie: 'waypost_link', path: '/account/link', form: 'link', secret: ctx.config.secret, secure: secureCookie, now: ctx.now };
  // Per-client limits on the routes that send mail or take links (beside the per-address limit).
  const limited = (max: number) => (perMinute > 0 ? { ...hide, config: { rateLimit: { max, timeWindow: 60_000 } } } : hide);

  app.get('/account/sign-in', hide, async (request, reply) => page(reply, signInPage(publicUrl, readerOf(request), { formToken: formToken() })));

  app.post('/account/sign-in', limited(perMinute), async (request, reply) => {
    const body = formOf(request);
    const json = wantsJson(request);
    if (!json && !verifyToken(ctx.config.secret, 'form', first(body._form), { now: ctx.now() }).ok) {
      const reader = readerOf(request, null, '/account/sign-in');
      return page(reply, signInPage(publicUrl, reader, { formToken: formToken(), problem: reader.tr.t('account.signIn.expiredForm') }), 403);
    }
    try {
      // A new address has no language of its own yet: the mail is in the one this form was asked in.
      await requestSignInLink(ctx, first(body.email), requestLocale(request));
    } catch (error) {
      if (!(error instanceof EnrolmentError)) throw error;
      if (json) return sendProblem(reply, error.status, error.message);
      const reader = readerOf(request, null, '/account/sign-in');
      return page(reply, signInPage(publicUrl, reader, { formToken: formToken(), problem: enrolmentErrorText(reader.tr, error), email: (first(body.email) ?? '').slice(0, 254) }), error.status);
    }
    // The same answer whether or not the address is registered.
    if (json) return reply.code(202).send({ status: 'sent', detail: 'If the address can be used, a link is on its way to it.' });
    return redirect(reply, '/account/check-email');
  });

  app.get('/account/check-email', hide, async (request, reply) => page(reply, checkEmailPage(publicUrl, readerOf(request))));

  /** Why a link cannot be used (a tampered or expired one), checked without using it up; null for a good one. */
  const linkError = (token: string) => {
    const verified = verifyToken(ctx.config.secret, 'sign-in', token, { now: ctx.now() });
    if (verified.ok) return null;
    return verified.reason === 'expired' ? { status: 410, message: 'account.link.expired' as const } : { status: 400, message: 'account.link.invalid' as const };
  };

  // GET only shows a button: mail scanners that fetch links must not use up the single-use link.
  app.get<{ Params: { token: string } }>('/account/link/:token', hide, async (request, reply) => {
    const error = linkError(request.params.token);
    // The language menu must not repeat the single-use token in links: it leads to the sign-in form.
    const reader = readerOf(request, null, '/account/sign-in');
    if (error) return page(reply, signInPage(publicUrl, reader, { formToken: formToken(), problem: reader.tr.t('account.signIn.askAgain', { problem: reader.tr.t(error.message) }) }), error.status);
    return page(reply, linkLandingPage(publicUrl, { ...reader, here: request.url }, request.params.token, issuePreSession(reply, linkForm, request.params.token)));
  });

  app.post<{ Params: { token: string } }>('/account/link/:token', limited(perMinute + 10), async (request, reply) => {
    // Refused before the link is used up: the traveller can still open it from the e-mail. (A bad or
    // expired link needs no form: it goes on to be answered 400 or 410 below, and signs nobody in.)
    const token = request.params.token;
    const formFromHere = linkError(token) !== null || preSessionValid(request, formOf(request)._form, linkForm, token);
    const refusal = crossSiteRefusal(request, publicUrl) ?? (formFromHere ? null : 'the confirmation page had expired or was not this browser\'s');
    if (refusal) {
      if (wantsJson(request)) return sendProblem(reply, 403, `Not signed in: ${refusal}. Open the link from your e-mail again and confirm on the page it shows.`);
      const reader = readerOf(request, null, '/account/sign-in');
      return page(reply, messagePage(publicUrl, reader.tr.t('account.link.confirmAgainTitle'), [reader.tr.t('account.link.notSignedIn')], undefined, reader), 403);
    }
    try {
      const { travellerId, created } = await consumeSignInLink(ctx, request.params.token);
      const session = await createSession(ctx, travellerId);
      reply.header('set-cookie', `${TRAVELLER_COOKIE}=${session.cookie}; Path=/; HttpOnly; SameSite=Lax; Expires=${session.expires.toUTCString()}${secureCookie ? '; Secure' : ''}`);
      return redirect(reply, `/account?done=${created ? 'welcome' : 'signed'}`);
    } catch (error) {
      if (!(error instanceof EnrolmentError)) throw error;
      if (wantsJson(request)) return sendProblem(reply, error.status, error.message);
      const reader = readerOf(request, null, '/account/sign-in');
      return page(reply, signInPage(publicUrl, reader, { formToken: formToken(), problem: enrolmentErrorText(reader.tr, error) }), error.status);
    }
  });

  app.post('/account/sign-out', hide, async (request, reply) => {
    const session = await requireSession(request, reply);
    if (!session) return reply;
    await endSession(ctx, request.cookies[TRAVELLER_COOKIE]);
    clearSessionCookie(reply, secureCookie);
    const reader = readerOf(request, null, '/account/sign-in');
    const { tr } = reader;
    return page(reply, messagePage(publicUrl, tr.t('account.signedOut.title'), [tr.t('account.signedOut.text')], html`<p><a href="/account/sign-in">${tr.t('account.signedOut.again')}</a></p>`, reader));
  });
}

function signInPage(publicUrl: string, reader: Reader, options: { formToken: string; email?: string; problem?: string; notice?: string }): string {
  const { tr } = reader;
  return accountPage(publicUrl, tr.t('account.signIn.title'), html`
<div class="narrow">
<h1>${tr.t('account.signIn.heading', { authority: accountIdentity().authorityName })}</h1>
<p class="lede">${tr.t('account.signIn.lede')}</p>
${flash(options)}
<form class="card" method="post" action="/account/sign-in" novalidate>
<input type="hidden" name="_form" value="${options.formToken}">
<div class="field"><label for="email">${tr.t('account.signIn.email')}</label>
<input id="email" name="email" type="email" autocomplete="email" required maxlength="254" value="${options.email ?? ''}"${options.problem ? html` aria-invalid="true"` : ''}>
<p class="hint">${tr.t('account.signIn.hint')}</p></div>
<button type="submit">${tr.t('account.signIn.submit')}</button>
</form>
<p class="small">${tr.t('account.signIn.small')}</p>
</div>`, reader);
}

function checkEmailPage(publicUrl: string, reader: Reader): string {
  const { tr } = reader;
  return accountPage(publicUrl, tr.t('account.checkEmail.title'), html`
<div class="narrow">
<h1>${tr.t('account.checkEmail.title')}</h1>
<p class="lede">${tr.t('account.checkEmail.lede', { authority: accountIdentity().authorityName })}</p>
<div class="card"><p>${message(tr, 'account.checkEmail.within', { minutes: html`<strong>${tr.t('account.checkEmail.minutes')}</strong>` })}</p>
<p>${message(tr, 'account.checkEmail.nothing', { link: html`<a href="/account/sign-in">${tr.t('account.checkEmail.another')}</a>` })}</p></div>
</div>`, reader);
}

function linkLandingPage(publicUrl: string, reader: Reader, token: string, formToken: string): string {
  const { tr } = reader;
  return accountPage(publicUrl, tr.t('account.link.title'), html`
<div class="narrow">
<h1>${tr.t('account.link.title')}</h1>
<p class="lede">${tr.t('account.link.lede')}</p>
<form class="card" method="post" action="/account/link/${token}">
<input type="hidden" name="_form" value="${formToken}">
<button type="submit">${tr.t('account.link.title')}</button>
</form>
</div>`, reader);
}
