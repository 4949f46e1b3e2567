import type { RequestRecord } from '../departures/records.ts';
import { REQUEST_LIMITS } from '../domain/departures.ts';
import type { FieldError } from '../domain/places.ts';
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

function errorFor(errors: readonly FieldError[], key: string): SafeHtml | '' {
  const mine = errors.filter((e) => e.field === key || e.field.startsWith(`${key}.`));
  return mine.length ? html`<p class="problem" id="${key}-error">${mine.map((e) => e.message).join('; ')}</p>` : '';
}

export function requestForm(action: string, model: RequestModel, errors: readonly FieldError[], hidden: SafeHtml | '' = ''): SafeHtml {
  const input = (key: keyof RequestModel, label: string, hint: string, attrs: { type?: string; max?: number; mode?: string } = {}) => html`<div class="field"><label for="${key}">${label}</label><p class="hint">${hint}</p>${errorFor(errors, key)}
<input id="${key}" name="${key}" type="${attrs.type ?? 'text'}" value="${model[key]}"${attrs.max ? html` maxlength="${attrs.max}"` : ''}${attrs.mode ? html` inputmode="${attrs.mode}"` : ''} autocomplete="off"></div>`;
  return html`<form method="post" action="${action}">${hidden}
${errors.length ? html`<p class="problem" role="alert">Nothing was saved: please correct what is marked.</p>` : ''}
${input('partySize', 'People leaving with you, you included', `1 to ${REQUEST_LIMITS.party}.`, { max: 2, mode: 'numeric' })}
${input('dependants', 'Dependants among them', 'Children and others who cannot travel alone (0 if none).', { max: 2, mode: 'numeric' })}
${input('citizenships', 'Citizenships in your party', 'ISO country codes, separated by commas: GB, FR.', { max: 100 })}
${input('passports', 'Passports you hold', 'ISO country codes of the passports the party has with them; empty if none (lost, taken).', { max: 100 })}
${input('location', 'Where you are now', 'A town, a district, an address: where staff can find you.', { max: REQUEST_LIMITS.location })}
<div class="field"><label for="specialNeeds">Special needs (optional)</label><p class="hint">Medical needs, mobility, medicines that must stay cold, anything staff must plan for.</p>${errorFor(errors, 'specialNeeds')}
<textarea id="specialNeeds" name="specialNeeds" rows="4" maxlength="${REQUEST_LIMITS.specialNeeds}">${model.specialNeeds}</textarea></div>
${input('phone', 'Phone you can be reached on (optional)', 'With the country code: +7 495 123 45 67.', { type: 'tel', max: REQUEST_LIMITS.phone })}
<button type="submit">Ask for help to leave</button></form>`;
}
