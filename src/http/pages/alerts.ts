import { findByCode } from '../../domain/destinations.ts';
import { DEFAULT_LOCALE } from '../../i18n/locales.ts';
import { translator, type Translator } from '../../i18n/translator.ts';
import { message } from '../html-messages.ts';
import type { StoredAlert } from '../../alerts/records.ts';
import { regionLabel } from '../../enrolment/regions.ts';
import type { SiteLinks } from '../../site/links.ts';
import { html, type SafeHtml } from '../html.ts';
import { breadcrumbs, formatDate, nameOf } from './components.ts';
import { capWord } from './cap-words.ts';
import { layout } from './layout.ts';

/**
 * Alert pages of the public site (docs/alerts.md): the active alerts on a destination's page, a
 * page per alert, and the list of every active alert. Only Actual alerts ever reach these; alert
 * text is plain text (not Markdown), escaped, with its line breaks kept.
 */

/** "23 November 2026, 10:00 UTC". */
export function alertTime(stored: string, tr: Translator = translator(DEFAULT_LOCALE)): SafeHtml {
  return html`<time datetime="${stored}">${tr.t('alert.time', { date: formatDate(stored, tr), time: stored.slice(11, 16) })}</time>`;
}

export function severityBadge(severity: string, tr: Translator = translator(DEFAULT_LOCALE)): SafeHtml {
  return html`<span class="severity severity-${severity}">${capWord(tr, 'severity', severity)}</span>`;
}

function msgLabel(alert: StoredAlert, tr: Translator): string {
  return tr.t(`alert.msg.${alert.msgType}`);
}

function window(alert: StoredAlert, tr: Translator): SafeHtml {
  return message(tr, 'alert.window', { from: alertTime(alert.effective, tr), until: alertTime(alert.expires, tr) });
}

export function destinationLinks(alert: Pick<StoredAlert, 'destinations'>, links: SiteLinks): SafeHtml {
  return html`${alert.destinations.map((code, i) => {
    const destination = findByCode(code);
    return html`${i ? ', ' : ''}${destination ? html`<a href="${links.destination(destination.slug)}">${nameOf(links, destination)}</a>` : code}`;
  })}`;
}

/** One alert in a list: severity, headline (to its page), area and time window. */
function alertItem(alert: StoredAlert, links: SiteLinks, headingLevel: 'h2' | 'h3'): SafeHtml {
  const { tr } = links;
  const heading = html`<a href="${links.alert(alert.id)}">${alert.headline}</a>`;
  return html`<li class="alert-item">
<p>${severityBadge(alert.severity, tr)} <span class="alert-state">${msgLabel(alert, tr)}: ${alert.event}</span></p>
${headingLevel === 'h2' ? html`<h2>${heading}</h2>` : html`<h3>${heading}</h3>`}
<p>${alert.area.areaDesc}. ${window(alert, tr)}.</p>
${alert.instruction ? html`<p class="alert-text">${alert.instruction}</p>` : ''}
</li>`;
}

/** The box on a destination's page; nothing when no alert is active. */
export function activeAlertsSection(alerts: readonly StoredAlert[], links: SiteLinks): SafeHtml {
  if (alerts.length === 0) return html``;
  return html`<section class="alerts-panel" aria-labelledby="alerts-title">
<h2 id="alerts-title">${links.tr.t('alert.active', { count: alerts.length })}</h2>
<ul class="alert-list">${alerts.map((alert) => alertItem(alert, links, 'h3'))}</ul>
</section>`;
}

export function alertPage(alert: StoredAlert, state: { active: boolean; replacedBy: StoredAlert | undefined }, links: SiteLinks): string {
  const { tr } = links;
  const first = findByCode(alert.destinations[0] ?? '');
  const status = alert.msgType === 'Cancel'
    ? html`<p class="panel"><strong>${tr.t('alert.cancels')}</strong>${alert.references.length ? html` ${alert.references.map((id, i) => html`${i ? ', ' : ''}<a href="${links.alert(id)}">${tr.t('alert.number', { id })}</a>`)}` : ''}</p>`
    : state.replacedBy
      ? html`<p class="panel"><strong>${tr.t(state.replacedBy.msgType === 'Cancel' ? 'alert.wasCancelled' : 'alert.wasUpdated')}</strong>: ${message(tr, 'alert.see', { link: html`<a href="${links.alert(state.replacedBy.id)}">${state.replacedBy.headline}</a>` })}.</p>`
      : state.active ? '' : html`<p class="panel"><strong>${tr.t('alert.expired')}</strong></p>`;
  const main = html`
${breadcrumbs(links, [{ label: tr.t('site.nav.alerts'), href: links.alerts }, { label: tr.t('alert.number', { id: alert.id }) }])}
<header class="dest-head">
<p>${severityBadge(alert.severity, tr)} <span class="alert-state">${msgLabel(alert, tr)}: ${alert.event}</span></p>
<h1>${alert.headline}</h1>
<p class="meta">${alert.senderName} · ${message(tr, 'alert.issued', { time: alertTime(alert.sent, tr) })}</p>
</header>
${status}
<div class="dest-layout">
<div class="dest-body">
${alert.note ? html`<section aria-labelledby="note-title"><h2 id="note-title">${tr.t('alert.note')}</h2><p class="alert-text">${alert.note}</p></section>` : ''}
<section aria-labelledby="what-title"><h2 id="what-title">${tr.t('alert.what')}</h2><p class="alert-text">${alert.description}</p></section>
${alert.instruction ? html`<section aria-labelledby="do-title"><h2 id="do-title">${tr.t('alert.do')}</h2><p class="alert-text">${alert.instruction}</p></section>` : ''}
${alert.contact ? html`<section aria-labelledby="contact-title"><h2 id="contact-title">${tr.t('alert.contact')}</h2><p class="alert-text">${alert.contact}</p></section>` : ''}
</div>
<aside class="dest-aside">
<section class="aside-box" aria-labelledby="facts-title">
<h2 id="facts-title">${tr.t('alert.details')}</h2>
<dl class="alert-facts">
<dt>${tr.t('alert.where')}</dt><dd>${alert.area.areaDesc}</dd>
<dt>${tr.t('alert.destinations')}</dt><dd>${destinationLinks(alert, links)}</dd>
${alert.regions.length ? html`<dt>${tr.t('alert.regions')}</dt><dd>${tr.list(alert.regions.map((r) => regionLabel(r) ?? r))}</dd>` : ''}
<dt>${tr.t('alert.from')}</dt><dd>${alertTime(alert.effective, tr)}</dd>
${alert.onset ? html`<dt>${tr.t('alert.onset')}</dt><dd>${alertTime(alert.onset, tr)}</dd>` : ''}
<dt>${tr.t('alert.until')}</dt><dd>${alertTime(alert.expires, tr)}</dd>
<dt>${tr.t('alert.severity')}</dt><dd>${capWord(tr, 'severity', alert.severity)}</dd>
<dt>${tr.t('alert.urgency')}</dt><dd>${capWord(tr, 'urgency', alert.urgency)}</dd>
<dt>${tr.t('alert.certainty')}</dt><dd>${capWord(tr, 'certainty', alert.certainty)}</dd>
<dt>${tr.t('alert.category')}</dt><dd>${capWord(tr, 'category', alert.category)}</dd>
</dl>
<p class="small">${message(tr, 'alert.forSystems', { cap: html`<a href="${links.alertCap(alert.id)}">${tr.t('alert.inCap')}</a>`, atom: html`<a href="${links.alertsAtom}">${tr.t('alert.allAtom')}</a>` })}</p>
${first ? html`<p><a href="${links.destination(first.slug)}">${tr.t('alert.advisoryFor', { name: nameOf(links, first) })}</a></p>` : ''}
</section>
</aside>
</div>`;
  return layout({
    links,
    title: `${alert.headline} (${msgLabel(alert, tr)})`,
    description: `${alert.event}: ${alert.area.areaDesc}. ${alert.headline}`,
    href: links.alert(alert.id),
    section: null,
    main,
    feeds: [{ title: tr.t('alert.feedTitle'), href: links.alertsAtom }],
  });
}

export function alertsIndexPage(alerts: readonly StoredAlert[], links: SiteLinks): string {
  const { tr } = links;
  return layout({
    links,
    title: tr.t('alert.indexTitle'),
    description: tr.t('alert.indexDescription'),
    href: links.alerts,
    section: 'alerts',
    main: html`
${breadcrumbs(links, [{ label: tr.t('site.nav.alerts') }])}
<h1>${tr.t('alert.indexTitle')}</h1>
<p>${message(tr, 'alert.indexIntro', { link: html`<a href="${links.alertsAtom}">${tr.t('alert.indexFeed')}</a>` })}</p>
${alerts.length === 0 ? html`<p class="panel">${tr.t('alert.none')}</p>` : html`<ul class="alert-list">${alerts.map((alert) => alertItem(alert, links, 'h2'))}</ul>`}`,
    feeds: [{ title: tr.t('alert.feedTitle'), href: links.alertsAtom }],
  });
}
