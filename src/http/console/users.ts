import type { FastifyInstance } from 'fastify';
import { ROLE_DESCRIPTIONS, STAFF_ROLES } from '../../domain/roles.ts';
import { EditorialError } from '../../publishing/context.ts';
import { addUser, listUsers, updateUser, type StaffUser } from '../../staff/users.ts';
import { formOf, formText } from '../forms.ts';
import { html } from '../html.ts';
import { idParam, page, redirect } from '../replies.ts';
import { card, consolePage, csrfField, errorSummary, fieldErrors, hasError, notice, when, type FieldMessage, type Viewer, frameOf } from './layout.ts';
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
    if (id === null) return notFound(request, reply, 'There is no such staff account.');
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
  const errors = options.errors ?? [];
  const values = options.values ?? {};
  return consolePage({
    title: 'Staff',
    ...frameOf(viewer),
    nav: 'users',
    main: html`<div class="page-head"><div><h1>Staff accounts</h1><p class="meta">${STAFF_ROLES.map((r) => ROLE_DESCRIPTIONS[r]).join(' · ')}</p></div></div>
${notice(options.notice)}
${options.created ? html`<section class="card"><h2>Account created for ${options.created.email}</h2>${options.created.password ? html`<p>Their password, shown only this once (give it to them safely; they sign in at /console/sign-in):</p><p class="secret">${options.created.password}</p>` : ''}</section>` : ''}
${errorSummary(errors)}
${card('Add a staff member', html`<form method="post" action="/console/users" class="row">${csrfField(viewer.csrf)}
<div class="field${hasError(errors, 'email') ? ' has-error' : ''}"><label for="f-email">E-mail</label>${fieldErrors(errors, 'email')}<input id="f-email" name="email" type="email" value="${values.email ?? ''}"></div>
<div class="field"><label for="f-name">Name</label><input id="f-name" name="name" type="text" value="${values.name ?? ''}"></div>
<div class="field${hasError(errors, 'role') ? ' has-error' : ''}"><label for="f-role">Role</label>${fieldErrors(errors, 'role')}<select id="f-role" name="role">${STAFF_ROLES.map((r) => html`<option${values.role === r ? html` selected` : ''}>${r}</option>`)}</select></div>
<div class="field shrink"><button type="submit">Add</button></div>
</form><p class="hint">A strong password is generated and shown once.</p>`)}
${card('Accounts', html`<table><thead><tr><th>E-mail</th><th>Name</th><th>Role</th><th>State</th><th>Since</th><th>Change</th></tr></thead><tbody>
${users.map((u) => html`<tr><td>${u.email}</td><td>${u.name}</td><td>${u.role}</td><td>${u.disabled ? html`<span class="badge status status-overdue">disabled</span>` : html`<span class="badge status status-approved">active</span>`}</td><td class="nowrap small">${when(u.createdAt).slice(0, 10)}</td>
<td><form method="post" action="/console/users/${u.id}" class="row">${csrfField(viewer.csrf)}<label for="role-${u.id}" class="visually-hidden">Role of ${u.email}</label><select id="role-${u.id}" name="role">${STAFF_ROLES.map((r) => html`<option${u.role === r ? html` selected` : ''}>${r}</option>`)}</select>
<label class="check small"><input type="checkbox" name="disabled" value="yes"${u.disabled ? html` checked` : ''}> disabled</label><button class="small secondary" type="submit">Save</button></form></td></tr>`)}
</tbody></table>`)}`,
  });
}
