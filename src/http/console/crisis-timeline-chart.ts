import type { TimelinePoint, TimelineUnit } from '../../domain/crisis-timeline.ts';
import { CRISIS_ANSWERS, type CrisisAnswer } from '../../domain/crises.ts';
import type { Translator } from '../../i18n/translator.ts';
import { html, type SafeHtml } from '../html.ts';
import { say } from './crisis-text.ts';

/** Answers by kind over time as lines (server-rendered SVG, no script), with a table for screen readers and copying. */
const COLOURS = { safe: '#1e7b34', need_help: '#b3261e', left: '#2f5d8a' } as const;

/** An answer as the traveller chose it ("I'm safe", "En sécurité"). */
const answerLabel = (tr: Translator, answer: CrisisAnswer) => tr.t('consoleCrises.answer', { answer });

export function timelineChart(tr: Translator, timeline: { unit: TimelineUnit; points: TimelinePoint[] } | null): SafeHtml {
  if (!timeline) return html`<p class="empty">${say(tr, 'consoleCrises.noWave')}</p>`;
  const { points, unit } = timeline;
  const [w, h, left, bottom] = [560, 200, 40, 24];
  const max = Math.max(1, ...points.map((p) => Math.max(p.safe, p.need_help, p.left)));
  const x = (i: number) => left + (points.length === 1 ? 0 : (i / (points.length - 1)) * (w - left - 10));
  const y = (n: number) => h - bottom - (n / max) * (h - bottom - 10);
  const label = (at: string) => (unit === 'hour' ? `${at.slice(5, 10)} ${at.slice(11, 16)}` : at.slice(0, 10));
  const last = points.at(-1)!;
  const unitName = tr.t('consoleCrises.unit', { unit });
  return html`<svg role="img" aria-labelledby="timeline-title" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}">
<title id="timeline-title">${say(tr, 'consoleCrises.timelineTitle', { unit: unitName, counts: html`${CRISIS_ANSWERS.map((a) => `${answerLabel(tr, a)} ${last[a]}`).join(', ')}`, at: label(last.at) })}</title>
<line x1="${left}" y1="${h - bottom}" x2="${w - 10}" y2="${h - bottom}" stroke="#888"></line><line x1="${left}" y1="10" x2="${left}" y2="${h - bottom}" stroke="#888"></line>
<text x="${left - 4}" y="${y(max) + 4}" font-size="11" text-anchor="end">${max}</text><text x="${left - 4}" y="${h - bottom + 4}" font-size="11" text-anchor="end">0</text>
<text x="${left}" y="${h - 6}" font-size="11">${label(points[0]!.at)}</text><text x="${w - 10}" y="${h - 6}" font-size="11" text-anchor="end">${label(last.at)} UTC</text>
${CRISIS_ANSWERS.map((a) => html`<polyline fill="none" stroke="${COLOURS[a]}" stroke-width="2" data-answer="${a}" points="${points.map((p, i) => `${x(i).toFixed(1)},${y(p[a]).toFixed(1)}`).join(' ')}"></polyline>`)}
</svg>
<p class="small">${CRISIS_ANSWERS.map((a) => html`<span style="color:${COLOURS[a]}">■</span> ${answerLabel(tr, a)} (${last[a]}) `)}${say(tr, 'consoleCrises.timelineNote', { unit: unitName })}</p>`;
}
