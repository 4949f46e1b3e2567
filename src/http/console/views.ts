import type { SideBySideRow, WordChange } from '../../domain/diff.ts';
import { isIndicator } from '../../domain/indicators.ts';
import type { Level } from '../../domain/levels.ts';
import type { Translator } from '../../i18n/translator.ts';
import type { AdvisoryContent } from '../../domain/advisory.ts';
import { html, type SafeHtml } from '../html.ts';
import { renderMarkdown } from '../markdown.ts';
import { localRow, rowLabel } from './diff-language.ts';
import { consoleLevelLabel } from './layout.ts';

/** Pieces of the console shared by several pages: the side-by-side diff and the advisory preview. */

const LONG = 700;
const CONTEXT = 240;

/** Shortens a long unchanged run to its ends, keeping whole words: "… 143 unchanged words …". */
function elide(tr: Translator, text: string, keepHead: boolean, keepTail: boolean): SafeHtml | string {
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
  return html`${head}<span class="elided">${tr.t('consoleEditorial.diff.elided', { count: hidden })}</span>${tail}`;
}

/**
 * One side of a row. Unchanged runs are shortened the same way on both sides: the k-th unchanged
 * run keeps its head if a change comes before it in the whole diff, its tail if one comes after.
 */
function runs(tr: Translator, side: readonly WordChange[], all: readonly WordChange[]): SafeHtml {
  const context: { head: boolean; tail: boolean }[] = [];
  all.forEach((w, i) => {
    if (w.op === 'equal') context.push({ head: all.slice(0, i).some((x) => x.op !== 'equal'), tail: all.slice(i + 1).some((x) => x.op !== 'equal') });
  });
  let k = 0;
  return html`${side.map((w) => {
    if (w.op === 'insert') return html`<ins>${w.text}</ins>`;
    if (w.op === 'delete') return html`<del>${w.text}</del>`;
    const around = context[k++] ?? { head: true, tail: true };
    return elide(tr, w.text, around.head, around.tail);
  })}`;
}

/**
 * Field by field, the older version on the left with its deletions struck through, the newer on
 * the right with its insertions marked. Text is shown as typed (Markdown source), escaped.
 */
export function sideBySideView(diffRows: readonly SideBySideRow[], labels: { before: string; after: string }, tr: Translator): SafeHtml {
  const rows = diffRows.map((row) => localRow(tr, row));
  if (rows.length === 0) return html`<p class="empty">${tr.t('consoleEditorial.diff.none')}</p>`;
  const anchor = (row: SideBySideRow) => `d-${row.field.replace(/[^A-Za-z0-9-]/g, '-')}`;
  const separator = tr.t('consoleEditorial.labelSeparator');
  const absent = html`<div class="diff-col blank">${tr.t('consoleEditorial.diff.absent')}</div>`;
  return html`<nav class="diff-index" aria-label="${tr.t('consoleEditorial.diff.index')}"><strong>${tr.t('consoleEditorial.diff.count', { count: rows.length })}</strong> ${rows.map((row, i) => html`${i ? ' · ' : ''}<a href="#${anchor(row)}">${rowLabel(tr, row.label)}</a>`)}</nav>
<div class="diff-labels" aria-hidden="true"><div>${labels.before}</div><div>${labels.after}</div></div>
${rows.map((row) => html`<section class="diff" id="${anchor(row)}" aria-label="${rowLabel(tr, row.label)}">
<div class="diff-head"><span>${rowLabel(tr, row.label)}</span><span class="badge change-${row.change}">${tr.t('consoleEditorial.diff.change', { change: row.change })}</span></div>
<div class="diff-cols">
${row.before.length ? html`<div class="diff-col"><span class="visually-hidden">${labels.before}${separator}</span>${runs(tr, row.before, row.words)}</div>` : absent}
${row.after.length ? html`<div class="diff-col"><span class="visually-hidden">${labels.after}${separator}</span>${runs(tr, row.after, row.words)}</div>` : absent}
</div>
</section>`)}`;
}

export function diffLegend(tr: Translator): SafeHtml {
  return html`<p class="legend"><span><del>${tr.t('consoleEditorial.diff.struck')}</del> ${tr.t('consoleEditorial.diff.removed')}</span><span><ins>${tr.t('consoleEditorial.diff.highlighted')}</ins> ${tr.t('consoleEditorial.diff.added')}</span></p>`;
}

/** The advisory as the public will read it, rendered from its Markdown (sanitised). */
export function advisoryPreview(name: string, content: AdvisoryContent, tr: Translator): SafeHtml {
  const level = content.level as Level;
  const indicator = (code: string) => (isIndicator(code) ? tr.t(`site.indicator.${code}`) : code);
  const colon = tr.t('consoleEditorial.labelSeparator').trimEnd();
  return html`<article class="preview" aria-label="${tr.t('consoleEditorial.preview')}">
<div class="level-banner level-${level}">${tr.t('consoleEditorial.preview.banner', { name, level, label: consoleLevelLabel(tr, level) })}</div>
${content.departureUrged ? html`<div class="leave">${tr.t('consoleEditorial.preview.leave', { name })}</div>` : ''}
${content.indicators.length ? html`<p><strong>${tr.t('consoleEditorial.preview.indicators')}</strong> ${content.indicators.map(indicator).join(', ')}</p>` : ''}
${content.risks.length ? html`<ul>${content.risks.map((r) => html`<li><strong>${indicator(r.indicator)}${colon}</strong> ${r.text}</li>`)}</ul>` : ''}
<div class="prose">${renderMarkdown(content.summary)}</div>
${content.regions.length ? html`<h3>${tr.t('consoleEditorial.preview.regions')}</h3>${content.regions.map((r) => html`<div class="block"><p><strong>${r.name}</strong>${r.code ? html` <span class="muted mono">${r.code}</span>` : ''} <span class="badge level-${r.level}">${tr.t('console.level', { level: r.level })}</span></p>
${r.indicators.length ? html`<p class="small muted">${r.indicators.map(indicator).join(', ')}</p>` : ''}
<div class="prose">${renderMarkdown(r.summary)}</div></div>`)}` : ''}
${content.sections.map((s) => html`<h3>${s.title}</h3><div class="prose">${renderMarkdown(s.body)}</div>`)}
</article>`;
}
