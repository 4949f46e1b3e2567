import type { FastifyInstance } from 'fastify';
import { changeTwoPersonRule, workflowSettings } from '../../publishing/settings.ts';
import { changePublicReviewOverdue, publicReviewOverdue } from '../../site/freshness-setting.ts';
import { formOf, formText } from '../forms.ts';
import { html } from '../html.ts';
import { page, redirect } from '../replies.ts';
import { card, consolePage, csrfField, notice, type Viewer, frameOf } from './layout.ts';
import { noticeOf, staffOf, viewerOf, type ConsoleScope } from './scope.ts';

/** Deployment settings (admins): the two-person rule and overdue reviews shown to readers, each change audited. */

export async function settingsRoutes(app: FastifyInstance, { store, ctx, guards: { admin } }: ConsoleScope): Promise<void> {
  app.get('/console/settings', { preValidation: admin, schema: { hide: true } }, async (request, reply) =>
    page(reply, settingsPage(viewerOf(request), { ...await workflowSettings(store.db), publicReviewOverdue: await publicReviewOverdue(store.db) }, noticeOf(request))));

  app.post('/console/settings', { preValidation: admin, schema: { hide: true } }, async (request, reply) => {
    const form = formOf(request);
    const { actor } = staffOf(request);
    await changeTwoPersonRule(ctx, actor, formText(form.twoPersonRule) === 'on');
    await changePublicReviewOverdue(ctx, actor, formText(form.publicReviewOverdue) === 'on');
    return redirect(reply, '/console/settings?done=settings');
  });
}

function settingsPage(viewer: Viewer, settings: { twoPersonRule: boolean; publicReviewOverdue: boolean }, message?: string): string {
  const { tr } = viewer;
  return consolePage({
    title: tr.t('consoleAdmin.settings.title'),
    ...frameOf(viewer),
    nav: 'settings',
    main: html`<div class="page-head"><div><h1>${tr.t('consoleAdmin.settings.title')}</h1></div></div>
${notice(message)}
${card(tr.t('consoleAdmin.settings.identity'), html`<p>${tr.t('consoleAdmin.settings.identityText')}</p><p><a href="/console/settings/identity">${tr.t('consoleAdmin.settings.identityLink')}</a></p>`)}
${card(tr.t('consoleAdmin.settings.publishing'), html`<form method="post" action="/console/settings" class="stack">${csrfField(viewer.csrf)}
<label class="check"><input type="checkbox" name="twoPersonRule" value="on"${settings.twoPersonRule ? html` checked` : ''}> <span><strong>${tr.t('consoleAdmin.settings.twoPersonRule')}</strong> ${tr.t('consoleAdmin.settings.twoPersonRuleText')}</span></label>
<h3>${tr.t('consoleAdmin.settings.publicPages')}</h3>
<label class="check"><input type="checkbox" name="publicReviewOverdue" value="on"${settings.publicReviewOverdue ? html` checked` : ''}> <span><strong>${tr.t('consoleAdmin.settings.overdue')}</strong> ${tr.t('consoleAdmin.settings.overdueText')}</span></label>
<div><button type="submit">${tr.t('consoleAdmin.settings.save')}</button></div></form>`)}`,
  });
}
