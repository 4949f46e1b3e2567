import type { FastifyInstance } from 'fastify';
import { readIdentityChanges, type FooterLink, type Identity } from '../../domain/identity.ts';
import { checkLogo, LOGO_MAX_BYTES } from '../../domain/logo.ts';
import { changeIdentity, changeLogo, logoVersion, readIdentity } from '../../identity/settings.ts';
import { formOf, formText, registerMultipart, uploadOf } from '../forms.ts';
import type { Translator } from '../../i18n/translator.ts';
import { html } from '../html.ts';
import { message } from '../html-messages.ts';
import { adminErrorSummary, adminRefusals } from './admin-refusals.ts';
import { page, redirect } from '../replies.ts';
import { card, consolePage, csrfField, fieldErrors, notice, type FieldMessage, type Viewer, frameOf } from './layout.ts';
import { noticeOf, staffOf, viewerOf, type ConsoleScope, type Notices } from './scope.ts';

/**
 * Settings › Identity (admins; docs/identity.md): who publishes on this deployment, as every
 * public page, feed and e-mail names it. The same rules and audit entries as
 * `PATCH /api/v1/settings/identity`; the logo arrives as a file upload.
 */

const NOTICES: Notices = { identity: 'console.notice.identity', logo: 'console.notice.logo', 'logo-removed': 'console.notice.logoRemoved' };

/** "Label | https://…" per line, as the form's textarea has them. */
function footerLinksFromText(text: string): { label: string; url: string }[] {
  return text.split(/\r?\n/).filter((line) => line.trim()).map((line) => {
    const at = line.lastIndexOf('|');
    return at < 0 ? { label: line.trim(), url: '' } : { label: line.slice(0, at).trim(), url: line.slice(at + 1).trim() };
  });
}
const footerLinksText = (links: readonly FooterLink[]) => links.map((link) => `${link.label} | ${link.url}`).join('\n');

type IdentityForm = Record<'authorityName' | 'authorityShortName' | 'citizenNoun' | 'brandColour' | 'emergencyPhone' | 'contactUrl' | 'footerLinks', string>;

const formFrom = (identity: Identity): IdentityForm => ({
  authorityName: identity.authorityName, authorityShortName: identity.authorityShortName, citizenNoun: identity.citizenNoun,
  brandColour: identity.brandColour, emergencyPhone: identity.emergencyPhone ?? '', contactUrl: identity.contactUrl ?? '',
  footerLinks: footerLinksText(identity.footerLinks),
});

export async function identitySettingsRoutes(app: FastifyInstance, { store, ctx, config, guards: { admin } }: ConsoleScope): Promise<void> {
  registerMultipart(app, { bodyLimit: LOGO_MAX_BYTES * 2 });

  const show = async (viewer: Viewer, form: IdentityForm, errors: FieldMessage[], message?: string) => {
    const version = await logoVersion(store.db);
    return identityPage(viewer, form, { errors, message, publicUrl: config.publicUrl, hasLogo: version !== null });
  };

  app.get('/console/settings/identity', { preValidation: admin, schema: { hide: true } }, async (request, reply) =>
    page(reply, await show(viewerOf(request), formFrom(await readIdentity(store.db)), [], noticeOf(request, NOTICES))));

  app.post('/console/settings/identity', { preValidation: admin, schema: { hide: true } }, async (request, reply) => {
    const body = formOf(request);
    const form = Object.fromEntries(Object.keys(formFrom(await readIdentity(store.db))).map((key) => [key, formText(body[key])])) as IdentityForm;
    const read = readIdentityChanges({
      authorityName: form.authorityName, authorityShortName: form.authorityShortName, citizenNoun: form.citizenNoun, brandColour: form.brandColour,
      emergencyPhone: form.emergencyPhone.trim() || null, contactUrl: form.contactUrl.trim() || null, footerLinks: footerLinksFromText(form.footerLinks),
    });
    if (!read.ok) return page(reply, await show(viewerOf(request), form, read.errors), 400);
    await changeIdentity(ctx, staffOf(request).actor, read.changes);
    return redirect(reply, '/console/settings/identity?done=identity');
  });

  app.post('/console/settings/logo', { preValidation: admin, schema: { hide: true } }, async (request, reply) => {
    const body = formOf(request);
    const { actor } = staffOf(request);
    if (formText(body.remove) === 'yes') {
      await changeLogo(ctx, actor, null);
      return redirect(reply, '/console/settings/identity?done=logo-removed');
    }
    const upload = uploadOf(body.logo);
    const type = upload?.filename.toLowerCase().endsWith('.png') ? 'image/png' : upload?.filename.toLowerCase().endsWith('.svg') ? 'image/svg+xml' : '';
    const checked = upload ? checkLogo(type, upload.data) : { ok: false as const, reason: 'choose an SVG or PNG file' };
    if (!checked.ok) {
      return page(reply, await show(viewerOf(request), formFrom(await readIdentity(store.db)), [{ field: 'logo', message: checked.reason }]), 400);
    }
    await changeLogo(ctx, actor, checked.logo);
    return redirect(reply, '/console/settings/identity?done=logo');
  });
}

type TextField = Exclude<keyof IdentityForm, 'footerLinks'>;

const labelOf = (tr: Translator, field: string) => tr.t('consoleAdmin.identity.label', { field });

const input = (tr: Translator, form: IdentityForm, errors: readonly FieldMessage[], field: TextField, type = 'text') =>
  html`<div class="field"><label for="f-${field}">${labelOf(tr, field)}</label><p class="hint">${tr.t(`consoleAdmin.identity.hint.${field}`)}</p>${fieldErrors(errors, field)}
<input id="f-${field}" name="${field}" type="${type}" value="${form[field]}"></div>`;

/** A footer link's field ("footerLinks.2.url") is named by the Footer links box it is typed in. */
const summaryLabel = (tr: Translator, field: string) => labelOf(tr, field.startsWith('footerLinks') ? 'footerLinks' : field);

function identityPage(viewer: Viewer, form: IdentityForm, options: { errors: FieldMessage[]; message?: string | undefined; publicUrl: string; hasLogo: boolean }): string {
  const { tr } = viewer;
  const errors = adminRefusals(tr, options.errors);
  return consolePage({
    title: tr.t('consoleAdmin.identity.title'),
    ...frameOf(viewer),
    nav: 'settings',
    main: html`<div class="page-head"><div><p class="meta"><a href="/console/settings">${tr.t('consoleAdmin.settings.title')}</a></p><h1>${tr.t('consoleAdmin.settings.identity')}</h1></div></div>
${notice(options.message)}
${adminErrorSummary(tr, errors, (field) => summaryLabel(tr, field))}
${card(tr.t('consoleAdmin.identity.who'), html`<form method="post" action="/console/settings/identity" class="stack">${csrfField(viewer.csrf)}
${input(tr, form, errors, 'authorityName')}
${input(tr, form, errors, 'authorityShortName')}
${input(tr, form, errors, 'citizenNoun')}
${input(tr, form, errors, 'brandColour')}
${input(tr, form, errors, 'emergencyPhone', 'tel')}
${input(tr, form, errors, 'contactUrl', 'url')}
<div class="field"><label for="f-footerLinks">${labelOf(tr, 'footerLinks')}</label><p class="hint">${tr.t('consoleAdmin.identity.hint.footerLinks')}</p>${fieldErrors(errors, ...errors.filter((e) => e.field.startsWith('footerLinks')).map((e) => e.field))}
<textarea id="f-footerLinks" name="footerLinks" rows="4">${form.footerLinks}</textarea></div>
<p class="meta">${message(tr, 'consoleAdmin.identity.publicUrl', { url: html`<code>${options.publicUrl}</code>`, variable: html`<code>PUBLIC_URL</code>` })}</p>
<div><button type="submit">${tr.t('consoleAdmin.identity.save')}</button></div></form>`)}
${card(tr.t('consoleAdmin.identity.logo'), html`<form method="post" action="/console/settings/logo" enctype="multipart/form-data" class="stack">${csrfField(viewer.csrf)}
<div class="field"><label for="f-logo">${labelOf(tr, 'logo')}</label><p class="hint">${tr.t('consoleAdmin.identity.logoHint', { kb: LOGO_MAX_BYTES / 1024 })}</p>${fieldErrors(errors, 'logo')}
<input id="f-logo" name="logo" type="file" accept=".svg,.png,image/svg+xml,image/png"></div>
<div><button type="submit">${tr.t('consoleAdmin.identity.upload')}</button></div></form>
${options.hasLogo ? html`<form method="post" action="/console/settings/logo" class="stack">${csrfField(viewer.csrf)}<input type="hidden" name="remove" value="yes"><div><button type="submit" class="secondary">${tr.t('consoleAdmin.identity.remove')}</button></div></form>` : ''}`)}`,
  });
}
