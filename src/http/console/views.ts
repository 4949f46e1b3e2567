import type { SideBySideRow, WordChange } from '../../domain/diff.ts';
import { INDICATOR_NAMES, type Indicator } from '../../domain/indicators.ts';
import { levelLabel, type Level } from '../../domain/levels.ts';
import type { AdvisoryContent } from '../../domain/advisory.ts';
import { html, type SafeHtml } from '../html.ts';
import { renderMarkdown } from '../markdown.ts';

/** Pieces of the console shared by several pages: the side-by-side diff and the advisory preview. */

const LONG = 700;
const CONTEXT = 240;

/** Shortens a long unchanged run to its ends, keeping whole words: "… 143 unchanged words …". */
function elide(text: string, keepHead: boolean, keepTail: boolean): SafeHtml | string {
  if (text.length <= LONG) return text;
  let head = '';
  let tail = '';
  if (keepHead) head = text.slice(0, text.indexOf(' ', CONTEXT) === -1 ? CONTEXT : text.indexOf(' ', CONTEXT));
  if (keepTail) {
    const from = text.lastIndexOf(' ', text.length - CONTEXT);
    tail = text.slice(from === -1 ? text.length - CONTEXT : from);
  }
  const hidden = text.slice(head.length, text.length - tail.length).split(/\s+/).filter(Boolean).length;
  if (hidden < 20) return text;
  return html`${head}<span class="elided">… ${hidden} unchanged words …</span>${tail}`;
}

/**
 * One side of a row. Unchanged runs are shortened the same way on both sides: the k-th unchanged
 * run keeps its head if a change comes before it in the whole diff, its tail if one comes after.
 */
function runs(side: readonly WordChange[], all: readonly WordChange[]): SafeHtml {
  const context: { head: boolean; tail: boolean }[] = [];
  all.forEach((w, i) => {
    if (w.op === 'equal') context.push({ head: all.slice(0, i).some((x) => x.op !== 'equal'), tail: all.slice(i + 1).some((x) => x.op !== 'equal') });
  });
  let k = 0;
  return html`${side.map((w) => {
    if (w.op === 'insert') return html`<ins>${w.text}</ins>`;
    if (w.op === 'delete') return html`<del>${w.text}</del>`;
    const around = context[k++] ?? { head: true, tail: true };
    return elide(w.text, around.head, around.tail);
  })}`;
}

/**
 * Field by field, the older version on the left with its deletions struck through, the newer on
 * the right with its insertions marked. Text is shown as typed (Markdown source), escaped.
 */
export function sideBySideView(rows: readonly SideBySideRow[], labels: { before: string; after: string }): SafeHtml {
  if (rows.length === 0) return html`<p class="empty">No differences.</p>`;
  const anchor = (row: SideBySideRow) => `d-${row.field.replace(/[^A-Za-z0-9-]/g, '-')}`;
  return html`<nav class="diff-index" aria-label="Changed fields"><strong>${rows.length} ${rows.length === 1 ? 'field' : 'fields'} changed:</strong> ${rows.map((row, i) => html`${i ? ' · ' : ''}<a href="#${anchor(row)}">${row.label}</a>`)}</nav>
<div class="diff-labels" aria-hidden="true"><div>${labels.before}</div><div>${labels.after}</div></div>
${rows.map((row) => html`<section class="diff" id="${anchor(row)}" aria-label="${row.label}">
<div class="diff-head"><span>${row.label}</span><span class="badge change-${row.change}">${row.change}</span></div>
<div class="diff-cols">
${row.before.length ? html`<div class="diff-col"><span class="visually-hidden">${labels.before}: </span>${runs(row.before, row.words)}</div>` : html`<div class="diff-col blank">not in this version</div>`}
${row.after.length ? html`<div class="diff-col"><span class="visually-hidden">${labels.after}: </span>${runs(row.after, row.words)}</div>` : html`<div class="diff-col blank">not in this version</div>`}
</div>
</section>`)}`;
}

export function diffLegend(): SafeHtml {
  return html`<p class="legend"><span><del>struck through</del> removed</span><span><ins>highlighted</ins> added</span></p>`;
}

/** The advisory as the public will read it, rendered from its Markdown (sanitised). */
export function advisoryPreview(name: string, content: AdvisoryContent): SafeHtml {
  const level = content.level as Level;
  return html`<article class="preview" aria-label="Preview">
<div class="level-banner level-${level}">${name}: Level ${level}, ${levelLabel(level)}</div>
${content.departureUrged ? html`<div class="leave">Leave now: citizens in ${name} are urged to leave.</div>` : ''}
${content.indicators.length ? html`<p><strong>Risk indicators:</strong> ${content.indicators.map((i) => INDICATOR_NAMES[i as Indicator] ?? i).join(', ')}</p>` : ''}
${content.risks.length ? html`<ul>${content.risks.map((r) => html`<li><strong>${INDICATOR_NAMES[r.indicator]}:</strong> ${r.text}</li>`)}</ul>` : ''}
<div class="prose">${renderMarkdown(content.summary)}</div>
${content.regions.length ? html`<h3>Regional advice</h3>${content.regions.map((r) => html`<div class="block"><p><strong>${r.name}</strong>${r.code ? html` <span class="muted mono">${r.code}</span>` : ''} <span class="badge level-${r.level}">Level ${r.level}</span></p>
${r.indicators.length ? html`<p class="small muted">${r.indicators.map((i) => INDICATOR_NAMES[i]).join(', ')}</p>` : ''}
<div class="prose">${renderMarkdown(r.summary)}</div></div>`)}` : ''}
${content.sections.map((s) => html`<h3>${s.title}</h3><div class="prose">${renderMarkdown(s.body)}</div>`)}
</article>`;
}
