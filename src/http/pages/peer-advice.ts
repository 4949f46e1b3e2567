import { findByCode } from '../../domain/destinations.ts';
import type { Comparison, SourceAdvice } from '../../sources/peers/comparison.ts';
import type { SiteLinks } from '../../site/links.ts';
import { html, type SafeHtml } from '../html.ts';
import { breadcrumbs, dateTag, levelBadge } from './components.ts';
import { layout } from './layout.ts';

/** Each government as travellers know it. */
export const SOURCE_NAMES: Readonly<Record<SourceAdvice['source'], string>> = {
  'us-state-dept': 'United States (State Department)',
  'uk-fcdo': 'United Kingdom (FCDO)',
  canada: 'Canada (Global Affairs)',
};

function regionsOf(source: SourceAdvice): SafeHtml {
  if (!source.regions.length) return html``;
  return html`<ul class="peer-regions">${source.regions.map((r) => html`<li>${r.name}: ${r.nativeLabel} (Level ${r.level})</li>`)}</ul>`;
}

/** "What other governments say": each source's own words, the level they map to, its regions, date and a link to the original. */
export function peerAdviceSection(comparison: Comparison | undefined, links: SiteLinks): SafeHtml {
  if (!comparison?.sources.length) return html``;
  return html`<details class="fold" aria-labelledby="peers-title">
<summary><h2 id="peers-title">What other governments say</h2></summary>
<p>Each government's own words, with the level they correspond to on our scale (<a href="${links.home}compare/">compare every destination</a>).</p>
<div class="table-scroll"><table class="peers">
<thead><tr><th scope="col">Government</th><th scope="col">Their advice</th><th scope="col">Our scale</th><th scope="col">Updated</th></tr></thead>
<tbody>${comparison.sources.map((s) => html`<tr>
<th scope="row"><a href="${s.url}">${SOURCE_NAMES[s.source]}</a></th>
<td>${s.nativeLabel}${regionsOf(s)}</td>
<td>${levelBadge(s.level)}</td>
<td>${dateTag(s.updatedAt)}</td>
</tr>`)}</tbody>
</table></div>
</details>`;
}

export type CompareSort = 'name' | 'spread' | 'highest';
export interface CompareView { sort: CompareSort; disagree: number | null }

/** `/compare/`: the map (src/site/compare-map.ts), then every destination × source, sortable by name, spread or highest level; `disagree` keeps the spread ≥ N. */
export function comparePage(all: readonly Comparison[], links: SiteLinks, view: CompareView, map: SafeHtml = html``): string {
  const rows = [...all].sort((a, b) => (view.sort === 'name' ? 0 : view.sort === 'spread' ? b.spread - a.spread : (b.highest ?? 0) - (a.highest ?? 0)) || a.name.localeCompare(b.name, 'en'));
  const cell = (c: Comparison, source: SourceAdvice['source']) => {
    const s = c.sources.find((x) => x.source === source);
    return s ? html`<td data-level="${s.level}">${levelBadge(s.level)}<span class="native">${s.nativeLabel}</span>${s.regions.length ? html`<span class="native">${s.regions.length} region(s) higher</span>` : ''}</td>` : html`<td>—</td>`;
  };
  const sortLink = (sort: CompareSort, label: string) => {
    const query = new URLSearchParams({ sort, ...(view.disagree !== null ? { disagree: String(view.disagree) } : {}) });
    return view.sort === sort ? html`<span aria-current="true">${label}</span>` : html`<a href="?${query.toString()}">${label}</a>`;
  };
  const main = html`
${breadcrumbs(links, [{ label: 'Compare governments' }])}
<h1>What governments say, side by side</h1>
<p>Our level beside the advice of the United States, the United Kingdom and Canada, each in its own words with the level it corresponds to on our scale. The scale is for comparison only; <a href="${links.data}">the mapping is documented</a>.</p>
<p>${view.disagree !== null ? html`Showing ${rows.length} destinations where governments differ by ${view.disagree} level(s) or more, largest difference first. <a href="?sort=name">Show all</a>` : html`<a href="?disagree=2&amp;sort=spread">Where governments disagree</a> (two levels or more apart)`}</p>
${map}
<p>Sort by: ${sortLink('name', 'destination')} · ${sortLink('spread', 'difference')} · ${sortLink('highest', 'highest level anywhere')}</p>
<div class="table-scroll"><table class="compare">
<thead><tr><th scope="col">Destination</th><th scope="col">Ours</th><th scope="col">United States</th><th scope="col">United Kingdom</th><th scope="col">Canada</th><th scope="col">Difference</th><th scope="col">Highest anywhere</th></tr></thead>
<tbody>${rows.map((c) => html`<tr>
<th scope="row"><a href="${links.destination(findByCode(c.code)?.slug ?? c.code)}">${c.name}</a></th>
<td>${levelBadge(c.ours?.level ?? null)}</td>
${cell(c, 'us-state-dept')}${cell(c, 'uk-fcdo')}${cell(c, 'canada')}
<td>${c.spread}</td>
<td>${c.highest === null ? '—' : html`Level ${c.highest}`}</td>
</tr>`)}</tbody>
</table></div>`;
  return layout({ links, title: 'Compare governments\' travel advice', description: 'Our travel advice beside the United States, United Kingdom and Canada, where they disagree first.', href: `${links.home}compare/`, section: null, main });
}
