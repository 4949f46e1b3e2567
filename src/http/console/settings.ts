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
  return consolePage({
    title: 'Settings',
    ...frameOf(viewer),
    nav: 'settings',
    main: html`<div class="page-head"><div><h1>Settings</h1></div></div>
${notice(message)}
${card('Deployment identity', html`<p>The authority credited on advisories published here, its brand colour and logo, the citizen noun, emergency phone, contact page and footer links.</p><p><a href="/console/settings/identity">Change the identity</a></p>`)}
${card('Publishing', html`<form method="post" action="/console/settings" class="stack">${csrfField(viewer.csrf)}
<label class="check"><input type="checkbox" name="twoPersonRule" value="on"${settings.twoPersonRule ? html` checked` : ''}> <span><strong>Nobody who changed a draft's content can approve it.</strong> On by default; turn it off only for a team too small to have a second reviewer. Changes are recorded in the audit log.</span></label>
<h3>Public pages</h3>
<label class="check"><input type="checkbox" name="publicReviewOverdue" value="on"${settings.publicReviewOverdue ? html` checked` : ''}> <span><strong>Tell readers when an advisory is past its review date.</strong> Off by default: the console always shows overdue reviews; with this on, the destination page says so too.</span></label>
<div><button type="submit">Save settings</button></div></form>`)}`,
  });
}
