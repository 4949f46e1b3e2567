import type { FastifyInstance, FastifyRequest } from 'fastify';
import { translator } from '../../i18n/translator.ts';
import { EditorialError } from '../../publishing/context.ts';
import { createToken, listTokens, revokeToken, type ApiToken } from '../../staff/tokens.ts';
import { formOf, formText } from '../forms.ts';
import { html } from '../html.ts';
import { message } from '../html-messages.ts';
import { adminRefusalText } from './admin-refusals.ts';
import { idParam, page, redirect } from '../replies.ts';
import { card, consolePage, csrfField, notice, timeTag, when, type Viewer, frameOf } from './layout.ts';
import { notFound, noticeOf, staffOf, viewerOf, type ConsoleScope } from './scope.ts';

/** API tokens for the staff API: each staff member's own (admins see all), shown once, revocable. */

export async function tokenRoutes(app: FastifyInstance, { store, now, guards: { any } }: ConsoleScope): Promise<void> {
  async function tokensView(request: FastifyRequest, extra: { created?: { token: string; name: string }; notice?: string } = {}) {
    const staff = staffOf(request);
    const isAdmin = staff.user.role === 'admin';
    const tokens = await listTokens(store.db, isAdmin ? undefined : staff.user.id);
    return tokensPage(viewerOf(request), tokens, { all: isAdmin, ...extra });
  }

  app.get('/console/tokens', { preValidation: any, schema: { hide: true } }, async (request, reply) =>
    page(reply, await tokensView(request, { notice: noticeOf(request) })));

  app.post('/console/tokens', { preValidation: any, schema: { hide: true } }, async (request, reply) => {
    const staff = staffOf(request);
    const name = formText(formOf(request).name).trim() || 'console token';
    const { token } = await createToken(store.db, staff.user, name, staff.actor, now());
    return page(reply, await tokensView(request, { created: { token, name: name.slice(0, 100) } }), 201);
  });

  app.post('/console/tokens/:id/revoke', { preValidation: any, schema: { hide: true } }, async (request, reply) => {
    const id = idParam(request);
    if (id === null) return notFound(request, reply, translator(request.locale).t('consoleAdmin.tokens.noSuch'));
    try {
      await revokeToken(store.db, id, staffOf(request).actor, now());
    } catch (error) {
      if (error instanceof EditorialError) return notFound(request, reply, adminRefusalText(translator(request.locale), error.message));
      throw error;
    }
    return redirect(reply, '/console/tokens?done=revoked');
  });
}

function tokensPage(viewer: Viewer, tokens: readonly ApiToken[], options: { created?: { token: string; name: string }; notice?: string; all: boolean }): string {
  const { tr } = viewer;
  const col = (id: 'name' | 'owner' | 'created' | 'lastUsed' | 'state') => tr.t(`consoleAdmin.tokens.${id}`);
  return consolePage({
    title: tr.t('consoleAdmin.tokens.title'),
    ...frameOf(viewer),
    nav: 'tokens',
    main: html`<div class="page-head"><div><h1>${tr.t('consoleAdmin.tokens.title')}</h1><p class="meta">${message(tr, 'consoleAdmin.tokens.intro', { header: html`<code>Authorization: Bearer &lt;token&gt;</code>` })}</p></div></div>
${notice(options.notice)}
${options.created ? html`<section class="card"><h2>${tr.t('consoleAdmin.tokens.yourNew', { name: options.created.name })}</h2><p>${tr.t('consoleAdmin.tokens.copy')}</p><p class="secret" id="new-token">${options.created.token}</p></section>` : ''}
<div class="grid">
${card(tr.t('consoleAdmin.tokens.create'), html`<form method="post" action="/console/tokens" class="row">${csrfField(viewer.csrf)}<div class="field"><label for="name">${tr.t('consoleAdmin.tokens.purpose')}</label><input id="name" name="name" type="text" maxlength="100" placeholder="${tr.t('consoleAdmin.tokens.placeholder')}"></div><div class="field shrink"><button type="submit">${tr.t('consoleAdmin.tokens.createButton')}</button></div></form>`)}
</div>
${card(tr.t(options.all ? 'consoleAdmin.tokens.all' : 'consoleAdmin.tokens.yours'), tokens.length ? html`<table><thead><tr><th>${col('name')}</th>${options.all ? html`<th>${col('owner')}</th>` : ''}<th>${col('created')}</th><th>${col('lastUsed')}</th><th>${col('state')}</th><th></th></tr></thead><tbody>
${tokens.map((t) => html`<tr><td>${t.name}</td>${options.all ? html`<td>${t.userEmail}</td>` : ''}<td class="nowrap">${timeTag(t.createdAt)}</td><td class="nowrap">${timeTag(t.lastUsedAt)}</td>
<td>${t.revokedAt ? html`<span class="badge status">${tr.t('consoleAdmin.tokens.revoked', { when: when(t.revokedAt) })}</span>` : html`<span class="badge status status-approved">${tr.t('consoleAdmin.tokens.active')}</span>`}</td>
<td>${t.revokedAt ? '' : html`<form method="post" action="/console/tokens/${t.id}/revoke">${csrfField(viewer.csrf)}<button class="small danger" type="submit">${tr.t('consoleAdmin.tokens.revoke')}</button></form>`}</td></tr>`)}
</tbody></table>` : html`<p class="empty">${tr.t('consoleAdmin.tokens.none')}</p>`)}`,
  });
}
