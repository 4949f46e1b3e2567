import { raisesAbove } from '../../domain/peer-levels.ts';
import type { Comparison, SourceAdvice } from '../../sources/peers/comparison.ts';
import { html, type SafeHtml } from '../html.ts';
import { SOURCE_NAMES } from '../pages/peer-advice.ts';
import { csrfField, levelBadge, timeTag } from './layout.ts';

export interface PeerSignal {
  comparison: Comparison;
  source: SourceAdvice;
}

/** Every peer source that puts a destination above our level, the newest change first: what editors should review. */
export function peerSignals(all: readonly Comparison[]): PeerSignal[] {
  return all.flatMap((comparison) => comparison.sources
    .filter((source) => raisesAbove(comparison.ours?.level ?? null, source.level))
    .map((source) => ({ comparison, source })))
    .sort((a, b) => b.source.updatedAt.localeCompare(a.source.updatedAt));
}

/** The dashboard's table: who says what, a link to their change, and one click to start a draft. */
export function peerSignalTable(signals: readonly PeerSignal[], csrf: string | undefined): SafeHtml {
  if (!signals.length) return html`<p class="empty">No other government advises a higher level than ours.</p>`;
  return html`<table><thead><tr><th>Destination</th><th>Ours</th><th>Their advice</th><th>Changed</th><th></th></tr></thead><tbody>
${signals.map(({ comparison: c, source: s }) => html`<tr>
<td><a href="/console/destinations/${c.code}">${c.name}</a> <span class="muted mono">${c.code}</span></td>
<td>${levelBadge(c.ours!.level)}</td>
<td>${levelBadge(s.level)} <a href="${s.url}">${SOURCE_NAMES[s.source]}</a>: ${s.nativeLabel}</td>
<td class="small">${timeTag(s.updatedAt)}</td>
<td><form method="post" action="/console/destinations/${c.code}/drafts">${csrfField(csrf)}<button type="submit" class="secondary">Start a draft</button></form></td>
</tr>`)}
</tbody></table>`;
}
