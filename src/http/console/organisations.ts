import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VerificationChange, VerificationState } from '../../domain/organisations.ts';
import { EnrolmentError } from '../../enrolment/context.ts';
import { translator, type Translator } from '../../i18n/translator.ts';
import { changeVerification, listOrganisations, type OrganisationRecord } from '../../enrolment/verification.ts';
import { html, type SafeHtml } from '../html.ts';
import { idParam, page, redirect } from '../replies.ts';
import { card, consolePage, csrfField, notice, timeTag, type Viewer, frameOf } from './layout.ts';
import { adminRefusalText } from './admin-refusals.ts';
import { notFound, noticeOf, staffOf, viewerOf, type ConsoleScope, type BackLink, type Notices } from './scope.ts';

/**
 * /console/organisations (staff admins only: permission `verifyOrganisations`): every
 * organisation with who started it, its members and its verification state, and the Verify /
 * Withdraw buttons. Each change goes through the enrolment service, which audits it
 * (docs/security.md, "Organisations").
 */

const DONE: Notices = { verified: 'consoleAdmin.orgs.verified', withdrawn: 'consoleAdmin.orgs.withdrawn' };

export async function organisationRoutes(app: FastifyInstance, { store, now, auth }: ConsoleScope): Promise<void> {
  const verifier = auth.requirePermission('verifyOrganisations');

  const render = async (request: FastifyRequest, reply: FastifyReply, message: { notice?: string; problem?: string } = {}, status = 200) =>
    page(reply, organisationsPage(viewerOf(request), await listOrganisations(store.db), message), status);

  app.get('/console/organisations', { preValidation: verifier, schema: { hide: true } }, async (request, reply) =>
    render(request, reply, { notice: noticeOf(request, DONE) }));

  for (const change of ['verify', 'withdraw'] as const satisfies readonly VerificationChange[]) {
    app.post(`/console/organisations/:id/${change}`, { preValidation: verifier, schema: { hide: true } }, async (request, reply) => {
      const id = idParam(request);
      const tr = translator(request.locale);
      if (id === null) return notFound(request, reply, tr.t('consoleAdmin.orgs.noSuch'), BACK);
      try {
        await changeVerification({ db: store.db, now }, id, change, staffOf(request).actor);
      } catch (error) {
        if (!(error instanceof EnrolmentError)) throw error;
        if (error.status === 404) return notFound(request, reply, adminRefusalText(tr, error.message), BACK);
        return render(request, reply, { problem: adminRefusalText(tr, error.message) }, error.status);
      }
      return redirect(reply, `/console/organisations?done=${change === 'verify' ? 'verified' : 'withdrawn'}`);
    });
  }
}

const BACK: BackLink = { href: '/console/organisations', label: { id: 'console.organisations' } };

const BADGE: Record<VerificationState, string> = { unverified: 'status-submitted', verified: 'status-published', withdrawn: 'status' };

function stateCell(tr: Translator, o: OrganisationRecord): SafeHtml {
  const by = (who: string | null, at: string | null) => html` ${tr.t('consoleAdmin.orgs.by', { who: who ?? '' })} ${timeTag(at)}`;
  const since = o.state === 'verified' ? by(o.verifiedBy, o.verifiedAt) : o.state === 'withdrawn' ? by(o.withdrawnBy, o.withdrawnAt) : '';
  return html`<span class="badge status ${BADGE[o.state]}">${tr.t('consoleAdmin.orgs.stateValue', { state: o.state })}</span><span class="small">${since}</span>`;
}

function action(viewer: Viewer, o: OrganisationRecord): SafeHtml {
  const { tr } = viewer;
  const change = o.state === 'verified' ? { path: 'withdraw', label: tr.t('consoleAdmin.orgs.withdraw'), style: 'small danger' } : { path: 'verify', label: tr.t('consoleAdmin.orgs.verify'), style: 'small' };
  return html`<form method="post" action="/console/organisations/${o.id}/${change.path}">${csrfField(viewer.csrf)}<button class="${change.style}" type="submit" aria-label="${change.label} ${o.name}">${change.label}</button></form>`;
}

function organisationsPage(viewer: Viewer, organisations: readonly OrganisationRecord[], message: { notice?: string; problem?: string }): string {
  const { tr } = viewer;
  const col = (id: 'name' | 'startedBy' | 'created' | 'members' | 'state') => tr.t(`consoleAdmin.orgs.${id}`);
  return consolePage({
    title: tr.t('console.organisations'),
    ...frameOf(viewer),
    nav: 'organisations',
    main: html`<div class="page-head"><div><h1>${tr.t('console.organisations')}</h1>
<p class="meta">${tr.t('consoleAdmin.orgs.intro')}</p></div></div>
${notice(message.notice)}
${message.problem ? html`<div class="error-summary" role="alert"><p>${message.problem}</p></div>` : ''}
${card(tr.t('consoleAdmin.orgs.every'), organisations.length ? html`<table><thead><tr><th scope="col">${col('name')}</th><th scope="col">${col('startedBy')}</th><th scope="col">${col('created')}</th><th scope="col" class="num">${col('members')}</th><th scope="col">${col('state')}</th><th scope="col"></th></tr></thead><tbody>
${organisations.map((o) => html`<tr><td>${o.name}</td><td>${o.createdBy ?? tr.t('consoleAdmin.orgs.unknownStarter')}</td><td class="nowrap">${timeTag(o.createdAt)}</td><td class="num">${o.members}</td><td>${stateCell(tr, o)}</td><td>${action(viewer, o)}</td></tr>`)}
</tbody></table>` : html`<p class="empty">${tr.t('consoleAdmin.orgs.none')}</p>`)}`,
  });
}
