import { findByName } from '../../domain/destinations.ts';
import type { UrgentTrip } from '../../enrolment/urgent-trips.ts';
import { destinationName } from '../../i18n/destination-names.ts';
import type { Translator } from '../../i18n/translator.ts';
import { html, type SafeHtml } from '../html.ts';
import { csrfField } from './layout.ts';

/**
 * The warning shown before someone stops every message (and while they have), when urgent
 * messages are about one of their trips now; and the "only urgent messages" choice offered
 * instead (src/domain/silenced-urgent.ts).
 */

/** A destination's English name (as the domain writes it) in the reader's language. */
const place = (tr: Translator, name: string) => {
  const found = findByName(name);
  return found ? destinationName(found.code, tr.locale) : name;
};

/**
 * The domain's reasons (src/domain/silenced-urgent.ts) in the reader's words: they have three
 * shapes, read back here; anything else is shown as written.
 */
function reasonText(tr: Translator, reason: string): string {
  const leave = /^(.+): the advice is to leave now$/.exec(reason);
  if (leave) return tr.t('accountTrips.reasonLeave', { place: place(tr, leave[1]!) });
  const level = /^(.+): Level 4 – Do Not Travel$/.exec(reason);
  if (level) return tr.t('accountTrips.reasonLevel4', { place: place(tr, level[1]!) });
  const alert = /^(\w+) alert: (.*)$/s.exec(reason);
  if (alert) return tr.t('accountTrips.reasonAlert', { severity: alert[1]!, headline: alert[2]! });
  return reason;
}

export function urgentWarning(tr: Translator, trips: readonly UrgentTrip[], stopped: boolean): SafeHtml | '' {
  if (trips.length === 0) return '';
  return html`<div class="problem urgent-warning" role="alert">
<p><strong>${tr.t(stopped ? 'accountTrips.urgentStopped' : 'accountTrips.urgentNow')}</strong></p>
<ul>${trips.map((t) => html`<li>${tr.t('accountTrips.urgentTrip', {
    places: tr.list(t.places.split(', ').map((name) => place(tr, name))),
    dates: t.end ? tr.t('accountTrips.urgentDates', { start: tr.date(t.start), end: tr.date(t.end) }) : tr.t('accountTrips.urgentFrom', { start: tr.date(t.start) }),
    reasons: t.reasons.map((r) => reasonText(tr, r)).join('; '),
  })}</li>`)}</ul>
<p>${tr.t(stopped ? 'accountTrips.urgentStoppedText' : 'accountTrips.urgentNowText')}</p>
</div>`;
}

/** One button: urgent messages only (the form posts `only=urgent`). */
export function onlyUrgentForm(tr: Translator, action: string, csrf: string | null, primary = false): SafeHtml {
  return html`<form method="post" action="${action}">${csrf ? csrfField(csrf) : ''}<input type="hidden" name="only" value="urgent">
<button${primary ? '' : html` class="secondary"`} type="submit">${tr.t('accountTrips.onlyUrgent')}</button>
<p class="hint">${tr.t('accountTrips.onlyUrgentHint')}</p></form>`;
}
