import type { FastifyInstance } from 'fastify';
import { EnrolmentError } from '../../enrolment/context.ts';
import { consumeSignInLink, createSession, endSession, requestSignInLink } from '../../enrolment/travellers.ts';
import { signToken, verifyToken } from '../../security/signed-links.ts';
import { first, formOf } from '../forms.ts';
import { html } from '../html.ts';
import { sendProblem } from '../problem.ts';
import { page, redirect } from '../replies.ts';
import { crossSiteRefusal, issuePreSession, preSessionValid, type PreSession } from '../same-site.ts';
import { accountPage, flash, messagePage } from './layout.ts';
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

  app.get('/account/sign-in', hide, async (_request, reply) => page(reply, signInPage(publicUrl, { formToken: formToken() })));

  app.post('/account/sign-in', limited(perMinute), async (request, reply) => {
    const body = formOf(request);
    const json = wantsJson(request);
    if (!json && !verifyToken(ctx.config.secret, 'form', first(body._form), { now: ctx.now() }).ok) {
      return page(reply, signInPage(publicUrl, { formToken: formToken(), problem: 'The form had expired. Please send it again.' }), 403);
    }
    try {
      await requestSignInLink(ctx, first(body.email));
    } catch (error) {
      if (!(error instanceof EnrolmentError)) throw error;
      if (json) return sendProblem(reply, error.status, error.message);
      return page(reply, signInPage(publicUrl, { formToken: formToken(), problem: error.message, email: (first(body.email) ?? '').slice(0, 254) }), error.status);
    }
    // The same answer whether or not the address is registered.
    if (json) return reply.code(202).send({ status: 'sent', detail: 'If the address can be used, a link is on its way to it.' });
    return redirect(reply, '/account/check-email');
  });

  app.get('/account/check-email', hide, async (_request, reply) => page(reply, checkEmailPage(publicUrl)));

  /** Why a link cannot be used (a tampered or expired one), checked without using it up; null for a good one. */
  const linkError = (token: string) => {
    const verified = verifyToken(ctx.config.secret, 'sign-in', token, { now: ctx.now() });
    if (verified.ok) return null;
    return verified.reason === 'expired' ? { status: 410, message: 'This link has expired: links work for 15 minutes.' } : { status: 400, message: 'This link is not valid.' };
  };

  // GET only shows a button: mail scanners that fetch links must not use up the single-use link.
  app.get<{ Params: { token: string } }>('/account/link/:token', hide, async (request, reply) => {
    const error = linkError(request.params.token);
    if (error) return page(reply, signInPage(publicUrl, { formToken: formToken(), problem: `${error.message} Ask for a new one below.` }), error.status);
    return page(reply, linkLandingPage(publicUrl, request.params.token, issuePreSession(reply, linkForm, request.params.token)));
  });

  app.post<{ Params: { token: string } }>('/account/link/:token', limited(perMinute + 10), async (request, reply) => {
    // Refused before the link is used up: the traveller can still open it from the e-mail. (A bad or
    // expired link needs no form: it goes on to be answered 400 or 410 below, and signs nobody in.)
    const token = request.params.token;
    const formFromHere = linkError(token) !== null || preSessionValid(request, formOf(request)._form, linkForm, token);
    const refusal = crossSiteRefusal(request, publicUrl) ?? (formFromHere ? null : 'the confirmation page had expired or was not this browser\'s');
    if (refusal) {
      const message = `Not signed in: ${refusal}. Open the link from your e-mail again and confirm on the page it shows.`;
      if (wantsJson(request)) return sendProblem(reply, 403, message);
      return page(reply, messagePage(publicUrl, 'Please confirm again', [message]), 403);
    }
    try {
      const { travellerId, created } = await consumeSignInLink(ctx, request.params.token);
      const session = await createSession(ctx, travellerId);
      reply.header('set-cookie', `${TRAVELLER_COOKIE}=${session.cookie}; Path=/; HttpOnly; SameSite=Lax; Expires=${session.expires.toUTCString()}${secureCookie ? '; Secure' : ''}`);
      return redirect(reply, `/account?done=${created ? 'welcome' : 'signed'}`);
    } catch (error) {
      if (!(error instanceof EnrolmentError)) throw error;
      if (wantsJson(request)) return sendProblem(reply, error.status, error.message);
      return page(reply, signInPage(publicUrl, { formToken: formToken(), problem: error.message }), error.status);
    }
  });

  app.post('/account/sign-out', hide, async (request, reply) => {
    const session = await requireSession(request, reply);
    if (!session) return reply;
    await endSession(ctx, request.cookies[TRAVELLER_COOKIE]);
    clearSessionCookie(reply, secureCookie);
    return page(reply, messagePage(publicUrl, 'Signed out', ['You are signed out.'], html`<p><a href="/account/sign-in">Sign in again</a></p>`));
  });
}

function signInPage(publicUrl: string, options: { formToken: string; email?: string; problem?: string; notice?: string }): string {
  return accountPage(publicUrl, 'Sign up or sign in', html`
<div class="narrow">
<h1>Travel safer: enrol with ${accountIdentity().authorityName}</h1>
<p class="lede">Get the advisories, alerts and check-ins for the places you go. No password: we e-mail you a link.</p>
${flash(options)}
<form class="card" method="post" action="/account/sign-in" novalidate>
<input type="hidden" name="_form" value="${options.formToken}">
<div class="field"><label for="email">Your e-mail address</label>
<input id="email" name="email" type="email" autocomplete="email" required maxlength="254" value="${options.email ?? ''}"${options.problem ? html` aria-invalid="true"` : ''}>
<p class="hint">New here? This confirms your address and creates your account. Enrolled already? It signs you in.</p></div>
<button type="submit">E-mail me a link</button>
</form>
<p class="small">We use your address only to reach you about your trips and subscriptions. You can download or delete everything at any time.</p>
</div>`);
}

function checkEmailPage(publicUrl: string): string {
  return accountPage(publicUrl, 'Check your e-mail', html`
<div class="narrow">
<h1>Check your e-mail</h1>
<p class="lede">If the address can be used with ${accountIdentity().authorityName}, a message with a link is on its way to it.</p>
<div class="card"><p>Open the link within <strong>15 minutes</strong>, on this or any device. It works once.</p>
<p>Nothing arrived? Look in your spam folder, or <a href="/account/sign-in">ask for another link</a>.</p></div>
</div>`);
}

function linkLandingPage(publicUrl: string, token: string, formToken: string): string {
  return accountPage(publicUrl, 'Confirm and sign in', html`
<div class="narrow">
<h1>Confirm and sign in</h1>
<p class="lede">One more click confirms your e-mail address and signs you in.</p>
<form class="card" method="post" action="/account/link/${token}">
<input type="hidden" name="_form" value="${formToken}">
<button type="submit">Confirm and sign in</button>
</form>
</div>`);
}
