import type { FastifyInstance } from 'fastify';
import { STAFF_ROLES } from '../../domain/roles.ts';
import { translator, type Translator } from '../../i18n/translator.ts';
import { EditorialError } from '../../publishing/context.ts';
import { addUser, listUsers, updateUser, type StaffUser } from '../../staff/users.ts';
import { formOf, formText } from '../forms.ts';
import { html, type SafeHtml } from '../html.ts';
import { idParam, page, redirect } from '../replies.ts';
import { adminErrorSummary, adminRefusals } from './admin-refusals.ts';
import { card, consolePage, csrfField, fieldErrors, hasError, notice, when, type FieldMessage, type Viewer, frameOf } from './layout.ts';
import { errorsOf, notFound, noticeOf, staffOf, viewerOf, type ConsoleScope } from './scope.ts';

/** Staff accounts (admins): add one with a generated password shown once, change a role, disable. */

export async function userRoutes(app: FastifyInstance, { store, now, guards: { admin } }: ConsoleScope): Promise<void> {
  app.get('/console/users', { preValidation: admin, schema: { hide: true } }, async (request, reply) =>
    page(reply, usersPage(viewerOf(request), await listUsers(store.db), { notice: noticeOf(request) })));

  app.post('/console/users', { preValidation: admin, schema: { hide: true } }, async (request, reply) => {
    const body = formOf(request);
    const values = { email: formText(body.email), role: formText(body.role), name: formText(body.name) };
    try {
      const { user, password } = await addUser(store.db, values, staffOf(request).actor, now());
      return page(reply, usersPage(viewerOf(request), await listUsers(store.db), { created: { email: user.email, password } }), 201);
    } catch (error) {
      if (!(error instanceof EditorialError)) throw error;
      return page(reply, usersPage(viewerOf(request), await listUsers(store.db), { errors: errorsOf(error), values }), error.status);
    }
  });

  app.post('/console/users/:id', { preValidation: admin, schema: { hide: true } }, async (request, reply) => {
    const body = formOf(request);
    const role = formText(body.role);
    const id = idParam(request);
    if (id === null) return notFound(request, reply, translator(request.locale).t('consoleAdmin.users.none'));
    try {
      await updateUser(store.db, id, { ...(role ? { role } : {}), disabled: formText(body.disabled) === 'yes' }, staffOf(request).actor, now());
    } catch (error) {
      if (!(error instanceof EditorialError)) throw error;
      return page(reply, usersPage(viewerOf(request), await listUsers(store.db), { errors: [{ field: '', message: error.message }] }), error.status);
    }
    return redirect(reply, '/console/users?done=user-saved');
  });
}

function usersPage(viewer: Viewer, users: readonly StaffUser[], options: { created?: { email: string; password: string | null }; errors?: readonly FieldMessage[]; values?: { email?: string; role?: string; name?: string }; notice?: string }): string {
  const { tr } = viewer;
  const errors = adminRefusals(tr, options.errors ?? []);
  const values = options.values ?? {};
  const t = (id: 'email' | 'name' | 'role' | 'state' | 'since' | 'change' | 'save' | 'disabled') => tr.t(`consoleAdmin.users.${id}`);
  return consolePage({
    title: tr.t('consoleAdmin.users.title'),
    ...frameOf(viewer),
    nav: 'users',
    main: html`<div class="page-head"><div><h1>${tr.t('consoleAdmin.users.heading')}</h1><p class="meta">${STAFF_ROLES.map((role) => tr.t('consoleAdmin.roleDescription', { role })).join(' · ')}</p></div></div>
${notice(options.notice)}
${options.created ? html`<section class="card"><h2>${tr.t('consoleAdmin.users.created', { email: options.created.email })}</h2>${options.created.password ? html`<p>${tr.t('consoleAdmin.users.password')}</p><p class="secret">${options.created.password}</p>` : ''}</section>` : ''}
${adminErrorSummary(tr, errors, (field) => tr.t('consoleAdmin.users.field', { field }))}
${card(tr.t('consoleAdmin.users.add'), html`<form method="post" action="/console/users" class="row">${csrfField(viewer.csrf)}
<div class="field${hasError(errors, 'email') ? ' has-error' : ''}"><label for="f-email">${t('email')}</label>${fieldErrors(errors, 'email')}<input id="f-email" name="email" type="email" value="${values.email ?? ''}"></div>
<div class="field"><label for="f-name">${t('name')}</label><input id="f-name" name="name" type="text" value="${values.name ?? ''}"></div>
<div class="field${hasError(errors, 'role') ? ' has-error' : ''}"><label for="f-role">${t('role')}</label>${fieldErrors(errors, 'role')}<select id="f-role" name="role">${STAFF_ROLES.map((r) => roleOption(tr, r, values.role === r))}</select></div>
<div class="field shrink"><button type="submit">${tr.t('consoleAdmin.users.addButton')}</button></div>
</form><p class="hint">${tr.t('consoleAdmin.users.generated')}</p>`)}
${card(tr.t('consoleAdmin.users.accounts'), html`<table><thead><tr><th>${t('email')}</th><th>${t('name')}</th><th>${t('role')}</th><th>${t('state')}</th><th>${t('since')}</th><th>${t('change')}</th></tr></thead><tbody>
${users.map((u) => html`<tr><td>${u.email}</td><td>${u.name}</td><td>${tr.t('console.role', { role: u.role })}</td><td>${u.disabled ? html`<span class="badge status status-overdue">${tr.t('consoleAdmin.users.disabledBadge')}</span>` : html`<span class="badge status status-approved">${tr.t('consoleAdmin.users.active')}</span>`}</td><td class="nowrap small">${when(u.createdAt).slice(0, 10)}</td>
<td><form method="post" action="/console/users/${u.id}" class="row">${csrfField(viewer.csrf)}<label for="role-${u.id}" class="visually-hidden">${tr.t('consoleAdmin.users.roleOf', { email: u.email })}</label><select id="role-${u.id}" name="role">${STAFF_ROLES.map((r) => roleOption(tr, r, u.role === r))}</select>
<label class="check small"><input type="checkbox" name="disabled" value="yes"${u.disabled ? html` checked` : ''}> ${t('disabled')}</label><button class="small secondary" type="submit">${t('save')}</button></form></td></tr>`)}
</tbody></table>`)}`,
  });
}

/** A role in the staff member's language; the option's value stays the role's name, which the service reads. */
function roleOption(tr: Translator, role: string, selected: boolean): SafeHtml {
  return tr.locale === 'en' ? html`<option${selected ? html` selected` : ''}>${role}</option>` : html`<option value="${role}"${selected ? html` selected` : ''}>${tr.t('console.role', { role })}</option>`;
}
