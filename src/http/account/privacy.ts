import type { FastifyInstance } from 'fastify';
import { today } from '../../enrolment/context.ts';
import { deleteTraveller, exportTraveller } from '../../enrolment/privacy.ts';
import { getProfile } from '../../enrolment/profile.ts';
import { first, formOf } from '../forms.ts';
import { html } from '../html.ts';
import { sendProblem } from '../problem.ts';
import { page, redirect } from '../replies.ts';
import type { Translator } from '../../i18n/translator.ts';
import { message } from '../html-messages.ts';
import { accountPage, csrfField, flash, messagePage, readerOf, type Reader } from './layout.ts';
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
    return page(reply, deleteConfirmPage(publicUrl, readerOf(request, profile.language), profile.email, session.csrfToken));
  });

  app.post('/account/delete', hide, async (request, reply) => {
    const session = await requireSession(request, reply);
    if (!session) return reply;
    const body = formOf(request);
    if ((first(body.confirm) ?? '').trim().toUpperCase() !== 'DELETE') {
      if (wantsJson(request)) return sendProblem(reply, 400, 'Send confirm: "DELETE" to delete the account.');
      const profile = await getProfile(ctx, session.travellerId);
      const reader = readerOf(request, profile?.language, '/account/delete');
      return page(reply, deleteConfirmPage(publicUrl, reader, profile?.email ?? '', session.csrfToken, reader.tr.t('account.delete.typeIt')), 400);
    }
    // Read before the profile goes: the goodbye is in the language the account was read in.
    const reader = readerOf(request, (await getProfile(ctx, session.travellerId))?.language, '/account/sign-in');
    await deleteTraveller(ctx, session.travellerId);
    clearSessionCookie(reply, secureCookie);
    if (wantsJson(request)) return { status: 'deleted' };
    const { tr } = reader;
    return page(reply, messagePage(publicUrl, tr.t('account.deleted.title'), [tr.t('account.deleted.text'), tr.t('account.deleted.safe')], undefined, reader));
  });
}

/** The "your data" card of the account page. */
export const dataSection = (tr: Translator) => html`<section class="card" id="data" aria-labelledby="data-title">
<h2 id="data-title">${tr.t('account.section.data')}</h2>
<p>${tr.t('account.data.text', { authority: accountIdentity().authorityName })}</p>
<div class="actions"><a class="btn" href="/account/export" download>${tr.t('account.data.download')}</a>
<a class="btn secondary" href="/account/delete">${tr.t('account.data.delete')}</a></div>
</section>`;

function deleteConfirmPage(publicUrl: string, reader: Reader, email: string, csrf: string, problem?: string): string {
  const { tr } = reader;
  return accountPage(publicUrl, tr.t('account.delete.title'), html`
<div class="narrow"><p class="back"><a href="/account#data">${tr.t('account.backArrow')}</a></p>
<h1>${tr.t('account.delete.title')}</h1>
${flash({ problem })}
<div class="card"><p>${message(tr, 'account.delete.what', { email: html`<strong>${email}</strong>` })}</p>
<p>${message(tr, 'account.delete.downloadFirst', { link: html`<a href="/account/export" download>${tr.t('account.delete.downloadLink')}</a>` })}</p>
<form method="post" action="/account/delete">${csrfField(csrf)}
<div class="field"><label for="confirm">${tr.t('account.delete.confirmLabel')}</label><input id="confirm" name="confirm" type="text" autocomplete="off" required></div>
<button class="danger" type="submit">${tr.t('account.delete.submit')}</button></form></div></div>`, reader);
}
