import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VerificationChange, VerificationState } from '../../domain/organisations.ts';
import { EnrolmentError } from '../../enrolment/context.ts';
import { changeVerification, listOrganisations, type OrganisationRecord } from '../../enrolment/verification.ts';
import { html, type SafeHtml } from '../html.ts';
import { idParam, page, redirect } from '../replies.ts';
import { card, consolePage, csrfField, notice, timeTag, type Viewer, frameOf } from './layout.ts';
import { notFound, staffOf, viewerOf, type ConsoleScope, type BackLink } from './scope.ts';

/**
 * /console/organisations (staff admins only: permission `verifyOrganisations`): every
 * organisation with who started it, its members and its verification state, and the Verify /
 * Withdraw buttons. Each change goes through the enrolment service, which audits it
 * (docs/security.md, "Organisations").
 */

const DONE: Record<string, string> = {
  verified: 'Verified: the organisation can now import and invite people, within ORG_DAILY_IMPORT_LIMIT a day.',
  withdrawn: 'Verification withdrawn: the organisation can no longer import or invite anyone, starting now.',
};

export async function organisationRoutes(app: FastifyInstance, { store, now, auth }: ConsoleScope): Promise<void> {
  const verifier = auth.requirePermission('verifyOrganisations');

  const render = async (request: FastifyRequest, reply: FastifyReply, message: { notice?: string; problem?: string } = {}, status = 200) =>
    page(reply, organisationsPage(viewerOf(request), await listOrganisations(store.db), message), status);

  app.get('/console/organisations', { preValidation: verifier, schema: { hide: true } }, async (request, reply) =>
    render(request, reply, { notice: DONE[String((request.query as Record<string, unknown>).done ?? '')] }));

  for (const change of ['verify', 'withdraw'] as const satisfies readonly VerificationChange[]) {
    app.post(`/console/organisations/:id/${change}`, { preValidation: verifier, schema: { hide: true } }, async (request, reply) => {
      const id = idParam(request);
      if (id === null) return notFound(request, reply, 'There is no such organisation.', BACK);
      try {
        await changeVerification({ db: store.db, now }, id, change, staffOf(request).actor);
      } catch (error) {
        if (!(error instanceof EnrolmentError)) throw error;
        if (error.status === 404) return notFound(request, reply, error.message, BACK);
        return render(request, reply, { problem: error.message }, error.status);
      }
      return redirect(reply, `/console/organisations?done=${change === 'verify' ? 'verified' : 'withdrawn'}`);
    });
  }
}

const BACK: BackLink = { href: '/console/organisations', label: { id: 'console.organisations' } };

const STATE: Record<VerificationState, { label: string; badge: string }> = {
  unverified: { label: 'awaiting verification', badge: 'status-submitted' },
  verified: { label: 'verified', badge: 'status-published' },
  withdrawn: { label: 'withdrawn', badge: 'status' },
};

function stateCell(o: OrganisationRecord): SafeHtml {
  const state = STATE[o.state];
  const by = o.state === 'verified' ? html` by ${o.verifiedBy}, ${timeTag(o.verifiedAt)}` : o.state === 'withdrawn' ? html` by ${o.withdrawnBy}, ${timeTag(o.withdrawnAt)}` : '';
  return html`<span class="badge status ${state.badge}">${state.label}</span><span class="small">${by}</span>`;
}

function action(viewer: Viewer, o: OrganisationRecord): SafeHtml {
  const change = o.state === 'verified' ? { path: 'withdraw', label: 'Withdraw', style: 'small danger' } : { path: 'verify', label: 'Verify', style: 'small' };
  return html`<form method="post" action="/console/organisations/${o.id}/${change.path}">${csrfField(viewer.csrf)}<button class="${change.style}" type="submit" aria-label="${change.label} ${o.name}">${change.label}</button></form>`;
}

function organisationsPage(viewer: Viewer, organisations: readonly OrganisationRecord[], message: { notice?: string; problem?: string }): string {
  return consolePage({
    title: 'Organisations',
    ...frameOf(viewer),
    nav: 'organisations',
    main: html`<div class="page-head"><div><h1>Organisations</h1>
<p class="meta">Anyone with an account can start an organisation. Until you verify it, it can import or invite nobody; check that it is who its name says before you do. Withdrawing stops its imports and invitations at once. Every change is in the audit log.</p></div></div>
${notice(message.notice)}
${message.problem ? html`<div class="error-summary" role="alert"><p>${message.problem}</p></div>` : ''}
${card('Every organisation', organisations.length ? html`<table><thead><tr><th scope="col">Name</th><th scope="col">Started by</th><th scope="col">Created</th><th scope="col" class="num">Members</th><th scope="col">State</th><th scope="col"></th></tr></thead><tbody>
${organisations.map((o) => html`<tr><td>${o.name}</td><td>${o.createdBy ?? 'command line, or an account since deleted'}</td><td class="nowrap">${timeTag(o.createdAt)}</td><td class="num">${o.members}</td><td>${stateCell(o)}</td><td>${action(viewer, o)}</td></tr>`)}
</tbody></table>` : html`<p class="empty">No organisations yet.</p>`)}`,
  });
}
