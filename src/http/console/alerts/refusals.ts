import type { MessageId } from '../../../i18n/catalog.ts';
import { findByName } from '../../../domain/destinations.ts';
import { destinationName } from '../../../i18n/destination-names.ts';
import type { Translator } from '../../../i18n/translator.ts';
import { refusalText, type RefusalPattern } from '../../refusal-text.ts';
import { fieldLabel, type FieldMessage } from '../layout.ts';

/**
 * The alert form's and the alert service's refusals in the staff member's language. The domain
 * (src/domain/alert-input.ts, alert-area.ts, places.ts, local-time.ts; src/alerts) speaks English,
 * as the staff API's problem details do; the console translates here, at the edge, by the
 * refusal's English text: one exact text, or a pattern with the parts it quotes. The console's
 * language test holds the catalogue's English to the domain's, so a reworded refusal fails a test
 * rather than showing untranslated. A refusal not listed is shown as written.
 */

const EXACT: Record<string, MessageId> = {
  'is required': 'consoleAlertErrors.required',
  'must be text': 'consoleAlertErrors.text',
  'contains control characters': 'consoleAlertErrors.control',
  'must be one line without control characters': 'consoleAlertErrors.oneLine',
  'must be a language tag such as en or en-GB': 'consoleAlertErrors.language',
  'must be an http or https URL': 'consoleAlertErrors.url',
  'must be after effective': 'consoleAlertErrors.afterEffective',
  'is in the past: the alert would never be shown': 'consoleAlertErrors.past',
  'must be before expires': 'consoleAlertErrors.beforeExpires',
  'must be a list of alert ids': 'consoleAlertErrors.refList',
  'must be an alert id or a CAP identifier': 'consoleAlertErrors.refItem',
  'only an Update or a Cancel refers to earlier alerts; use msgType Update': 'consoleAlertErrors.refOnAlert',
  'at most 20 references': 'consoleAlertErrors.refMany',
  'name at least one destination (a name such as Russia or an ISO 3166-1 code such as RU)': 'consoleAlertErrors.noDestination',
  'at most 60 destinations': 'consoleAlertErrors.manyDestinations',
  'must be a list of ISO 3166-2 codes or area names': 'consoleAlertErrors.regionList',
  'at most 100 regions': 'consoleAlertErrors.manyRegions',
  'must be an ISO 3166-2 code (RU-MOW) or an area name': 'consoleAlertErrors.regionShape',
  'must be an object with polygon and/or circle': 'consoleAlertErrors.areaObject',
  'must be CAP text: "lat,lon lat,lon …" (at most 20,000 characters)': 'consoleAlertErrors.polygonText',
  'must be CAP text: "lat,lon radius"': 'consoleAlertErrors.circleText',
  'the polygon is not closed: its last point must equal its first': 'consoleAlertErrors.polygonOpen',
  'a circle is "latitude,longitude radius" with the radius in kilometres, e.g. "55.75,37.62 5"': 'consoleAlertErrors.circleShape',
  'the radius cannot be negative': 'consoleAlertErrors.radiusNegative',
  'the radius is larger than half the Earth\'s circumference (20,040 km)': 'consoleAlertErrors.radiusHuge',
  'must be a date and time, e.g. 2026-11-23T22:00': 'consoleAlertErrors.localFormat',
  'Only crisis staff and admins can issue alerts.': 'consoleAlertErrors.onlyCrisisIssue',
  'Only crisis staff and admins can update or cancel alerts.': 'consoleAlertErrors.onlyCrisisChange',
  'Another update or cancellation of the same alert was issued at the same moment; reload and try again.': 'consoleAlertErrors.race',
};

/** An English destination name, as the domain quotes it, in the staff member's language. */
const place = (name: string, tr: Translator) => {
  const found = findByName(name);
  return found ? destinationName(found.code, tr.locale) : name;
};

const PATTERNS: readonly RefusalPattern[] = [
  [/^must be at most (\d+) characters \(got (\d+)\)$/, 'consoleAlertErrors.tooLong', (m) => ({ max: Number(m[1]), got: Number(m[2]) })],
  [/^is required: one of (.*)$/, 'consoleAlertErrors.requiredOneOf', (m) => ({ values: m[1] })],
  [/^must be one of (.*)$/, 'consoleAlertErrors.oneOf', (m) => ({ values: m[1] })],
  [/^is required: an RFC 3339 date-time with a zone, e\.g\. (\S+)$/, 'consoleAlertErrors.timeRequired', (m) => ({ example: m[1] })],
  [/^must be an RFC 3339 date-time with a zone, e\.g\. (\S+)$/, 'consoleAlertErrors.timeFormat', (m) => ({ example: m[1] })],
  [/^an (Update|Cancel) must name the alert it (?:updates|cancels)$/, 'consoleAlertErrors.refMissing', (m) => ({ type: m[1] })],
  [/^there is no alert (.*)$/s, 'consoleAlertErrors.refUnknown', (m) => ({ ref: m[1] })],
  [/^alert (\d+) is (\w+), this message is (\w+)$/, 'consoleAlertErrors.refStatus', (m) => ({ id: m[1], status: m[2], mine: m[3] })],
  [/^no destination is called "(.*)": use its name as on the public site \(Russia\) or its ISO 3166-1 code \(RU\)$/s, 'consoleAlertErrors.unknownDestination', (m) => ({ typed: m[1] })],
  [/^unknown region "(.*)" in (.*): give an ISO 3166-2 code such as RU-MOW or an area name$/s, 'consoleAlertErrors.regionUnknownIn', (m) => ({ typed: m[1], where: m[2] })],
  [/^unknown region "(.*)" in (.*): we know it as (.*) in (.*); choose \4 as the destination, or check the spelling$/s, 'consoleAlertErrors.regionElsewhere',
    (m, tr) => ({ typed: m[1], where: place(m[2]!, tr), name: m[3], country: place(m[4]!, tr) })],
  [/^unknown region "(.*)" in (.*): we know no city or region of that name there; type a city, a region or an ISO 3166-2 code(?: such as (.*?)(?: or (\S+))?)?, or leave it empty for the whole country$/s,
    'consoleAlertErrors.regionNone', (m, tr) => ({ typed: m[1], where: place(m[2]!, tr), example: m[3] ? exampleOf(tr, m[3], m[4]) : '' })],
  [/^unknown region "(.*)"$/s, 'consoleAlertErrors.regionUnknown', (m) => ({ typed: m[1] })],
  [/^"(.*)" is not a "latitude,longitude" pair$/s, 'consoleAlertErrors.pair', (m) => ({ typed: m[1] })],
  [/^latitude (\S+) is outside -90…90$/, 'consoleAlertErrors.latitude', (m) => ({ value: m[1] })],
  [/^longitude (\S+) is outside -180…180$/, 'consoleAlertErrors.longitude', (m) => ({ value: m[1] })],
  [/^a polygon needs at least 4 "lat,lon" pairs, the last equal to the first \(got (\d+)\)$/, 'consoleAlertErrors.polygonPairs', (m) => ({ count: Number(m[1]) })],
  [/^radius "(.*)" is not a number of kilometres$/s, 'consoleAlertErrors.radius', (m) => ({ typed: m[1] })],
  [/^no time zone is called "(.*)": use UTC or an IANA name such as Europe\/Moscow$/s, 'consoleAlertErrors.noZone', (m) => ({ typed: m[1] })],
  [/^(.*) is not a date and time that exists$/s, 'consoleAlertErrors.localImpossible', (m) => ({ typed: m[1] })],
  [/^(.*) does not exist in (.*): the clocks skip it$/s, 'consoleAlertErrors.localSkipped', (m) => ({ typed: m[1], zone: m[2] })],
  [/^There is no alert (\d+)\.$/, 'consoleAlertErrors.noAlert', (m) => ({ id: m[1] })],
  [/^Alert (\d+) is a cancellation; it cannot be updated or cancelled\.$/, 'consoleAlertErrors.isCancellation', (m) => ({ id: m[1] })],
  [/^Alert (\d+) was already replaced by alert (\d+); refer to that one instead\.$/, 'consoleAlertErrors.replaced', (m) => ({ id: m[1], by: m[2] })],
  [/^Alert (\d+) has expired; issue a new alert instead\.$/, 'consoleAlertErrors.expired', (m) => ({ id: m[1] })],
];

/** " such as Moscow or RU-MOW" in the staff member's language (the capital's name stays as the gazetteer has it). */
function exampleOf(tr: Translator, capital: string, code: string | undefined): string {
  return tr.locale === 'fr' ? ` comme ${capital}${code ? ` ou ${code}` : ''}` : ` such as ${capital}${code ? ` or ${code}` : ''}`;
}

/** One alert refusal in the staff member's language; in English, the domain's own words. */
export const alertRefusalText = (tr: Translator, message: string): string => refusalText(tr, message, EXACT, PATTERNS);

/** A form's messages, each in the staff member's language. */
export const translatedRefusals = (tr: Translator, errors: readonly FieldMessage[]): FieldMessage[] =>
  errors.map((e) => ({ field: e.field, message: alertRefusalText(tr, e.message) }));

/** The alert form's field names as its labels read ("destinations.1" is "Destination 2"); English is layout.ts's. */
export function alertFieldLabel(tr: Translator, field: string): string {
  if (tr.locale === 'en') return fieldLabel(field);
  const [head = '', index] = field.split('.');
  if ((head === 'destinations' || head === 'regions' || head === 'references') && /^\d+$/.test(index ?? '')) return tr.t('consoleAlertErrors.item', { field: head, n: Number(index) + 1 });
  return tr.t('consoleAlertErrors.field', { field: field.replace(/^area\./, '') });
}

/** For the test: every refusal this module knows, with the message id it stands for. */
export const KNOWN_ALERT_REFUSALS = { EXACT, PATTERNS };
