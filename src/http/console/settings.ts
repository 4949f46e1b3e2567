import type { FastifyInstance } from 'fastify';
import { changeTwoPersonRule, workflowSettings } from '../../publishing/settings.ts';
import { formOf, formText } from '../forms.ts';
import { html } from '../html.ts';
import { page, redirect } from '../replies.ts';
import { card, consolePage, csrfField, notice, type Viewer } from './layout.ts';
import { noticeOf, staffOf, viewerOf, type ConsoleScope } from './scope.ts';

/** Deployment settings (admins): the two-person rule, each change recorded in the audit log. */

export async function settingsRoutes(app: FastifyInstance, { store, ctx, guards: { admin } }: ConsoleScope): Promise<void> {
  app.get('/console/settings', { preValidation: admin, schema: { hide: true } }, async (request, reply) =>
    page(reply, settingsPage(viewerOf(request), await workflowSettings(store.db), noticeOf(request))));

  app.post('/console/settings', { preValidation: admin, schema: { hide: true } }, async (request, reply) => {
    await changeTwoPersonRule(ctx, staffOf(request).actor, formText(formOf(request).twoPersonRule) === 'on');
    return redirect(reply, '/console/settings?done=settings');
  });
}

function settingsPage(viewer: Viewer, settings: { twoPersonRule: boolean }, message?: string): string {
  return consolePage({
    title: 'Settings',
    user: viewer.user,
    csrf: viewer.csrf,
    nav: 'settings',
    main: html`<div class="page-head"><div><h1>Settings</h1></div></div>
${notice(message)}
${card('Two-person rule', html`<form method="post" action="/console/settings" class="stack">${csrfField(viewer.csrf)}
<label class="check"><input type="checkbox" name="twoPersonRule" value="on"${settings.twoPersonRule ? html` checked` : ''}> <span><strong>Nobody who changed a draft's content can approve it.</strong> On by default; turn it off only for a team too small to have a second reviewer. Changes are recorded in the audit log.</span></label>
<div><button type="submit">Save settings</button></div></form>`)}`,
  });
}
