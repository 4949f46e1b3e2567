import { findByCode } from '../../domain/destinations.ts';
import type { StoredAlert } from '../../alerts/records.ts';
import { regionLabel } from '../../enrolment/regions.ts';
import type { SiteLinks } from '../../site/links.ts';
import { html, type SafeHtml } from '../html.ts';
import { breadcrumbs, formatDate } from './components.ts';
import { layout } from './layout.ts';

/**
 * Alert pages of the public site (docs/alerts.md): the active alerts on a destination's page, a
 * page per alert, and the list of every active alert. Only Actual alerts ever reach these; alert
 * text is plain text (not Markdown), escaped, with its line breaks kept.
 */

/** "23 November 2026, 10:00 UTC". */
export function alertTime(stored: string): SafeHtml {
  return html`<time datetime="${stored}">${formatDate(stored)}, ${stored.slice(11, 16)} UTC</time>`;
}

export function severityBadge(severity: string): SafeHtml {
  return html`<span class="severity severity-${severity}">${severity}</span>`;
}

const MSG_LABELS: Record<string, string> = { Alert: 'Alert', Update: 'Updated alert', Cancel: 'Cancelled' };

function window(alert: StoredAlert): SafeHtml {
  return html`From ${alertTime(alert.effective)} until ${alertTime(alert.expires)}`;
}

export function destinationLinks(alert: Pick<StoredAlert, 'destinations'>, links: SiteLinks): SafeHtml {
  return html`${alert.destinations.map((code, i) => {
    const destination = findByCode(code);
    return html`${i ? ', ' : ''}${destination ? html`<a href="${links.destination(destination.slug)}">${destination.name}</a>` : code}`;
  })}`;
}

/** One alert in a list: severity, headline (to its page), area and time window. */
function alertItem(alert: StoredAlert, links: SiteLinks, headingLevel: 'h2' | 'h3'): SafeHtml {
  const heading = html`<a href="${links.alert(alert.id)}">${alert.headline}</a>`;
  return html`<li class="alert-item">
<p>${severityBadge(alert.severity)} <span class="alert-state">${MSG_LABELS[alert.msgType]}: ${alert.event}</span></p>
${headingLevel === 'h2' ? html`<h2>${heading}</h2>` : html`<h3>${heading}</h3>`}
<p>${alert.area.areaDesc}. ${window(alert)}.</p>
${alert.instruction ? html`<p class="alert-text">${alert.instruction}</p>` : ''}
</li>`;
}

/** The box on a destination's page; nothing when no alert is active. */
export function activeAlertsSection(alerts: readonly StoredAlert[], links: SiteLinks): SafeHtml {
  if (alerts.length === 0) return html``;
  return html`<section class="alerts-panel" aria-labelledby="alerts-title">
<h2 id="alerts-title">${alerts.length === 1 ? 'Active alert' : `${alerts.length} active alerts`}</h2>
<ul class="alert-list">${alerts.map((alert) => alertItem(alert, links, 'h3'))}</ul>
</section>`;
}

export function alertPage(alert: StoredAlert, state: { active: boolean; replacedBy: StoredAlert | undefined }, links: SiteLinks): string {
  const first = findByCode(alert.destinations[0] ?? '');
  const status = alert.msgType === 'Cancel'
    ? html`<p class="panel"><strong>This message cancels an earlier alert.</strong>${alert.references.length ? html` ${alert.references.map((id, i) => html`${i ? ', ' : ''}<a href="${links.alert(id)}">Alert ${id}</a>`)}` : ''}</p>`
    : state.replacedBy
      ? html`<p class="panel"><strong>${state.replacedBy.msgType === 'Cancel' ? 'This alert was cancelled' : 'This alert was updated'}</strong>: see <a href="${links.alert(state.replacedBy.id)}">${state.replacedBy.headline}</a>.</p>`
      : state.active ? '' : html`<p class="panel"><strong>This alert has expired.</strong></p>`;
  const main = html`
${breadcrumbs(links, [{ label: 'Alerts', href: links.alerts }, { label: `Alert ${alert.id}` }])}
<header class="dest-head">
<p>${severityBadge(alert.severity)} <span class="alert-state">${MSG_LABELS[alert.msgType]}: ${alert.event}</span></p>
<h1>${alert.headline}</h1>
<p class="meta">${alert.senderName} · Issued ${alertTime(alert.sent)}</p>
</header>
${status}
<div class="dest-layout">
<div class="dest-body">
${alert.note ? html`<section aria-labelledby="note-title"><h2 id="note-title">Note</h2><p class="alert-text">${alert.note}</p></section>` : ''}
<section aria-labelledby="what-title"><h2 id="what-title">What is happening</h2><p class="alert-text">${alert.description}</p></section>
${alert.instruction ? html`<section aria-labelledby="do-title"><h2 id="do-title">What to do</h2><p class="alert-text">${alert.instruction}</p></section>` : ''}
${alert.contact ? html`<section aria-labelledby="contact-title"><h2 id="contact-title">Contact</h2><p class="alert-text">${alert.contact}</p></section>` : ''}
</div>
<aside class="dest-aside">
<section class="aside-box" aria-labelledby="facts-title">
<h2 id="facts-title">Details</h2>
<dl class="alert-facts">
<dt>Where</dt><dd>${alert.area.areaDesc}</dd>
<dt>Destinations</dt><dd>${destinationLinks(alert, links)}</dd>
${alert.regions.length ? html`<dt>Regions</dt><dd>${alert.regions.map((r) => regionLabel(r) ?? r).join(', ')}</dd>` : ''}
<dt>From</dt><dd>${alertTime(alert.effective)}</dd>
${alert.onset ? html`<dt>Onset</dt><dd>${alertTime(alert.onset)}</dd>` : ''}
<dt>Until</dt><dd>${alertTime(alert.expires)}</dd>
<dt>Severity</dt><dd>${alert.severity}</dd>
<dt>Urgency</dt><dd>${alert.urgency}</dd>
<dt>Certainty</dt><dd>${alert.certainty}</dd>
<dt>Category</dt><dd>${alert.category}</dd>
</dl>
<p class="small">For alerting systems: <a href="${links.alertCap(alert.id)}">this alert in CAP 1.2</a> · <a href="${links.alertsAtom}">all alerts (Atom)</a>.</p>
${first ? html`<p><a href="${links.destination(first.slug)}">${first.name}: the travel advisory</a></p>` : ''}
</section>
</aside>
</div>`;
  return layout({
    links,
    title: `${alert.headline} (${MSG_LABELS[alert.msgType]})`,
    description: `${alert.event}: ${alert.area.areaDesc}. ${alert.headline}`,
    href: links.alert(alert.id),
    section: null,
    main,
    feeds: [{ title: 'Alerts (Atom index of CAP documents)', href: links.alertsAtom }],
  });
}

export function alertsIndexPage(alerts: readonly StoredAlert[], links: SiteLinks): string {
  return layout({
    links,
    title: 'Active alerts',
    description: 'Embassy alerts in force or announced: demonstrations, storms, outbreaks and other short-lived dangers.',
    href: links.alerts,
    section: 'alerts',
    main: html`
${breadcrumbs(links, [{ label: 'Alerts' }])}
<h1>Active alerts</h1>
<p>Short-lived warnings from embassies and crisis staff. Each alert is also published in <a href="${links.alertsAtom}">an Atom feed of CAP 1.2 documents</a> for alerting systems.</p>
${alerts.length === 0 ? html`<p class="panel">No alert is active.</p>` : html`<ul class="alert-list">${alerts.map((alert) => alertItem(alert, links, 'h2'))}</ul>`}`,
    feeds: [{ title: 'Alerts (Atom index of CAP documents)', href: links.alertsAtom }],
  });
}
