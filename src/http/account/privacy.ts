import type { FastifyInstance } from 'fastify';
import { today } from '../../enrolment/context.ts';
import { deleteTraveller, exportTraveller } from '../../enrolment/privacy.ts';
import { getProfile } from '../../enrolment/profile.ts';
import { first, formOf } from '../forms.ts';
import { html } from '../html.ts';
import { sendProblem } from '../problem.ts';
import { page, redirect } from '../replies.ts';
import { accountPage, csrfField, flash, messagePage } from './layout.ts';
import { clearSessionCookie, hide, wantsJson, type AccountScope } from './scope.ts';
import { accountIdentity } from './layout.ts';

/** A traveller's data: download everything held about them as JSON, or delete the account. */

export async function privacyRoutes(app: FastifyInstance, { ctx, publicUrl, secureCookie, requireSession }: AccountScope): Promise<void> {
  app.get('/account/export', hide, async (request, reply) => {
    const session = await requireSession(request, reply);
    if (!session) return reply;
    const data = await exportTraveller(ctx, session.travellerId);
    if (!data) return redirect(reply, '/account/sign-in');
    return reply
      .type('application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="waypost-data-${today(ctx)}.json"`)
      .send(JSON.stringify(data, null, 2));
  });

  app.get('/account/delete', hide, async (request, reply) => {
    const session = await requireSession(request, reply);
    if (!session) return reply;
    const profile = await getProfile(ctx, session.travellerId);
    if (!profile) return redirect(reply, '/account/sign-in');
    return page(reply, deleteConfirmPage(publicUrl, profile.email, session.csrfToken));
  });

  app.post('/account/delete', hide, async (request, reply) => {
    const session = await requireSession(request, reply);
    if (!session) return reply;
    const body = formOf(request);
    if ((first(body.confirm) ?? '').trim().toUpperCase() !== 'DELETE') {
      if (wantsJson(request)) return sendProblem(reply, 400, 'Send confirm: "DELETE" to delete the account.');
      const profile = await getProfile(ctx, session.travellerId);
      return page(reply, deleteConfirmPage(publicUrl, profile?.email ?? '', session.csrfToken, 'Type DELETE in the box to confirm.'), 400);
    }
    await deleteTraveller(ctx, session.travellerId);
    clearSessionCookie(reply, secureCookie);
    if (wantsJson(request)) return { status: 'deleted' };
    return page(reply, messagePage(publicUrl, 'Your account is deleted', ['Everything we held about you is gone: profile, trips, subscriptions, channels and pending messages.', 'Safe travels.']));
  });
}

/** The "your data" card of the account page. */
export const dataSection = () => html`<section class="card" id="data" aria-labelledby="data-title">
<h2 id="data-title">Your data</h2>
<p>Everything ${accountIdentity().authorityName} holds about you — profile, trips, subscriptions, channels, organisations and messages — in one JSON file.</p>
<div class="actions"><a class="btn" href="/account/export" download>Download my data (JSON)</a>
<a class="btn secondary" href="/account/delete">Delete my account…</a></div>
</section>`;

function deleteConfirmPage(publicUrl: string, email: string, csrf: string, problem?: string): string {
  return accountPage(publicUrl, 'Delete your account', html`
<div class="narrow"><p class="back"><a href="/account#data">← Back to your account</a></p>
<h1>Delete your account</h1>
${flash({ problem })}
<div class="card"><p>This deletes <strong>${email}</strong> and everything with it: profile, trips, subscriptions, channels, organisation memberships and messages not yet sent. It cannot be undone. Only an anonymous count that an account was deleted remains.</p>
<p>You may want to <a href="/account/export" download>download your data</a> first.</p>
<form method="post" action="/account/delete">${csrfField(csrf)}
<div class="field"><label for="confirm">Type DELETE to confirm</label><input id="confirm" name="confirm" type="text" autocomplete="off" required></div>
<button class="danger" type="submit">Delete my account for good</button></form></div></div>`);
}
