import type { FastifyInstance } from 'fastify';
import { readIdentityChanges, type FooterLink, type Identity } from '../../domain/identity.ts';
import { checkLogo, LOGO_MAX_BYTES } from '../../domain/logo.ts';
import { changeIdentity, changeLogo, logoVersion, readIdentity } from '../../identity/settings.ts';
import { formOf, formText, registerMultipart, uploadOf } from '../forms.ts';
import { html } from '../html.ts';
import { page, redirect } from '../replies.ts';
import { card, consolePage, csrfField, errorSummary, fieldErrors, notice, type FieldMessage, type Viewer, frameOf } from './layout.ts';
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

const input = (form: IdentityForm, errors: readonly FieldMessage[], field: keyof IdentityForm, label: string, hint: string, type = 'text') =>
  html`<div class="field"><label for="f-${field}">${label}</label><p class="hint">${hint}</p>${fieldErrors(errors, field)}
<input id="f-${field}" name="${field}" type="${type}" value="${form[field]}"></div>`;

function identityPage(viewer: Viewer, form: IdentityForm, options: { errors: FieldMessage[]; message?: string | undefined; publicUrl: string; hasLogo: boolean }): string {
  const { errors } = options;
  return consolePage({
    title: 'Identity',
    ...frameOf(viewer),
    nav: 'settings',
    main: html`<div class="page-head"><div><p class="meta"><a href="/console/settings">Settings</a></p><h1>Deployment identity</h1></div></div>
${notice(options.message)}
${errorSummary(errors)}
${card('Who publishes here', html`<form method="post" action="/console/settings/identity" class="stack">${csrfField(viewer.csrf)}
${input(form, errors, 'authorityName', 'Authority name', 'Credited on every advisory published here, in page headers, feeds and e-mails, e.g. "Ministry of Foreign Affairs".')}
${input(form, errors, 'authorityShortName', 'Short name', 'In page titles and e-mail subjects, e.g. "MFA".')}
${input(form, errors, 'citizenNoun', 'Citizen noun', 'How generated text names the people you advise: "U.S. citizens", "British nationals".')}
${input(form, errors, 'brandColour', 'Brand colour', 'The page header\'s colour, as #rrggbb. White header text on it must reach WCAG AA contrast (4.5:1), so pale colours are refused.')}
${input(form, errors, 'emergencyPhone', 'Emergency phone', 'For citizens in an emergency abroad; shown in every page footer. Leave empty for none.', 'tel')}
${input(form, errors, 'contactUrl', 'Contact page', 'Your contact page (https://…); leave empty for none.', 'url')}
<div class="field"><label for="f-footerLinks">Footer links</label><p class="hint">One per line, "Label | https://…", at most 8.</p>${fieldErrors(errors, ...errors.filter((e) => e.field.startsWith('footerLinks')).map((e) => e.field))}
<textarea id="f-footerLinks" name="footerLinks" rows="4">${form.footerLinks}</textarea></div>
<p class="meta">Public base URL: <code>${options.publicUrl}</code> (set by <code>PUBLIC_URL</code> in the environment: every link in pages, feeds and e-mails starts with it).</p>
<div><button type="submit">Save identity</button></div></form>`)}
${card('Logo', html`<form method="post" action="/console/settings/logo" enctype="multipart/form-data" class="stack">${csrfField(viewer.csrf)}
<div class="field"><label for="f-logo">Logo file</label><p class="hint">SVG or PNG, at most ${LOGO_MAX_BYTES / 1024} KB, shown in the page header. An SVG is cleaned: scripts, event handlers, links and anything loaded from elsewhere are removed.</p>${fieldErrors(errors, 'logo')}
<input id="f-logo" name="logo" type="file" accept=".svg,.png,image/svg+xml,image/png"></div>
<div><button type="submit">Upload logo</button></div></form>
${options.hasLogo ? html`<form method="post" action="/console/settings/logo" class="stack">${csrfField(viewer.csrf)}<input type="hidden" name="remove" value="yes"><div><button type="submit" class="secondary">Remove the logo</button></div></form>` : ''}`)}`,
  });
}
