import { normaliseName, type Destination } from '../../domain/destinations.ts';
import { INDICATOR_NAMES, INDICATORS } from '../../domain/indicators.ts';
import { allMissionsDown } from '../../domain/missions.ts';
import { levelLabel } from '../../domain/levels.ts';
import type { StoredRevision } from '../../publishing/revisions.ts';
import { departureStatement } from '../../site/departure.ts';
import type { SiteLinks } from '../../site/links.ts';
import { html, type SafeHtml } from '../html.ts';
import { markdownToText, renderMarkdown } from '../markdown.ts';
import { breadcrumbs, dateTag, indicatorList, levelBadge } from './components.ts';
import { layout } from './layout.ts';
import { missionsBox, quickFactsBox } from './missions-box.ts';
import { activeAlertsSection } from './alerts.ts';
import type { StoredAlert } from '../../alerts/records.ts';
import type { Freshness } from '../../domain/freshness.ts';
import type { Comparison } from '../../sources/peers/comparison.ts';
import { peerAdviceSection } from './peer-advice.ts';
import { advisoryText } from './advisory-text.ts';
import type { Locale } from '../../i18n/locales.ts';

/** A destination's page: level, departure banner, risks, regions, sections, changes, history, feeds. */
export interface DestinationExtras {
  alerts?: readonly StoredAlert[];
  /** What the top of the page says about how current the advice is; null without an advisory. */
  freshness?: Freshness | null;
  /** Other governments' advice on this destination. */
  comparison?: Comparison;
  /** The reader's language: the advisory's text is shown translated where it can be (advisory-text.ts). */
  locale?: Locale;
}

export function destinationPage(destination: Destination, history: readonly StoredRevision[], links: SiteLinks, extras: DestinationExtras = {}): string {
  const advisory = history[0];
  const alerts = extras.alerts ?? [];
  const href = links.destination(destination.slug);
  const main = advisory ? advisoryMain(destination, advisory, history, links, alerts, extras.freshness ?? null, extras.comparison, extras.locale) : noAdvisoryMain(destination, links, alerts);
  return layout({
    links,
    title: advisory ? `${destination.name}: Level ${advisory.level}, ${levelLabel(advisory.level)}` : `${destination.name}: no advisory`,
    description: advisory ? truncate(markdownToText(advisory.summary), 200) : `${links.brand.identity.authorityName} has no travel advisory for ${destination.name}.`,
    href,
    section: 'destinations',
    main,
    script: Boolean(advisory),
    feeds: advisory ? [{ title: `${destination.name}: advisory changes (Atom)`, href: links.destinationAtom(destination.code) }] : [],
  });
}

function advisoryMain(destination: Destination, advisory: StoredRevision, history: readonly StoredRevision[], links: SiteLinks, alerts: readonly StoredAlert[], current: Freshness | null, comparison?: Comparison, locale: Locale = 'en'): SafeHtml {
  const text = advisoryText(advisory, locale);
  const departure = advisory.departureUrged ? departureStatement(advisory) : null;
  const risks = risksSection(advisory);
  // When no embassy can help in person, the page says so before anything else; otherwise the
  // embassies come after the summary, so a phone reaches what changed and the contents first.
  const down = allMissionsDown(advisory.missions);
  return html`
${breadcrumbs(links, [{ label: 'Destinations', href: links.destinations }, { label: destination.name }])}
<header class="dest-head">
<h1>${destination.name}</h1>
<p class="dest-level">${levelBadge(advisory.level, 'large')}</p>
${advisory.indicators.length ? html`<div class="dest-risks"><span class="label">Risk indicators:</span>${indicatorList(advisory.indicators, links)}</div>` : ''}
${current ? freshnessBlock(current) : html`<p class="meta">Updated ${dateTag(advisory.publishedAt)}</p>`}
<p class="meta">Revision ${advisory.revision} · Source: ${advisory.source.url ? html`<a href="${advisory.source.url}">${advisory.source.authority}</a>` : advisory.source.authority}</p>${links.account ? html`
<p class="live-only"><a class="button enrol-top" href="${links.account}">Subscribe or enrol a trip</a></p>` : ''}
</header>
${advisory.departureUrged ? html`<section class="banner-urgent" aria-labelledby="leave-title">
<h2 id="leave-title">Leave now</h2>
<p class="banner-quote">${departure ?? `${links.brand.identity.citizenNoun} in ${destination.name} are urged to leave.`}</p>
${departure ? html`<p class="banner-credit">${advisory.source.authority}</p>` : ''}
</section>` : ''}
${down ? missionsBox(destination.name, advisory.missions, links.brand.identity) : ''}
${activeAlertsSection(alerts, links)}
<div class="dest-layout">
<section class="dest-top" aria-labelledby="summary-title">
<h2 id="summary-title">Summary</h2>
${text.summary}
</section>
<aside class="dest-aside">
${changedBox(destination, advisory, links)}
${contentsBox({ ...advisory, sections: text.headings }, Boolean(risks.value), Boolean(advisory.missions.length))}
${followBox(destination, links)}
${quickFactsBox(advisory.quickFacts)}
</aside>
<div class="dest-body">
${down ? '' : missionsBox(destination.name, advisory.missions, links.brand.identity)}
${risks}
${advisory.regions.length ? regionsSection(advisory, links) : ''}
${peerAdviceSection(comparison, links)}
${text.sections}
${historySection(destination, history, links)}
</div>
</div>`;
}

/** Subscribing and enrolling (live site only), and the feeds: near the top, so a phone reaches it at once. */
function followBox(destination: Destination, links: SiteLinks): SafeHtml {
  return html`<section class="aside-box follow" aria-labelledby="follow-title">
<h2 id="follow-title">Stay informed</h2>
${links.account ? html`<p class="live-only">Get an e-mail when ${destination.name}'s advisory changes or an alert is issued, and enrol your trip so the embassy can reach you in an emergency.</p>
<p class="live-only"><a class="button" href="${links.account}">Subscribe or enrol a trip</a></p>
` : ''}<p>Follow ${destination.name}'s advisory in a feed reader: <a href="${links.destinationAtom(destination.code)}">Atom feed</a>.</p>
<p class="small">All destinations: <a href="${links.atom}">Atom</a> · <a href="${links.rss}">RSS</a>. For developers: <a href="${links.apiAdvisory(destination.code)}">this advisory as JSON</a>.</p>
</section>`;
}

/**
 * The contents. Every long section below is a <details>, closed in the HTML so that a phone's page
 * is short without any script; site.js opens them on a wide screen and opens the one a link here
 * leads to; the print stylesheet prints them all.
 */
function contentsBox(advisory: StoredRevision, hasRisks: boolean, hasMissions: boolean): SafeHtml {
  return html`<nav class="toc" aria-labelledby="toc-title"><h2 id="toc-title">On this page</h2><ul>
<li><a href="#summary-title">Summary</a></li>
${hasMissions ? html`<li><a href="#missions-title">Embassies and consulates</a></li>` : ''}
${hasRisks ? html`<li><a href="#risks-title">Risks</a></li>` : ''}
${advisory.regions.length ? html`<li><a href="#regions-title">Regional advice</a></li>` : ''}
${advisory.sections.map((section) => html`<li><a href="#${section.slug}">${section.title}</a></li>`)}
<li><a href="#history-title">History</a></li>
</ul></nav>`;
}


/** GOV.UK's pattern: still current today, when it was updated and what the latest update was. */
function freshnessBlock(current: Freshness): SafeHtml {
  return html`<dl class="freshness">
<div><dt>Still current at:</dt><dd>${dateTag(current.stillCurrentAt, 'still-current')}</dd></div>
<div><dt>Updated:</dt><dd>${dateTag(current.updated)}</dd></div>
${current.latestChange ? html`<div class="latest-change"><dt>Latest update:</dt><dd>${current.latestChange}</dd></div>` : ''}
</dl>
${current.reviewOverdueSince ? html`<p class="review-overdue">This advice was due for review on ${dateTag(current.reviewOverdueSince)} and has not been reviewed since. It remains the current advice until it is replaced.</p>` : ''}`;
}

/**
 * The advisory's own words for each risk, grouped under the indicator they come with. Words that
 * only repeat the indicator's name ("crime") add nothing to the chips above and are left out.
 */
function risksSection(advisory: StoredRevision): SafeHtml {
  const telling = advisory.risks.filter((risk) => !normaliseName(INDICATOR_NAMES[risk.indicator]).includes(normaliseName(risk.text)));
  const byIndicator = INDICATORS.map((code) => [code, telling.filter((risk) => risk.indicator === code)] as const)
    .filter(([, risks]) => risks.length > 0);
  if (byIndicator.length === 0) return html``;
  return html`<section class="panel risks-panel" aria-labelledby="risks-title">
<h2 id="risks-title">Risks</h2>
<dl class="risks">${byIndicator.map(([code, risks]) => html`<div><dt>${INDICATOR_NAMES[code]}</dt>${risks.map((risk) => html`<dd>${risk.text}</dd>`)}</div>`)}</dl>
</section>`;
}

function regionsSection(advisory: StoredRevision, links: SiteLinks): SafeHtml {
  return html`<details class="fold" aria-labelledby="regions-title">
<summary><h2 id="regions-title">Regional advice</h2></summary>
<p>Some areas have a different level from the country as a whole.</p>
<div class="table-scroll"><table class="regions">
<thead><tr><th scope="col">Area</th><th scope="col">Level</th><th scope="col">Advice</th></tr></thead>
<tbody>${advisory.regions.map((region) => html`<tr>
<th scope="row">${region.name}</th>
<td>${levelBadge(region.level)}${indicatorList(region.indicators, links)}</td>
<td class="prose">${renderMarkdown(region.summary)}</td>
</tr>`)}</tbody>
</table></div>
</details>`;
}

function changedBox(destination: Destination, advisory: StoredRevision, links: SiteLinks): SafeHtml {
  const previous = advisory.revision > 1 ? advisory.revision - 1 : null;
  return html`<section class="aside-box changed" aria-labelledby="changed-title">
<h2 id="changed-title">What changed</h2>
<p class="change-meta">Updated ${dateTag(advisory.publishedAt)}</p>
<p>${advisory.changeNote || 'No change note.'}</p>
<p>${previous
    ? html`<a href="${links.revision(destination.slug, advisory.revision, previous)}">See exactly what changed since revision ${previous}</a>`
    : html`<a href="${links.revision(destination.slug, advisory.revision)}">Revision 1, the first published here</a>`}</p>
</section>`;
}

function historySection(destination: Destination, history: readonly StoredRevision[], links: SiteLinks): SafeHtml {
  return html`<details class="fold">
<summary><h2 id="history-title">History</h2></summary>
<ol class="timeline">${history.map((revision) => html`<li>
<p class="timeline-head"><a href="${links.revision(destination.slug, revision.revision)}">Revision ${revision.revision}</a>, ${dateTag(revision.publishedAt)} ${levelBadge(revision.level)}</p>
<p>${revision.changeNote || 'No change note.'}</p>
</li>`)}</ol>
</details>`;
}

function noAdvisoryMain(destination: Destination, links: SiteLinks, alerts: readonly StoredAlert[]): SafeHtml {
  return html`
${breadcrumbs(links, [{ label: 'Destinations', href: links.destinations }, { label: destination.name }])}
<header class="dest-head">
<h1>${destination.name}</h1>
<p class="dest-level">${levelBadge(null, 'large')}</p>
</header>
${activeAlertsSection(alerts, links)}
<div class="panel">
<p>No advisory has been published for ${destination.name}. That is not a statement that it is safe: the publisher may cover it in a neighbouring country's advisory, or not at all.</p>
<p><a href="${links.destinations}">Every destination from A to Z</a></p>
</div>`;
}

function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1).replace(/\s+\S*$/, '')}…`;
}
