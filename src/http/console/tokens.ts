import type { FastifyInstance, FastifyRequest } from 'fastify';
import { EditorialError } from '../../publishing/context.ts';
import { createToken, listTokens, revokeToken, type ApiToken } from '../../staff/tokens.ts';
import { formOf, formText } from '../forms.ts';
import { html } from '../html.ts';
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
    if (id === null) return notFound(request, reply, 'There is no such token.');
    try {
      await revokeToken(store.db, id, staffOf(request).actor, now());
    } catch (error) {
      if (error instanceof EditorialError) return notFound(request, reply, error.message);
      throw error;
    }
    return redirect(reply, '/console/tokens?done=revoked');
  });
}

function tokensPage(viewer: Viewer, tokens: readonly ApiToken[], options: { created?: { token: string; name: string }; notice?: string; all: boolean }): string {
  return consolePage({
    title: 'API tokens',
    ...frameOf(viewer),
    nav: 'tokens',
    main: html`<div class="page-head"><div><h1>API tokens</h1><p class="meta">For scripts that use the staff API: <code>Authorization: Bearer &lt;token&gt;</code>. A token acts as you, with your role.</p></div></div>
${notice(options.notice)}
${options.created ? html`<section class="card"><h2>Your new token “${options.created.name}”</h2><p>Copy it now: it is shown only this once, and only its hash is kept.</p><p class="secret" id="new-token">${options.created.token}</p></section>` : ''}
<div class="grid">
${card('Create a token', html`<form method="post" action="/console/tokens" class="row">${csrfField(viewer.csrf)}<div class="field"><label for="name">What it is for</label><input id="name" name="name" type="text" maxlength="100" placeholder="newsroom import script"></div><div class="field shrink"><button type="submit">Create token</button></div></form>`)}
</div>
${card(options.all ? 'All tokens' : 'Your tokens', tokens.length ? html`<table><thead><tr><th>Name</th>${options.all ? html`<th>Owner</th>` : ''}<th>Created</th><th>Last used</th><th>State</th><th></th></tr></thead><tbody>
${tokens.map((t) => html`<tr><td>${t.name}</td>${options.all ? html`<td>${t.userEmail}</td>` : ''}<td class="nowrap">${timeTag(t.createdAt)}</td><td class="nowrap">${timeTag(t.lastUsedAt)}</td>
<td>${t.revokedAt ? html`<span class="badge status">revoked ${when(t.revokedAt)}</span>` : html`<span class="badge status status-approved">active</span>`}</td>
<td>${t.revokedAt ? '' : html`<form method="post" action="/console/tokens/${t.id}/revoke">${csrfField(viewer.csrf)}<button class="small danger" type="submit">Revoke</button></form>`}</td></tr>`)}
</tbody></table>` : html`<p class="empty">No tokens.</p>`)}`,
  });
}
