import { normaliseName, type Destination } from '../../domain/destinations.ts';
import { INDICATOR_NAMES, INDICATORS } from '../../domain/indicators.ts';
import { message } from '../html-messages.ts';
import { allMissionsDown } from '../../domain/missions.ts';
import type { StoredRevision } from '../../publishing/revisions.ts';
import { departureStatement } from '../../site/departure.ts';
import type { SiteLinks } from '../../site/links.ts';
import { html, type SafeHtml } from '../html.ts';
import { markdownToText, renderMarkdown } from '../markdown.ts';
import { breadcrumbs, dateTag, indicatorList, indicatorName, levelBadge, levelLabelIn, nameOf } from './components.ts';
import { layout } from './layout.ts';
import { missionsBox, quickFactsBox } from './missions-box.ts';
import { activeAlertsSection } from './alerts.ts';
import type { StoredAlert } from '../../alerts/records.ts';
import type { Freshness } from '../../domain/freshness.ts';
import type { Comparison } from '../../sources/peers/comparison.ts';
import { peerAdviceSection } from './peer-advice.ts';
import { advisoryText } from './advisory-text.ts';

/** A destination's page: level, departure banner, risks, regions, sections, changes, history, feeds. */
export interface DestinationExtras {
  alerts?: readonly StoredAlert[];
  /** What the top of the page says about how current the advice is; null without an advisory. */
  freshness?: Freshness | null;
  /** Other governments' advice on this destination. */
  comparison?: Comparison;
}

export function destinationPage(destination: Destination, history: readonly StoredRevision[], links: SiteLinks, extras: DestinationExtras = {}): string {
  const advisory = history[0];
  const alerts = extras.alerts ?? [];
  const { tr } = links;
  const name = nameOf(links, destination);
  const href = links.destination(destination.slug);
  const main = advisory ? advisoryMain(destination, advisory, history, links, alerts, extras.freshness ?? null, extras.comparison) : noAdvisoryMain(destination, links, alerts);
  return layout({
    links,
    title: advisory ? tr.t('dest.title', { name, level: advisory.level, label: levelLabelIn(tr, advisory.level) }) : tr.t('dest.titleNone', { name }),
    description: advisory ? truncate(markdownToText(advisory.summary), 200) : tr.t('dest.descriptionNone', { authority: links.brand.identity.authorityName, name }),
    href,
    section: 'destinations',
    main,
    script: Boolean(advisory),
    feeds: advisory ? [{ title: tr.t('dest.feedTitle', { name }), href: links.destinationAtom(destination.code) }] : [],
  });
}

function advisoryMain(destination: Destination, advisory: StoredRevision, history: readonly StoredRevision[], links: SiteLinks, alerts: readonly StoredAlert[], current: Freshness | null, comparison?: Comparison): SafeHtml {
  const text = advisoryText(advisory, links.tr.locale);
  const departure = advisory.departureUrged ? departureStatement(advisory) : null;
  const risks = risksSection(advisory, links);
  // When no embassy can help in person, the page says so before anything else; otherwise the
  // embassies come after the summary, so a phone reaches what changed and the contents first.
  const down = allMissionsDown(advisory.missions);
  const { tr } = links;
  const name = nameOf(links, destination);
  return html`
${breadcrumbs(links, [{ label: tr.t('site.destinations'), href: links.destinations }, { label: name }])}
<header class="dest-head">
<h1>${name}</h1>
<p class="dest-level">${levelBadge(advisory.level, 'large', tr)}</p>
${advisory.indicators.length ? html`<div class="dest-risks"><span class="label">${tr.t('dest.riskIndicators')}</span>${indicatorList(advisory.indicators, links)}</div>` : ''}
${current ? freshnessBlock(current, links) : html`<p class="meta">${message(tr, 'dest.updated', { date: dateTag(advisory.publishedAt, undefined, tr) })}</p>`}
<p class="meta">${message(tr, 'dest.revisionSource', { revision: advisory.revision, source: advisory.source.url ? html`<a href="${advisory.source.url}">${advisory.source.authority}</a>` : advisory.source.authority })}</p>${links.account ? html`
<p class="live-only"><a class="button enrol-top" href="${links.account}">${tr.t('dest.subscribe')}</a></p>` : ''}
</header>
${advisory.departureUrged ? html`<section class="banner-urgent" aria-labelledby="leave-title">
<h2 id="leave-title">${tr.t('dest.leaveNow')}</h2>
<p class="banner-quote">${departure ?? tr.t('dest.urgedToLeave', { citizens: links.brand.identity.citizenNoun, name })}</p>
${departure ? html`<p class="banner-credit">${advisory.source.authority}</p>` : ''}
</section>` : ''}
${down ? missionsBox(name, advisory.missions, links.brand.identity, tr) : ''}
${activeAlertsSection(alerts, links)}
<div class="dest-layout">
<section class="dest-top" aria-labelledby="summary-title">
<h2 id="summary-title">${tr.t('dest.summary')}</h2>
${text.summary}
</section>
<aside class="dest-aside">
${changedBox(destination, advisory, links)}
${contentsBox({ ...advisory, sections: text.headings }, Boolean(risks.value), Boolean(advisory.missions.length), links)}
${followBox(destination, links)}
${quickFactsBox(advisory.quickFacts, tr)}
</aside>
<div class="dest-body">
${down ? '' : missionsBox(name, advisory.missions, links.brand.identity, tr)}
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
  const { tr } = links;
  const name = nameOf(links, destination);
  return html`<section class="aside-box follow" aria-labelledby="follow-title">
<h2 id="follow-title">${tr.t('dest.follow')}</h2>
${links.account ? html`<p class="live-only">${tr.t('dest.followEmail', { name })}</p>
<p class="live-only"><a class="button" href="${links.account}">${tr.t('dest.subscribe')}</a></p>
` : ''}<p>${message(tr, 'dest.followFeed', { name, link: html`<a href="${links.destinationAtom(destination.code)}">${tr.t('dest.atomFeed')}</a>` })}</p>
<p class="small">${message(tr, 'dest.allFeeds', { atom: html`<a href="${links.atom}">Atom</a>`, rss: html`<a href="${links.rss}">RSS</a>`, json: html`<a href="${links.apiAdvisory(destination.code)}">${tr.t('dest.asJson')}</a>` })}</p>
</section>`;
}

/**
 * The contents. Every long section below is a <details>, closed in the HTML so that a phone's page
 * is short without any script; site.js opens them on a wide screen and opens the one a link here
 * leads to; the print stylesheet prints them all.
 */
function contentsBox(advisory: StoredRevision, hasRisks: boolean, hasMissions: boolean, { tr }: SiteLinks): SafeHtml {
  return html`<nav class="toc" aria-labelledby="toc-title"><h2 id="toc-title">${tr.t('dest.contents')}</h2><ul>
<li><a href="#summary-title">${tr.t('dest.summary')}</a></li>
${hasMissions ? html`<li><a href="#missions-title">${tr.t('dest.missions')}</a></li>` : ''}
${hasRisks ? html`<li><a href="#risks-title">${tr.t('dest.risks')}</a></li>` : ''}
${advisory.regions.length ? html`<li><a href="#regions-title">${tr.t('dest.regions')}</a></li>` : ''}
${advisory.sections.map((section) => html`<li><a href="#${section.slug}">${section.title}</a></li>`)}
<li><a href="#history-title">${tr.t('dest.history')}</a></li>
</ul></nav>`;
}


/** GOV.UK's pattern: still current today, when it was updated and what the latest update was. */
function freshnessBlock(current: Freshness, { tr }: SiteLinks): SafeHtml {
  return html`<dl class="freshness">
<div><dt>${tr.t('dest.stillCurrent')}</dt><dd>${dateTag(current.stillCurrentAt, 'still-current', tr)}</dd></div>
<div><dt>${tr.t('dest.updatedLabel')}</dt><dd>${dateTag(current.updated, undefined, tr)}</dd></div>
${current.latestChange ? html`<div class="latest-change"><dt>${tr.t('dest.latestUpdate')}</dt><dd>${current.latestChange}</dd></div>` : ''}
</dl>
${current.reviewOverdueSince ? html`<p class="review-overdue">${message(tr, 'dest.reviewOverdue', { date: dateTag(current.reviewOverdueSince, undefined, tr) })}</p>` : ''}`;
}

/**
 * The advisory's own words for each risk, grouped under the indicator they come with. Words that
 * only repeat the indicator's name ("crime") add nothing to the chips above and are left out.
 */
function risksSection(advisory: StoredRevision, { tr }: SiteLinks): SafeHtml {
  const telling = advisory.risks.filter((risk) => !normaliseName(INDICATOR_NAMES[risk.indicator]).includes(normaliseName(risk.text)));
  const byIndicator = INDICATORS.map((code) => [code, telling.filter((risk) => risk.indicator === code)] as const)
    .filter(([, risks]) => risks.length > 0);
  if (byIndicator.length === 0) return html``;
  return html`<section class="panel risks-panel" aria-labelledby="risks-title">
<h2 id="risks-title">${tr.t('dest.risks')}</h2>
<dl class="risks">${byIndicator.map(([code, risks]) => html`<div><dt>${indicatorName(tr, code)}</dt>${risks.map((risk) => html`<dd>${risk.text}</dd>`)}</div>`)}</dl>
</section>`;
}

function regionsSection(advisory: StoredRevision, links: SiteLinks): SafeHtml {
  const { tr } = links;
  return html`<details class="fold" aria-labelledby="regions-title">
<summary><h2 id="regions-title">${tr.t('dest.regions')}</h2></summary>
<p>${tr.t('dest.regionsIntro')}</p>
<div class="table-scroll"><table class="regions">
<thead><tr><th scope="col">${tr.t('dest.area')}</th><th scope="col">${tr.t('site.table.level')}</th><th scope="col">${tr.t('dest.advice')}</th></tr></thead>
<tbody>${advisory.regions.map((region) => html`<tr>
<th scope="row">${region.name}</th>
<td>${levelBadge(region.level, 'small', tr)}${indicatorList(region.indicators, links)}</td>
<td class="prose">${renderMarkdown(region.summary)}</td>
</tr>`)}</tbody>
</table></div>
</details>`;
}

function changedBox(destination: Destination, advisory: StoredRevision, links: SiteLinks): SafeHtml {
  const { tr } = links;
  const previous = advisory.revision > 1 ? advisory.revision - 1 : null;
  return html`<section class="aside-box changed" aria-labelledby="changed-title">
<h2 id="changed-title">${tr.t('dest.whatChanged')}</h2>
<p class="change-meta">${message(tr, 'dest.updated', { date: dateTag(advisory.publishedAt, undefined, tr) })}</p>
<p>${advisory.changeNote || tr.t('dest.noChangeNote')}</p>
<p>${previous
    ? html`<a href="${links.revision(destination.slug, advisory.revision, previous)}">${tr.t('dest.seeChanges', { revision: previous })}</a>`
    : html`<a href="${links.revision(destination.slug, advisory.revision)}">${tr.t('dest.firstRevision')}</a>`}</p>
</section>`;
}

function historySection(destination: Destination, history: readonly StoredRevision[], links: SiteLinks): SafeHtml {
  const { tr } = links;
  return html`<details class="fold">
<summary><h2 id="history-title">${tr.t('dest.history')}</h2></summary>
<ol class="timeline">${history.map((revision) => html`<li>
<p class="timeline-head"><a href="${links.revision(destination.slug, revision.revision)}">${tr.t('dest.revision', { revision: revision.revision })}</a>, ${dateTag(revision.publishedAt, undefined, tr)} ${levelBadge(revision.level, 'small', tr)}</p>
<p>${revision.changeNote || tr.t('dest.noChangeNote')}</p>
</li>`)}</ol>
</details>`;
}

function noAdvisoryMain(destination: Destination, links: SiteLinks, alerts: readonly StoredAlert[]): SafeHtml {
  const { tr } = links;
  const name = nameOf(links, destination);
  return html`
${breadcrumbs(links, [{ label: tr.t('site.destinations'), href: links.destinations }, { label: name }])}
<header class="dest-head">
<h1>${name}</h1>
<p class="dest-level">${levelBadge(null, 'large', tr)}</p>
</header>
${activeAlertsSection(alerts, links)}
<div class="panel">
<p>${tr.t('dest.noAdvisoryText', { name })}</p>
<p><a href="${links.destinations}">${tr.t('dest.everyDestination')}</a></p>
</div>`;
}

function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1).replace(/\s+\S*$/, '')}…`;
}
