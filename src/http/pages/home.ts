import { INDICATORS } from '../../domain/indicators.ts';
import { LEVELS } from '../../domain/levels.ts';
import type { SiteLinks } from '../../site/links.ts';
import type { SiteSnapshot } from '../../site/snapshot.ts';
import { html, type SafeHtml } from '../html.ts';
import { message } from '../html-messages.ts';
import { dateTag, indicatorName, levelBadge, levelName, nameOf, searchForm } from './components.ts';
import { destinationLinks, severityBadge } from './alerts.ts';
import { layout } from './layout.ts';

/** Active alerts above the map: headline (to the alert's page), severity and destinations; nothing when there are none. */
function activeAlerts({ activeAlerts: alerts }: SiteSnapshot, links: SiteLinks): SafeHtml {
  if (alerts.length === 0) return html``;
  return html`<section class="home-alerts" aria-labelledby="home-alerts-title">
<h2 id="home-alerts-title">${links.tr.t('site.home.alerts', { count: alerts.length })}</h2>
<ul>${alerts.map((alert) => html`<li>${severityBadge(alert.severity, links.tr)} <a href="${links.alert(alert.id)}">${alert.headline}</a> · ${destinationLinks(alert, links)}</li>`)}</ul>
<p><a href="${links.alerts}">${links.tr.t('site.home.allAlerts')}</a></p>
</section>`;
}

/**
 * The home page: the world map (built once per publication and language, and handed in), its
 * legend, the Do Not Travel list, the latest changes and ways into the lists. The lists are the
 * map's text alternative, and a skip link lets keyboard users pass its two hundred links.
 */
export function homePage(snapshot: SiteSnapshot, links: SiteLinks, map: SafeHtml): string {
  const { tr } = links;
  const { advised } = snapshot;
  const count = (level: number) => advised.filter((view) => view.advisory!.level === level).length;
  const doNotTravel = advised.filter((view) => view.advisory!.level === 4)
    .sort((a, b) => nameOf(links, a.destination).localeCompare(nameOf(links, b.destination), tr.locale));
  const main = html`
<section class="intro">
<h1>${tr.t('site.home.heading', { count: advised.length })}</h1>
<p class="lede">${tr.t('site.home.lede')}${snapshot.updatedAt ? html` ${message(tr, 'site.home.lastChange', { date: dateTag(snapshot.updatedAt, undefined, tr) })}` : ''}</p>
${searchForm(links, 'home-search', '', tr.t('site.home.find'))}
</section>

${activeAlerts(snapshot, links)}
<section class="map-panel" aria-labelledby="map-title">
<div class="map-head"><h2 id="map-title">${tr.t('site.home.mapTitle')}</h2><a class="skip-map" href="#after-map">${tr.t('site.home.skipMap')}</a></div>
<div class="map-frame">${map}</div>
<ul class="legend" aria-label="${tr.t('site.home.legend')}">
${LEVELS.toReversed().map((level) => html`<li><span class="swatch l${level}" aria-hidden="true"></span><a href="${links.level(level)}">${levelName(tr, level)}</a> <span class="count">${count(level)}</span></li>`)}
<li><span class="swatch l0" aria-hidden="true"></span>${tr.t('site.noAdvisory')}</li>
<li><span class="swatch striped" aria-hidden="true"></span>${tr.t('site.home.legendStripes')}</li>
<li><span class="swatch marker-swatch" aria-hidden="true"></span>${tr.t('site.home.legendCircles')}</li>
${snapshot.activeAlerts.length ? html`<li><svg class="swatch-alert" viewBox="0 0 24 20" aria-hidden="true" focusable="false"><path d="M12,1l10,17h-20z" fill="#1a1f24"/></svg>${tr.t('site.home.legendAlert')}</li>` : ''}
</ul>
<p class="map-note">${message(tr, 'site.home.mapNote', { link: html`<a href="${links.destinations}">${tr.t('site.home.mapNoteLink')}</a>` })}</p>
</section>

<div id="after-map" class="home-columns" tabindex="-1">
<section aria-labelledby="dnt-title" class="panel panel-urgent">
<h2 id="dnt-title">${tr.t('site.level.4')} <span class="count">${doNotTravel.length}</span></h2>
<p>${tr.t('site.home.dntExplained')}</p>
<ul class="dnt-list">${doNotTravel.map(({ destination, advisory }) => html`<li><a href="${links.destination(destination.slug)}">${nameOf(links, destination)}</a>${advisory!.departureUrged ? html` <span class="tag-urgent">${tr.t('site.leaveNow')}</span>` : ''}</li>`)}</ul>
<p><a href="${links.level(4)}">${tr.t('site.home.dntList')}</a></p>
</section>

<section aria-labelledby="latest-title" class="panel">
<h2 id="latest-title">${tr.t('site.home.latest')}</h2>
<ol class="changes">${snapshot.latestChanges.map((change) => html`<li>
<p class="change-head"><a href="${links.destination(change.slug)}">${nameOf(links, change)}</a> ${levelBadge(change.level, 'small', tr)}</p>
<p class="change-meta">${dateTag(change.publishedAt, undefined, tr)} · ${tr.t(change.changeType === 'major' ? 'site.home.major' : 'site.home.minor')}</p>
${change.changeNote ? html`<p class="change-note">${change.changeNote}</p>` : ''}
</li>`)}</ol>
<p><a href="${links.atom}">${tr.t('site.home.followAtom')}</a> · <a href="${links.rss}">RSS</a></p>
</section>
</div>

<section aria-labelledby="levels-title">
<h2 id="levels-title">${tr.t('site.home.byLevel')}</h2>
<ul class="level-cards">${LEVELS.toReversed().map((level) => html`<li><a class="level-card l${level}-edge" href="${links.level(level)}"><span class="level-count">${count(level)}</span> <span>${levelName(tr, level)}</span></a></li>`)}</ul>
</section>

<section aria-labelledby="risks-title">
<h2 id="risks-title">${tr.t('site.home.byRisk')}</h2>
<p>${tr.t('site.home.byRiskIntro')}</p>
<ul class="risk-links">${INDICATORS.map((code) => {
    const n = advised.filter((view) => view.advisory!.indicators.includes(code)).length;
    return html`<li><a href="${links.indicator(code)}">${indicatorName(tr, code)}</a> <span class="count">${n}</span></li>`;
  })}</ul>
</section>`;
  return layout({
    links,
    title: tr.t('site.home.title'),
    description: tr.t('site.home.description', { count: advised.length }),
    href: links.home,
    section: 'map',
    main,
  });
}
