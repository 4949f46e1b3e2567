import { INDICATOR_NAMES, INDICATORS } from '../../domain/indicators.ts';
import { LEVELS, levelLabel } from '../../domain/levels.ts';
import type { SiteLinks } from '../../site/links.ts';
import type { SiteSnapshot } from '../../site/snapshot.ts';
import { html, type SafeHtml } from '../html.ts';
import { dateTag, levelBadge, searchForm } from './components.ts';
import { destinationLinks, severityBadge } from './alerts.ts';
import { layout } from './layout.ts';

/** Active alerts above the map: headline (to the alert's page), severity and destinations; nothing when there are none. */
function activeAlerts({ activeAlerts: alerts }: SiteSnapshot, links: SiteLinks): SafeHtml {
  if (alerts.length === 0) return html``;
  return html`<section class="home-alerts" aria-labelledby="home-alerts-title">
<h2 id="home-alerts-title">${alerts.length === 1 ? 'Active alert' : `${alerts.length} active alerts`}</h2>
<ul>${alerts.map((alert) => html`<li>${severityBadge(alert.severity)} <a href="${links.alert(alert.id)}">${alert.headline}</a> · ${destinationLinks(alert, links)}</li>`)}</ul>
<p><a href="${links.alerts}">Every active alert, with its area and times</a></p>
</section>`;
}

/**
 * The home page: the world map (built once per publication and handed in), its legend, the Do
 * Not Travel list, the latest changes and ways into the lists. The lists are the map's text
 * alternative, and a skip link lets keyboard users pass its two hundred links.
 */
export function homePage(snapshot: SiteSnapshot, links: SiteLinks, map: SafeHtml): string {
  const { advised } = snapshot;
  const count = (level: number) => advised.filter((view) => view.advisory!.level === level).length;
  const doNotTravel = advised.filter((view) => view.advisory!.level === 4);
  const main = html`
<section class="intro">
<h1>Travel advisories for ${advised.length} destinations</h1>
<p class="lede">Check how safe a country is before you go: its advisory level, the risks behind it, the areas to avoid and what changed.${snapshot.updatedAt ? html` Last change published ${dateTag(snapshot.updatedAt)}.` : ''}</p>
${searchForm(links, 'home-search', '', 'Find a destination')}
</section>

${activeAlerts(snapshot, links)}
<section class="map-panel" aria-labelledby="map-title">
<div class="map-head"><h2 id="map-title">Advisory levels around the world</h2><a class="skip-map" href="#after-map">Skip the map</a></div>
<div class="map-frame">${map}</div>
<ul class="legend" aria-label="Map legend">
${LEVELS.toReversed().map((level) => html`<li><span class="swatch l${level}" aria-hidden="true"></span><a href="${links.level(level)}">Level ${level}: ${levelLabel(level)}</a> <span class="count">${count(level)}</span></li>`)}
<li><span class="swatch l0" aria-hidden="true"></span>No advisory</li>
<li><span class="swatch striped" aria-hidden="true"></span>Stripes: some areas at a higher level</li>
<li><span class="swatch marker-swatch" aria-hidden="true"></span>Circles: islands and small states</li>
${snapshot.activeAlerts.length ? html`<li><svg class="swatch-alert" viewBox="0 0 24 20" aria-hidden="true" focusable="false"><path d="M12,1l10,17h-20z" fill="#1a1f24"/></svg>Active alert (dashed line: its area)</li>` : ''}
</ul>
<p class="map-note">Islands and states too small to see at this scale, and Antarctica, are circles in their level's colour. Every destination is also listed <a href="${links.destinations}">from A to Z</a> and by level below.</p>
</section>

<div id="after-map" class="home-columns" tabindex="-1">
<section aria-labelledby="dnt-title" class="panel panel-urgent">
<h2 id="dnt-title">Do Not Travel <span class="count">${doNotTravel.length}</span></h2>
<p>Level 4 is the highest level: travellers are told not to go, and may be told to leave.</p>
<ul class="dnt-list">${doNotTravel.map(({ destination, advisory }) => html`<li><a href="${links.destination(destination.slug)}">${destination.name}</a>${advisory!.departureUrged ? html` <span class="tag-urgent">Leave now</span>` : ''}</li>`)}</ul>
<p><a href="${links.level(4)}">The Do Not Travel list with risks and dates</a></p>
</section>

<section aria-labelledby="latest-title" class="panel">
<h2 id="latest-title">Latest changes</h2>
<ol class="changes">${snapshot.latestChanges.map((change) => html`<li>
<p class="change-head"><a href="${links.destination(change.slug)}">${change.name}</a> ${levelBadge(change.level)}</p>
<p class="change-meta">${dateTag(change.publishedAt)} · ${change.changeType === 'major' ? 'Major change' : 'Minor change'}</p>
${change.changeNote ? html`<p class="change-note">${change.changeNote}</p>` : ''}
</li>`)}</ol>
<p><a href="${links.atom}">Follow every change (Atom)</a> · <a href="${links.rss}">RSS</a></p>
</section>
</div>

<section aria-labelledby="levels-title">
<h2 id="levels-title">Browse by level</h2>
<ul class="level-cards">${LEVELS.toReversed().map((level) => html`<li><a class="level-card l${level}-edge" href="${links.level(level)}"><span class="level-count">${count(level)}</span> <span>Level ${level}: ${levelLabel(level)}</span></a></li>`)}</ul>
</section>

<section aria-labelledby="risks-title">
<h2 id="risks-title">Browse by risk</h2>
<p>Where is wrongful detention a risk? Where is there a risk of kidnapping? Each list shows the destinations whose advisory names that risk.</p>
<ul class="risk-links">${INDICATORS.map((code) => {
    const n = advised.filter((view) => view.advisory!.indicators.includes(code)).length;
    return html`<li><a href="${links.indicator(code)}">${INDICATOR_NAMES[code]}</a> <span class="count">${n}</span></li>`;
  })}</ul>
</section>`;
  return layout({
    links,
    title: 'Travel advisories: world map',
    description: `Travel advisory levels for ${advised.length} destinations, with risks, regional advice and every change.`,
    href: links.home,
    section: 'map',
    main,
  });
}
