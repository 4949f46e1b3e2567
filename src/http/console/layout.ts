import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { levelLabel, type Level } from '../../domain/levels.ts';
import { can } from '../../domain/roles.ts';
import type { DraftStatus } from '../../domain/workflow.ts';
import type { MessageId } from '../../i18n/catalog.ts';
import { destinationName } from '../../i18n/destination-names.ts';
import { translator, type Translator } from '../../i18n/translator.ts';
import type { StaffUser } from '../../staff/users.ts';
import { languageMenu } from '../html-messages.ts';
import { html, type HtmlValue, type SafeHtml } from '../html.ts';
import { tablesAsCards } from '../table-cards.ts';

/** The console stylesheet, served under a content-hashed URL (cached for a year). */
export const CONSOLE_CSS = readFileSync(new URL('./console.css', import.meta.url));
export const CONSOLE_CSS_PATH = `/console/assets/console.${createHash('sha256').update(CONSOLE_CSS).digest('hex').slice(0, 10)}.css`;

export type NavKey = 'dashboard' | 'destinations' | 'calendar' | 'audit' | 'tokens' | 'users' | 'settings' | 'alerts' | 'notifications' | 'organisations' | 'sources' | 'crises' | 'cases';

export interface PageFrame {
  title: string;
  /** The signed-in staff member; null on the sign-in page. */
  user: StaffUser | null;
  csrf?: string;
  nav?: NavKey;
  main: SafeHtml;
  /** The staff member's language (the request's: `?lang=`, cookie, Accept-Language): required, so a page cannot fall back to English by forgetting it. */
  tr: Translator;
  /** This page's path and query, for the language menu's links. */
  path?: string;
}

const ENGLISH = translator('en');

function navLink(tr: Translator, key: NavKey, current: NavKey | undefined, href: string): SafeHtml {
  return html`<li><a href="${href}"${current === key ? html` aria-current="page"` : ''}>${tr.t(`console.nav.${key}`)}</a></li>`;
}

/** A whole console page: its own frame and stylesheet, never the public site's. */
export function consolePage(frame: PageFrame): string {
  const { user } = frame;
  const { tr } = frame;
  const nav = (key: NavKey, href: string) => navLink(tr, key, frame.nav, href);
  return `<!doctype html>\n${html`<html lang="${tr.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${tr.t('console.title', { page: frame.title })}</title>
<link rel="stylesheet" href="${CONSOLE_CSS_PATH}">
</head>
<body>
<a class="skip" href="#main">${tr.t('console.skip')}</a>
<header class="topbar">
<div class="topbar-inner">
<a class="brand" href="/console">Waypost<span>${tr.t('console.brand')}</span></a>
${user ? html`<nav aria-label="${tr.t('console.navLabel')}"><ul class="nav">
${nav('dashboard', '/console')}
${nav('destinations', '/console/destinations')}
${nav('calendar', '/console/calendar')}
${nav('alerts', '/console/alerts')}
${can(user.role, 'crises') ? nav('crises', '/console/crises') : ''}
${can(user.role, 'cases') ? nav('cases', '/console/cases') : ''}
${nav('notifications', '/console/notifications')}
${nav('audit', '/console/audit')}
${can(user.role, 'read') ? nav('sources', '/console/sources') : ''}
${nav('tokens', '/console/tokens')}
${can(user.role, 'administer') ? [nav('users', '/console/users'), nav('settings', '/console/settings')] : ''}
${can(user.role, 'verifyOrganisations') ? nav('organisations', '/console/organisations') : ''}
</ul></nav>
<div class="who"><span>${user.email}</span><span class="role">${tr.t('console.role', { role: user.role })}</span>
<form method="post" action="/console/sign-out"><input type="hidden" name="_csrf" value="${frame.csrf ?? ''}"><button type="submit">${tr.t('console.signOut')}</button></form></div>` : ''}
${frame.path ? languageMenu(tr, frame.path) : ''}
</div>
</header>
<main id="main">
${tablesAsCards(frame.main)}
</main>
<footer class="footer">${tr.t('console.footer')}</footer>
</body>
</html>`}`;
}

// ---- Small shared pieces ----

export function levelBadge(level: Level | number | null | undefined, tr: Translator = ENGLISH): SafeHtml {
  if (!level) return html`<span class="badge status">${tr.t('console.none')}</span>`;
  return html`<span class="badge level-${level}" title="${consoleLevelLabel(tr, level as Level)}">${tr.t('console.level', { level })}</span>`;
}

export function levelBadgeLong(level: Level, tr: Translator = ENGLISH): SafeHtml {
  return html`<span class="badge level-${level}">${tr.t('console.levelLong', { level, label: consoleLevelLabel(tr, level) })}</span>`;
}

/** A destination's name in the staff member's language (src/i18n/destination-names.ts); English as stored. */
export const placeName = (tr: Translator, code: string, name: string): string => (tr.locale === 'en' ? name : destinationName(code, tr.locale));

/** A level's name in the staff member's language (the domain's English names are the reference). */
export const consoleLevelLabel = (tr: Translator, level: Level): string => (tr.locale === 'en' ? levelLabel(level) : tr.t('console.levelLabel', { level: String(level) }));

const DRAFT_STATUSES: ReadonlySet<string> = new Set<DraftStatus>(['draft', 'submitted', 'approved', 'scheduled', 'published']);

/** A draft's status in the staff member's language ("submitted" / "soumis"). */
export const draftStatusLabel = (tr: Translator, status: string): string => tr.t('consoleEditorial.draftStatus', { status });

export function statusBadge(status: DraftStatus | 'overdue' | 'due' | 'not-set', label?: string, tr: Translator = ENGLISH): SafeHtml {
  const text = label ?? (DRAFT_STATUSES.has(status) ? draftStatusLabel(tr, status) : tr.t('console.status', { status: status.replace('-', '_') }));
  return html`<span class="badge status status-${status}">${text}</span>`;
}

/** "2026-03-01 12:00 UTC" from an RFC 3339 timestamp; dates pass through. */
export function when(value: string | null | undefined): string {
  if (!value) return '—';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function timeTag(value: string | null | undefined): SafeHtml {
  if (!value) return html`<span class="muted">—</span>`;
  return html`<time datetime="${value}">${when(value)}</time>`;
}

export function csrfField(csrf: string | undefined): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${csrf ?? ''}">`;
}

export function notice(text: string | null | undefined): SafeHtml | '' {
  return text ? html`<div class="notice" role="status">${text}</div>` : '';
}

export interface FieldMessage {
  field: string;
  message: string;
}

/** A field's control id, for the summary's links; forms whose ids differ pass their own. */
const controlId = (field: string) => `f-${field.replace(/\./g, '-')}`;

/**
 * The error summary at the top of a form, each message linking to its field. The title defaults
 * to "Nothing was saved"; `tr` names the fields in the staff member's language (the messages are
 * given already translated).
 */
export function errorSummary(errors: readonly FieldMessage[], title?: string, idOf: (field: string) => string = controlId, tr: Translator = ENGLISH): SafeHtml | '' {
  if (errors.length === 0) return '';
  const separator = tr.t('consoleEditorial.labelSeparator');
  return html`<div class="problem" role="alert" tabindex="-1" id="errors"><h2>${title ?? tr.t('console.errorSummary')}</h2><ul>${errors.map((e) =>
    html`<li>${e.field ? html`<a href="#${idOf(e.field)}">${fieldLabel(e.field, tr)}</a>${separator}` : ''}${e.message}</li>`)}</ul></div>`;
}

/** Fields that are lists, named per item: "destinations.1" reads "Destination 2". */
const ITEM_LABELS: Record<string, MessageId> = { destinations: 'consoleEditorial.field.destination', references: 'consoleEditorial.field.reference' };

/** Alert area fields (src/http/console/alerts) with a dot in their name. */
const DOTTED_LABELS: Record<string, MessageId> = { 'area.circle': 'consoleEditorial.field.circle', 'area.polygon': 'consoleEditorial.field.polygon', references: 'consoleEditorial.field.references' };

/** A form field's name as its label reads, in the staff member's language; a field without one shows its path. */
export function fieldLabel(field: string, tr: Translator = ENGLISH): string {
  const parts = field.split('.');
  const n = Number(parts[1]) + 1;
  if (parts[0] === 'sections' && parts[1] !== undefined) return tr.t('consoleEditorial.field.section', { n, part: parts[2] ?? 'none' });
  if (parts[0] === 'regions' && parts[1] !== undefined) return tr.t('consoleEditorial.field.region', { n, part: parts[2] ?? 'none' });
  if (parts[0] === 'risks' && parts[1] !== undefined) return tr.t('consoleEditorial.field.risk');
  if (parts[0]! in ITEM_LABELS && /^\d+$/.test(parts[1] ?? '')) return tr.t(ITEM_LABELS[parts[0]!]!, { n });
  if (Object.hasOwn(DOTTED_LABELS, field)) return tr.t(DOTTED_LABELS[field]!);
  return /^[A-Za-z]+$/.test(field) ? tr.t('consoleEditorial.field', { field }) : field;
}

/** The messages for one field, shown next to it. */
export function fieldErrors(errors: readonly FieldMessage[], ...fields: string[]): SafeHtml | '' {
  const mine = errors.filter((e) => fields.includes(e.field));
  return mine.length ? html`${mine.map((e) => html`<p class="error">${e.message}</p>`)}` : '';
}

export function hasError(errors: readonly FieldMessage[], ...fields: string[]): boolean {
  return errors.some((e) => fields.includes(e.field));
}

export function card(title: HtmlValue, body: HtmlValue, extra?: HtmlValue): SafeHtml {
  return html`<section class="card"><div class="card-head"><h2>${title}</h2>${extra ?? ''}</div>${body}</section>`;
}

/** The signed-in staff member a page is for, and the CSRF token its forms carry. */
export interface Viewer {
  user: StaffUser;
  csrf: string;
  /** The staff member's language. */
  tr: Translator;
  /** The page's path and query, for the language menu. */
  path: string;
}

/** The frame fields a page takes from its viewer: who, the CSRF token, the language and the path. */
export const frameOf = (viewer: Viewer): Pick<PageFrame, 'user' | 'csrf' | 'tr' | 'path'> => ({ user: viewer.user, csrf: viewer.csrf, tr: viewer.tr, path: viewer.path });

/** Staff members' names by id, for "written by" and the like. */
export type Labels = ReadonlyMap<number, string>;

export const who = (labels: Labels, id: number | null | undefined) => (id ? labels.get(id) ?? `user ${id}` : '—');

/** A short message in the console's frame: not found, not allowed. */
export function messagePage(user: StaffUser | null, csrf: string | undefined, title: string, message: string, link?: { href: string; label: string }, tr: Translator = ENGLISH): string {
  return consolePage({
    title,
    user,
    tr,
    ...(csrf ? { csrf } : {}),
    main: html`<div class="card narrow"><h1>${title}</h1><p>${message}</p>${link ? html`<p><a class="button secondary" href="${link.href}">${link.label}</a></p>` : ''}</div>`,
  });
}
