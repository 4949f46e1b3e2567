import type { MessageId } from '../../i18n/catalog.ts';
import type { Translator } from '../../i18n/translator.ts';
import { html, type SafeHtml } from '../html.ts';
import { fieldLabel, type FieldMessage } from './layout.ts';
import { knownText, type RefusalPattern } from '../refusal-text.ts';

/**
 * The crisis, case and departure services' refusals (src/domain/crisis-input.ts, case-input.ts,
 * departures.ts, src/crises, src/cases, src/departures) in the staff member's language. The domain
 * speaks English, as the staff API's problem details do; console pages translate here, at the edge,
 * by the English text: an exact text or a pattern with the parts it quotes. A refusal not listed is
 * shown as written. console-languages-crises.test.ts holds each English catalogue text to the
 * domain's wording, so a reworded refusal fails a test instead of going silently untranslated.
 */

/** What one field is refused for (next to the field, and in the form's summary). */
const FIELD_EXACT: Record<string, MessageId> = {
  'is required': 'consoleCrisisErrors.field.required',
  'must be text': 'consoleCrisisErrors.field.text',
  'must be one line without control characters': 'consoleCrisisErrors.field.oneLine',
  'must not contain control characters': 'consoleCrisisErrors.field.control',
  'must be true or false': 'consoleCrisisErrors.field.boolean',
  'is required, e.g. "Unrest in Moscow"': 'consoleCrisisErrors.field.crisisTitle',
  'cannot be in the future: declare a crisis once it has begun (an alert warns of one to come)': 'consoleCrisisErrors.field.crisisFuture',
  'name at least one destination (a name such as Russia or an ISO 3166-1 code such as RU)': 'consoleCrisisErrors.field.noDestination',
  'must be an ISO 3166-2 code (RU-MOW) or an area name': 'consoleCrisisErrors.field.region',
  'must be a country: an ISO 3166-1 code such as RU, or its name': 'consoleCrisisErrors.field.country',
  'must be a country: an ISO 3166-1 code such as RU': 'consoleCrisisErrors.field.countryCode',
  'must be a positive whole number': 'consoleCrisisErrors.field.positive',
  'must be a day, YYYY-MM-DD': 'consoleCrisisErrors.field.day',
  'cannot be in the future: record what has happened': 'consoleCrisisErrors.field.accessFuture',
  'is required to close a case: say how it ended': 'consoleCrisisErrors.field.outcomeRequired',
  'is given only when closing a case': 'consoleCrisisErrors.field.outcomeOnlyClosing',
  'the case is already closed': 'consoleCrisisErrors.field.alreadyClosed',
  'only an admin can designate a case wrongful detention or withdraw the designation': 'consoleCrisisErrors.field.wrongful',
  'a new departure is planned; change its status afterwards': 'consoleCrisisErrors.field.newPlanned',
};

/** The hints a departure's required fields quote ("is required: where people gather"). */
const HINTS: Record<string, MessageId> = {
  'what people will recognise, e.g. "Charter flight VIE 1"': 'consoleCrisisErrors.hint.label',
  'how many persons it takes': 'consoleCrisisErrors.hint.capacity',
  'where people gather': 'consoleCrisisErrors.hint.meetingPoint',
  'when people meet (RFC 3339 with a zone)': 'consoleCrisisErrors.hint.meetingAt',
};

const FIELD_PATTERNS: readonly RefusalPattern[] = [
  [/^must be at most (\d+) characters \(got (\d+)\)$/, 'consoleCrisisErrors.field.tooLong', (m) => ({ max: Number(m[1]), got: Number(m[2]) })],
  [/^must be at most (\d+) characters$/, 'consoleCrisisErrors.field.tooLongPlain', (m) => ({ max: Number(m[1]) })],
  [/^must be an RFC 3339 date-time with a zone, e\.g\. (\S+)$/, 'consoleCrisisErrors.field.dateTime', (m) => ({ example: m[1] })],
  [/^must be within the last (\d+) days$/, 'consoleCrisisErrors.field.lastDays', (m) => ({ days: Number(m[1]) })],
  [/^no destination is called "(.*)": use its name as on the public site \(Russia\) or its ISO 3166-1 code \(RU\)$/s, 'consoleCrisisErrors.field.unknownDestination', (m) => ({ typed: m[1] })],
  [/^must be a number of hours from (\S+) to (\S+), or null for off$/, 'consoleCrisisErrors.field.hours', (m) => ({ min: m[1], max: m[2] })],
  [/^must be one of (.*)$/, 'consoleCrisisErrors.field.oneOf', (m) => ({ values: m[1] })],
  [/^must be a whole number from (\d+) to (\d+)( persons)?$/, 'consoleCrisisErrors.field.wholeNumber', (m) => ({ min: Number(m[1]), max: Number(m[2]), persons: m[3] ? 'yes' : 'no' })],
  [/^must be within (\d+) days$/, 'consoleCrisisErrors.field.withinDays', (m) => ({ days: Number(m[1]) })],
  [/^must not be more than (\d+) days ago$/, 'consoleCrisisErrors.field.notDaysAgo', (m) => ({ days: Number(m[1]) })],
  [/^is required: (.*)$/s, 'consoleCrisisErrors.field.requiredHint', (m, tr) => ({ hint: Object.hasOwn(HINTS, m[1]!) ? tr.t(HINTS[m[1]!]!) : m[1] })],
];

const ids = (text: string) => text.split(/,\s*/).length;
const status = (tr: Translator, value: string | undefined) => tr.t('consoleCrises.dep.status', { status: value });

/** Refusals of a whole action (a wave, a boarding, a message), shown above the page or on their own. */
const EXACT: Record<string, MessageId> = {
  'A follow-up goes to those who did not answer an earlier wave: send a first wave before it.': 'consoleCrisisErrors.firstWave',
  'Another wave of this crisis was sent at the same moment; reload and look before sending again.': 'consoleCrisisErrors.sameMoment',
  'Only arrest or detention cases keep a consular access log: set the case\'s type first.': 'consoleCrisisErrors.accessLogType',
  'Nobody is assigned to this departure: assign requests before messaging them.': 'consoleCrisisErrors.nobodyAssigned',
  'This departure was cancelled: nobody boards it.': 'consoleCrisisErrors.cancelledBoarding',
  'Some of these requests were assigned elsewhere at the same moment. Nothing was assigned; reload and try again.': 'consoleCrisisErrors.raced',
};

const PATTERNS: readonly RefusalPattern[] = [
  [/^Crisis (\d+) is closed: it sends no more check-ins\.$/, 'consoleCrisisErrors.crisisClosedWaves', (m) => ({ id: m[1] })],
  [/^Crisis (\d+) is already closed\.$/, 'consoleCrisisErrors.crisisAlreadyClosed', (m) => ({ id: m[1] })],
  [/^Crisis (\d+) is closed: it sends nothing more\.$/, 'consoleCrisisErrors.crisisClosedSettings', (m) => ({ id: m[1] })],
  [/^Crisis (\d+) is closed: declare no new departures for it\.$/, 'consoleCrisisErrors.crisisClosedDepartures', (m) => ({ id: m[1] })],
  [/^There is no crisis (\d+)\.$/, 'consoleCrisisErrors.noCrisis', (m) => ({ id: m[1] })],
  [/^There is no case (\d+)\.$/, 'consoleCrisisErrors.noCase', (m) => ({ id: m[1] })],
  [/^There is no departure (\d+)\.$/, 'consoleCrisisErrors.noDeparture', (m) => ({ id: m[1] })],
  [/^A departure that is (\w+) cannot become (\w+)\.$/, 'consoleCrisisErrors.transition', (m, tr) => ({ from: status(tr, m[1]), to: status(tr, m[2]) })],
  [/^This departure is (\w+): it takes nobody more\.$/, 'consoleCrisisErrors.notOpen', (m, tr) => ({ status: status(tr, m[1]) })],
  [/^Not enough room: these requests are (\d+) persons and (\d+) of (\d+) places are left\. Nothing was assigned\.$/, 'consoleCrisisErrors.noRoom', (m) => ({ adding: m[1], remaining: m[2], capacity: m[3] })],
  [/^Request (\d+) is not assigned to this departure\.$/, 'consoleCrisisErrors.notAssigned', (m) => ({ id: m[1] })],
  [/^Request (\d+) has boarded: boarding is kept on record and cannot be undone by unassigning\.$/, 'consoleCrisisErrors.boardedStays', (m) => ({ id: m[1] })],
  [/^(\d+) persons are assigned: the capacity cannot go below that \(asked (\d+)\)\. Unassign some first\.$/, 'consoleCrisisErrors.capacityBelow', (m) => ({ assigned: m[1], capacity: m[2] })],
  [/^Requests? ([\d, ]+) (?:is|are) already assigned to another departure: unassign (?:it|them) there first\.$/, 'consoleCrisisErrors.elsewhere', (m) => ({ ids: m[1], count: ids(m[1]!) })],
  [/^(\d+) (?:person has|people have) boarded: a departure with people on board cannot be cancelled\.$/, 'consoleCrisisErrors.onBoard', (m) => ({ count: Number(m[1]) })],
  [/^Only people assigned to this departure can board it; not assigned: requests? ([\d, ]+)\. Nothing was marked\.$/, 'consoleCrisisErrors.strangers', (m) => ({ ids: m[1], count: ids(m[1]!) })],
  [/^No request ([\d, ]+) in this departure's crisis\. Nothing was changed\.$/, 'consoleCrisisErrors.unknownRequests', (m) => ({ ids: m[1] })],
];

/** The sentence a refusal with per-field reasons starts with, before "field reason; field reason". */
const PREFIXES: Record<string, string> = {
  'The crisis was not declared': 'declared', 'Nothing was changed': 'changed', 'The case was not changed': 'caseChanged', 'The case was not opened': 'caseOpened',
  'The note was not added': 'note', 'The access log entry was not added': 'access', 'The contact was not added': 'contact', 'The person was not added': 'person',
  'The departure was not created': 'departure', 'Nothing was sent': 'sent',
};

/** A field's name in a French summary: "destinations.1" reads "Destination 2". */
export function refusedFieldName(tr: Translator, field: string): string {
  if (tr.locale === 'en') return fieldLabel(field);
  const [name = '', index] = field.split('.');
  if (index !== undefined && /^\d+$/.test(index)) return tr.t('consoleCrisisErrors.itemName', { field: name, number: Number(index) + 1 });
  return tr.t('consoleCrisisErrors.fieldName', { field });
}

/** One field's reason in the staff member's language; in English, the domain's own words. */
export function fieldReason(tr: Translator, message: string): string {
  return tr.locale === 'en' ? message : knownText(tr, message, FIELD_EXACT, FIELD_PATTERNS) ?? message;
}

/** A form's refusals with each reason translated (for fieldErrors and refusalSummary). */
export const translatedErrors = (tr: Translator, errors: readonly FieldMessage[]): FieldMessage[] => errors.map((e) => ({ field: e.field, message: fieldReason(tr, e.message) }));

/** A refusal as one sentence in the staff member's language; in English, exactly the domain's message. */
export function refusalText(tr: Translator, error: { message: string; errors?: readonly FieldMessage[] | undefined }): string {
  if (tr.locale === 'en') return error.message;
  const whole = knownText(tr, error.message, EXACT, PATTERNS);
  if (whole) return whole;
  const prefix = error.message.slice(0, error.message.indexOf(': '));
  if (error.errors?.length && Object.hasOwn(PREFIXES, prefix)) {
    const reasons = error.errors.map((e) => tr.t('consoleCrisisErrors.reason', { field: refusedFieldName(tr, e.field), reason: fieldReason(tr, e.message) })).join(' ; ');
    return tr.t('consoleCrisisErrors.prefix', { what: PREFIXES[prefix], reasons });
  }
  return error.message;
}

/**
 * The error summary at the top of a form, as layout.ts's errorSummary writes it (same markup, so
 * English pages stay as they were), with the fields named and the reasons given in the page's language.
 */
export function refusalSummary(tr: Translator, errors: readonly FieldMessage[], title: string): SafeHtml | '' {
  if (errors.length === 0) return '';
  return html`<div class="problem" role="alert" tabindex="-1" id="errors"><h2>${title}</h2><ul>${errors.map((e) =>
    html`<li>${e.field ? html`<a href="#f-${e.field.replace(/\./g, '-')}">${refusedFieldName(tr, e.field)}</a>${tr.locale === 'en' ? ':' : ' :'} ` : ''}${e.field ? fieldReason(tr, e.message) : refusalText(tr, e)}</li>`)}</ul></div>`;
}

/** For the test: every refusal this module knows, with the English text it stands for. */
export const KNOWN_REFUSALS = { FIELD_EXACT, FIELD_PATTERNS, EXACT, PATTERNS, HINTS, PREFIXES };
