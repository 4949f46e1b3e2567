import type { UrgentTrip } from '../../enrolment/urgent-trips.ts';
import { html, type SafeHtml } from '../html.ts';
import { csrfField } from './layout.ts';

/**
 * The warning shown before someone stops every message (and while they have), when urgent
 * messages are about one of their trips now; and the "only urgent messages" choice offered
 * instead (src/domain/silenced-urgent.ts).
 */

const when = (t: UrgentTrip) => (t.end ? `${t.start} to ${t.end}` : `from ${t.start}`);

export function urgentWarning(trips: readonly UrgentTrip[], stopped: boolean): SafeHtml | '' {
  if (trips.length === 0) return '';
  return html`<div class="problem urgent-warning" role="alert">
<p><strong>${stopped ? 'You receive nothing, not even urgent messages about your trip:' : 'Urgent messages are about your trip now:'}</strong></p>
<ul>${trips.map((t) => html`<li>${t.places} (${when(t)}): ${t.reasons.join('; ')}.</li>`)}</ul>
<p>${stopped
    ? 'You will not be told if the advice changes, or be asked whether you are safe.'
    : 'If you stop all messages, you will not be told if the advice changes, or be asked whether you are safe. You can keep only the urgent ones.'}</p>
</div>`;
}

/** One button: urgent messages only (the form posts `only=urgent`). */
export function onlyUrgentForm(action: string, csrf: string | null, primary = false): SafeHtml {
  return html`<form method="post" action="${action}">${csrf ? csrfField(csrf) : ''}<input type="hidden" name="only" value="urgent">
<button${primary ? '' : html` class="secondary"`} type="submit">Only urgent messages</button>
<p class="hint">Leave now, Level 4, Severe and Extreme alerts and check-ins only; nothing else about your trips.</p></form>`;
}
