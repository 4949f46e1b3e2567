import { raisesAbove } from '../../domain/peer-levels.ts';
import type { Comparison, SourceAdvice } from '../../sources/peers/comparison.ts';
import { html, type SafeHtml } from '../html.ts';
import { SOURCE_NAMES } from '../pages/peer-advice.ts';
import type { Translator } from '../../i18n/translator.ts';
import { csrfField, levelBadge, statusBadge, timeTag, placeName } from './layout.ts';

export interface PeerSignal {
  comparison: Comparison;
  source: SourceAdvice;
  /** The source puts the destination above our level. */
  above: boolean;
  /** The source tells its citizens to leave and we do not (flagged even at an equal level). */
  departure: string | null;
}

/**
 * Every peer source that puts a destination above our level or tells its citizens to leave where we
 * do not, departure directives first, then the newest change: what editors should review.
 */
export function peerSignals(all: readonly Comparison[]): PeerSignal[] {
  return all.flatMap((comparison) => comparison.sources.flatMap((source) => {
    const above = raisesAbove(comparison.ours?.level ?? null, source.level);
    const departure = comparison.ours && !comparison.ours.departureUrged ? source.departure : null;
    return above || departure ? [{ comparison, source, above, departure }] : [];
  })).sort((a, b) => Number(b.departure !== null) - Number(a.departure !== null) || b.source.updatedAt.localeCompare(a.source.updatedAt));
}

/** The destinations a peer signal flags, for the review calendar to list first. */
export function flaggedCodes(signals: readonly PeerSignal[]): Set<string> {
  return new Set(signals.map((s) => s.comparison.code));
}

/** The dashboard's table: who says what, a link to their change, and one click to start a draft. */
export function peerSignalTable(signals: readonly PeerSignal[], csrf: string | undefined, tr: Translator): SafeHtml {
  if (!signals.length) return html`<p class="empty">${tr.t('consoleEditorial.peers.none')}</p>`;
  return html`<table><thead><tr><th>${tr.t('consoleEditorial.col.destination')}</th><th>${tr.t('consoleEditorial.col.ours')}</th><th>${tr.t('consoleEditorial.col.theirAdvice')}</th><th>${tr.t('consoleEditorial.col.changed')}</th><th></th></tr></thead><tbody>
${signals.map(({ comparison: c, source: s, departure }) => html`<tr>
<td><a href="/console/destinations/${c.code}">${placeName(tr, c.code, c.name)}</a> <span class="muted mono">${c.code}</span></td>
<td>${levelBadge(c.ours!.level, tr)}</td>
<td>${levelBadge(s.level, tr)} <a href="${s.url}">${SOURCE_NAMES[s.source]}</a>: ${s.nativeLabel}${departure ? html`<br>${statusBadge('overdue', tr.t('consoleEditorial.peers.departure'))} <q class="small">${departure}</q>` : ''}</td>
<td class="small">${timeTag(s.updatedAt)}</td>
<td><form method="post" action="/console/destinations/${c.code}/drafts">${csrfField(csrf)}<button type="submit" class="secondary">${tr.t('consoleEditorial.startDraft')}</button></form></td>
</tr>`)}
</tbody></table>`;
}
