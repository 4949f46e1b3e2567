import type { RequestRecord } from '../departures/records.ts';
import { REQUEST_LIMITS } from '../domain/departures.ts';
import type { FieldError } from '../domain/places.ts';
import type { MessageId } from '../i18n/catalog.ts';
import type { Translator } from '../i18n/translator.ts';
import { first, type FormBody } from './forms.ts';
import { html, type SafeHtml } from './html.ts';

/**
 * The "I need help to leave" form (docs/crises.md "Departure assistance"), the same from a
 * check-in link and from /account: the party, dependants, citizenships, passports, where the person
 * is, special needs, a phone. Values come back into the form when something is refused.
 */

export interface RequestModel {
  partySize: string;
  dependants: string;
  citizenships: string;
  passports: string;
  location: string;
  specialNeeds: string;
  phone: string;
}

const KEYS: (keyof RequestModel)[] = ['partySize', 'dependants', 'citizenships', 'passports', 'location', 'specialNeeds', 'phone'];

export function requestModelOf(body: FormBody): RequestModel {
  return Object.fromEntries(KEYS.map((k) => [k, first(body[k]) ?? ''])) as unknown as RequestModel;
}

/** The form filled with the person's request, or (a first request) what their profile says. */
export function requestModelFrom(request: RequestRecord | null, profile: { citizenships: string[]; phone: string | null }): RequestModel {
  if (!request) return { partySize: '1', dependants: '0', citizenships: profile.citizenships.join(', '), passports: profile.citizenships.join(', '), location: '', specialNeeds: '', phone: profile.phone ?? '' };
  return {
    partySize: String(request.partySize), dependants: String(request.dependants), citizenships: request.citizenships.join(', '), passports: request.passports.join(', '),
    location: request.location, specialNeeds: request.specialNeeds ?? '', phone: request.phone ?? '',
  };
}

/** What the traveller themselves may read back of their request (JSON clients). */
export function ownRequestJson(request: RequestRecord) {
  const { id, crisisId, partySize, dependants, citizenships, passports, specialNeeds, location, phone, departureId, boardedAt, updatedAt } = request;
  return { id, crisisId, partySize, dependants, citizenships, passports, specialNeeds, location, phone, assigned: departureId !== null, boarded: boardedAt !== null, updatedAt };
}

/** The departure-request fields' messages in the reader's language, for when the domain's (English) one is not theirs. */
const FIELD_MESSAGES: Record<keyof RequestModel, MessageId> = {
  partySize: 'accountAnswers.form.partySizeError', dependants: 'accountAnswers.form.dependantsError', citizenships: 'accountAnswers.form.codesError',
  passports: 'accountAnswers.form.codesError', location: 'accountAnswers.form.locationError', specialNeeds: 'accountAnswers.form.textError', phone: 'accountAnswers.form.phoneError',
};

/**
 * A field's problem: the domain's own words in English (they say exactly what was wrong), one
 * message per field in any other language (src/domain/departures.ts stays in English).
 */
function fieldErrorText(tr: Translator, error: FieldError): string {
  if (tr.locale === 'en') return error.message;
  const key = error.field.split('.')[0] as keyof RequestModel;
  return tr.t(FIELD_MESSAGES[key] ?? 'accountAnswers.form.textError', { max: REQUEST_LIMITS.party });
}

/**
 * The refusals a traveller reads on the answer and departure pages (src/crises/answers.ts,
 * escalation.ts, src/departures/requests.ts), by their English text; any other is shown as written.
 */
const REFUSALS: Record<string, MessageId> = {
  'There is no crisis you can ask about here: our records do not place you in it.': 'accountAnswers.refusal.notInCrisis',
  'This crisis is closed: requests for help to leave are no longer taken here. Contact the embassy or consulate directly.': 'accountAnswers.refusal.crisisClosed',
  'Your request was sent twice at the same moment; it is saved once. Reload to see it.': 'accountAnswers.refusal.twice',
  'This check-in link points at nothing we hold: the message may have been withdrawn, or the account deleted.': 'accountAnswers.refusal.gone',
  'This check-in is closed: answers are no longer recorded. If you need help, contact the embassy or consulate directly.': 'accountAnswers.refusal.checkInClosed',
  'Record your answer first: open the link from the message and press the button.': 'accountAnswers.refusal.answerFirst',
  'This link points at nothing we hold: the question may have been withdrawn.': 'accountAnswers.refusal.questionGone',
  'This check-in is closed: answers are no longer recorded. Thank you all the same.': 'accountAnswers.refusal.questionClosed',
};

export function editorialErrorText(tr: Translator, error: { message: string }): string {
  const id = Object.hasOwn(REFUSALS, error.message) ? REFUSALS[error.message] : undefined;
  return id ? tr.t(id) : error.message;
}

function errorFor(tr: Translator, errors: readonly FieldError[], key: string): SafeHtml | '' {
  const mine = errors.filter((e) => e.field === key || e.field.startsWith(`${key}.`));
  return mine.length ? html`<p class="problem" id="${key}-error">${[...new Set(mine.map((e) => fieldErrorText(tr, e)))].join('; ')}</p>` : '';
}

export function requestForm(tr: Translator, action: string, model: RequestModel, errors: readonly FieldError[], hidden: SafeHtml | '' = ''): SafeHtml {
  const input = (key: keyof RequestModel, label: MessageId, hint: string, attrs: { type?: string; max?: number; mode?: string } = {}) => html`<div class="field"><label for="${key}">${tr.t(label)}</label><p class="hint">${hint}</p>${errorFor(tr, errors, key)}
<input id="${key}" name="${key}" type="${attrs.type ?? 'text'}" value="${model[key]}"${attrs.max ? html` maxlength="${attrs.max}"` : ''}${attrs.mode ? html` inputmode="${attrs.mode}"` : ''} autocomplete="off"></div>`;
  return html`<form method="post" action="${action}">${hidden}
${errors.length ? html`<p class="problem" role="alert">${tr.t('accountAnswers.form.nothingSaved')}</p>` : ''}
${input('partySize', 'accountAnswers.form.partySize', tr.t('accountAnswers.form.partySizeHint', { max: REQUEST_LIMITS.party }), { max: 2, mode: 'numeric' })}
${input('dependants', 'accountAnswers.form.dependants', tr.t('accountAnswers.form.dependantsHint'), { max: 2, mode: 'numeric' })}
${input('citizenships', 'accountAnswers.form.citizenships', tr.t('accountAnswers.form.citizenshipsHint'), { max: 100 })}
${input('passports', 'accountAnswers.form.passports', tr.t('accountAnswers.form.passportsHint'), { max: 100 })}
${input('location', 'accountAnswers.form.location', tr.t('accountAnswers.form.locationHint'), { max: REQUEST_LIMITS.location })}
<div class="field"><label for="specialNeeds">${tr.t('accountAnswers.form.specialNeeds')}</label><p class="hint">${tr.t('accountAnswers.form.specialNeedsHint')}</p>${errorFor(tr, errors, 'specialNeeds')}
<textarea id="specialNeeds" name="specialNeeds" rows="4" maxlength="${REQUEST_LIMITS.specialNeeds}">${model.specialNeeds}</textarea></div>
${input('phone', 'accountAnswers.form.phone', tr.t('accountAnswers.form.phoneHint'), { type: 'tel', max: REQUEST_LIMITS.phone })}
<button type="submit">${tr.t('accountAnswers.form.submit')}</button></form>`;
}
