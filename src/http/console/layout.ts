import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { levelLabel, type Level } from '../../domain/levels.ts';
import { can } from '../../domain/roles.ts';
import type { DraftStatus } from '../../domain/workflow.ts';
import type { StaffUser } from '../../staff/users.ts';
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
}

function navLink(key: NavKey, current: NavKey | undefined, href: string, label: string): SafeHtml {
  return html`<li><a href="${href}"${current === key ? html` aria-current="page"` : ''}>${label}</a></li>`;
}

/** A whole console page: its own frame and stylesheet, never the public site's. */
export function consolePage(frame: PageFrame): string {
  const { user } = frame;
  return `<!doctype html>\n${html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${frame.title} · Waypost console</title>
<link rel="stylesheet" href="${CONSOLE_CSS_PATH}">
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="topbar">
<div class="topbar-inner">
<a class="brand" href="/console">Waypost<span>console</span></a>
${user ? html`<nav aria-label="Console"><ul class="nav">
${navLink('dashboard', frame.nav, '/console', 'Dashboard')}
${navLink('destinations', frame.nav, '/console/destinations', 'Destinations')}
${navLink('calendar', frame.nav, '/console/calendar', 'Review calendar')}
${navLink('alerts', frame.nav, '/console/alerts', 'Alerts')}
${can(user.role, 'crises') ? navLink('crises', frame.nav, '/console/crises', 'Crises') : ''}
${can(user.role, 'cases') ? navLink('cases', frame.nav, '/console/cases', 'Cases') : ''}
${navLink('notifications', frame.nav, '/console/notifications', 'Notifications')}
${navLink('audit', frame.nav, '/console/audit', 'Audit log')}
${can(user.role, 'read') ? navLink('sources', frame.nav, '/console/sources', 'Sources') : ''}
${navLink('tokens', frame.nav, '/console/tokens', 'API tokens')}
${can(user.role, 'administer') ? [navLink('users', frame.nav, '/console/users', 'Staff'), navLink('settings', frame.nav, '/console/settings', 'Settings')] : ''}
${can(user.role, 'verifyOrganisations') ? navLink('organisations', frame.nav, '/console/organisations', 'Organisations') : ''}
</ul></nav>
<div class="who"><span>${user.email}</span><span class="role">${user.role}</span>
<form method="post" action="/console/sign-out"><input type="hidden" name="_csrf" value="${frame.csrf ?? ''}"><button type="submit">Sign out</button></form></div>` : ''}
</div>
</header>
<main id="main">
${tablesAsCards(frame.main)}
</main>
<footer class="footer">Waypost staff console · every action is recorded in the audit log</footer>
</body>
</html>`}`;
}

// ---- Small shared pieces ----

export function levelBadge(level: Level | number | null | undefined): SafeHtml {
  if (!level) return html`<span class="badge status">none</span>`;
  return html`<span class="badge level-${level}" title="${levelLabel(level as Level)}">Level ${level}</span>`;
}

export function levelBadgeLong(level: Level): SafeHtml {
  return html`<span class="badge level-${level}">Level ${level}: ${levelLabel(level)}</span>`;
}

export function statusBadge(status: DraftStatus | 'overdue' | 'due' | 'not-set', label?: string): SafeHtml {
  return html`<span class="badge status status-${status}">${label ?? status}</span>`;
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

/** The error summary at the top of a form, each message linking to its field. */
/** A field's control id, for the summary's links; forms whose ids differ pass their own. */
const controlId = (field: string) => `f-${field.replace(/\./g, '-')}`;

export function errorSummary(errors: readonly FieldMessage[], title = 'Nothing was saved. Please correct:', idOf: (field: string) => string = controlId): SafeHtml | '' {
  if (errors.length === 0) return '';
  return html`<div class="problem" role="alert" tabindex="-1" id="errors"><h2>${title}</h2><ul>${errors.map((e) =>
    html`<li>${e.field ? html`<a href="#${idOf(e.field)}">${fieldLabel(e.field)}</a>: ` : ''}${e.message}</li>`)}</ul></div>`;
}

const FIELD_LABELS: Record<string, string> = {
  level: 'Level', indicators: 'Risk indicators', regions: 'Regions', departureUrged: 'Departure urged', summary: 'Summary', changeType: 'Change type',
  changeNote: 'Change note', nextReviewDue: 'Next review', comment: 'Comment', publishAt: 'Publish at', email: 'E-mail', role: 'Role', password: 'Password',
  // The alert form's (src/http/console/alerts), as its labels read.
  destinations: 'Destinations', timeZone: 'Time zone', effective: 'Effective from', onset: 'Onset', expires: 'Expires', headline: 'Headline',
  description: 'Description', instruction: 'What to do', event: 'Event', category: 'Category', severity: 'Severity', urgency: 'Urgency',
  certainty: 'Certainty', status: 'Status', msgType: 'Message type', senderName: 'Sender name', contact: 'Contact', web: 'Web link', note: 'Note',
  areaDesc: 'Area description', 'area.circle': 'Circle', 'area.polygon': 'Polygon', references: 'Refers to',
};

/** Fields that are lists, named per item: "destinations.1" reads "Destination 2". */
const ITEM_LABELS: Record<string, string> = { destinations: 'Destination', references: 'Reference' };

export function fieldLabel(field: string): string {
  const parts = field.split('.');
  if (parts[0] === 'sections' && parts[1] !== undefined) return `Section ${Number(parts[1]) + 1}${parts[2] ? ` ${parts[2]}` : ''}`;
  if (parts[0] === 'regions' && parts[1] !== undefined) return `Region ${Number(parts[1]) + 1}${parts[2] ? ` ${parts[2]}` : ''}`;
  if (parts[0] === 'risks' && parts[1] !== undefined) return 'Risk text';
  if (parts[0]! in ITEM_LABELS && /^\d+$/.test(parts[1] ?? '')) return `${ITEM_LABELS[parts[0]!]} ${Number(parts[1]) + 1}`;
  return FIELD_LABELS[field] ?? field;
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
}

/** Staff members' names by id, for "written by" and the like. */
export type Labels = ReadonlyMap<number, string>;

export const who = (labels: Labels, id: number | null | undefined) => (id ? labels.get(id) ?? `user ${id}` : '—');

/** A short message in the console's frame: not found, not allowed. */
export function messagePage(user: StaffUser | null, csrf: string | undefined, title: string, message: string, link?: { href: string; label: string }): string {
  return consolePage({
    title,
    user,
    ...(csrf ? { csrf } : {}),
    main: html`<div class="card narrow"><h1>${title}</h1><p>${message}</p>${link ? html`<p><a class="button secondary" href="${link.href}">${link.label}</a></p>` : ''}</div>`,
  });
}
