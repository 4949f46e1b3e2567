import type { OwnCheckIn } from '../../crises/records.ts';
import type { Translator } from '../../i18n/translator.ts';
import { html, type SafeHtml } from '../html.ts';
import { answerLabel, exerciseText } from '../answer-words.ts';

/**
 * The "Your check-ins" card of the account page (docs/crises.md): every answer the traveller gave
 * to a crisis's "Are you safe?", newest first, with what they added. Shown only when there are some.
 */
export function checkInsSection(tr: Translator, checkIns: readonly OwnCheckIn[]): SafeHtml | '' {
  if (checkIns.length === 0) return '';
  return html`<section class="card" id="check-ins" aria-labelledby="check-ins-title">
<h2 id="check-ins-title">${tr.t('accountTrips.checkIns')}</h2>
<p class="hint">${tr.t('accountTrips.checkInsHint')}</p>
<ul class="items">${checkIns.map((c) => html`<li><div class="item-main"><span class="item-title">${exerciseText(tr, c.exercise, c.crisis)}: ${answerLabel(tr, c.answer)}</span>
<span class="item-meta">${[
    tr.t('accountTrips.answeredBy', { when: tr.dateTime(c.answeredAt), channel: c.channel }),
    c.status === 'closed' ? tr.t('accountTrips.closed') : '',
    c.location ?? '',
    c.partySize ? tr.t('accountTrips.party', { count: c.partySize }) : '',
    c.note ? `“${c.note}”` : '',
  ].filter(Boolean).join(' · ')}</span></div></li>`)}</ul>
</section>`;
}
