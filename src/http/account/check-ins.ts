import type { OwnCheckIn } from '../../crises/records.ts';
import { ANSWER_LABELS, exerciseLabel } from '../../domain/crises.ts';
import { html, type SafeHtml } from '../html.ts';

/**
 * The "Your check-ins" card of the account page (docs/crises.md): every answer the traveller gave
 * to a crisis's "Are you safe?", newest first, with what they added. Shown only when there are some.
 */
export function checkInsSection(checkIns: readonly OwnCheckIn[]): SafeHtml | '' {
  if (checkIns.length === 0) return '';
  return html`<section class="card" id="check-ins" aria-labelledby="check-ins-title">
<h2 id="check-ins-title">Your check-ins</h2>
<p class="hint">Your answers to "Are you safe?" messages. The latest answer to each crisis is the one that counts; to change it, use another link in the message.</p>
<ul class="items">${checkIns.map((c) => html`<li><div class="item-main"><span class="item-title">${exerciseLabel(c.exercise, c.crisis)}: ${ANSWER_LABELS[c.answer]}</span>
<span class="item-meta">${c.answeredAt.slice(0, 16).replace('T', ' ')} UTC by ${c.channel}${c.status === 'closed' ? ' · closed' : ''}${c.location ? ` · ${c.location}` : ''}${c.partySize ? ` · ${c.partySize} in your party` : ''}${c.note ? ` · “${c.note}”` : ''}</span></div></li>`)}</ul>
</section>`;
}
