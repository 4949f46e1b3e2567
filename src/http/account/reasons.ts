import { findByName } from '../../domain/destinations.ts';
import type { MessageId } from '../../i18n/catalog.ts';
import { destinationName } from '../../i18n/destination-names.ts';
import type { MessageValues, Translator } from '../../i18n/translator.ts';
import { knownText } from '../refusal-text.ts';

/**
 * Why a CSV row or file, a webhook address or a typed place was refused, in the reader's language.
 * The enrolment, webhook and place code words its reasons in English (the CLI, the API's problem
 * details and the logs read them so); pages translate here, at the edge, as errors.ts does for
 * whole refusals: one exact text, or a pattern with the parts it quotes. A reason may quote another
 * ("unsafe webhook address: host h resolves to a private address (…)"): the quoted one is translated
 * in turn. reasons.test.ts holds the catalogue to the code's texts; an unknown reason is shown as written.
 */

const EXACT: Record<string, MessageId> = {
  'name longer than 200 characters': 'accountReasons.row.nameLong',
  'end before start': 'accountReasons.row.endBeforeStart',
  'trip wholly in the past': 'accountReasons.row.past',
  'this is not a CSV text file (it contains binary data)': 'accountReasons.file.binary',
  'the URL is longer than 2000 characters': 'accountReasons.webhook.long',
  'not a valid URL': 'accountReasons.webhook.notUrl',
  'must start with https:// (or http://)': 'accountReasons.webhook.scheme',
  'must not contain a user name or password': 'accountReasons.webhook.credentials',
  'has no host': 'accountReasons.webhook.noHost',
  'the endpoint did not echo the challenge back': 'accountReasons.webhook.noEcho',
  'no SMS provider is configured on this site': 'accountReasons.sms.none',
  'the SMS centre did not answer in time': 'accountReasons.sms.late',
};

/** The address ranges a webhook may not reach (src/webhooks/address-guard.ts), as "a … address" names them. */
const RANGES: Record<string, MessageId> = {
  'unspecified ("this network")': 'accountReasons.range.thisNetwork',
  private: 'accountReasons.range.private',
  'carrier-grade NAT': 'accountReasons.range.cgnat',
  loopback: 'accountReasons.range.loopback',
  'link-local': 'accountReasons.range.linkLocal',
  'IETF protocol assignments': 'accountReasons.range.ietf',
  documentation: 'accountReasons.range.documentation',
  '6to4 relay': 'accountReasons.range.relay',
  benchmarking: 'accountReasons.range.benchmarking',
  multicast: 'accountReasons.range.multicast',
  reserved: 'accountReasons.range.reserved',
  unspecified: 'accountReasons.range.unspecified',
  'discard-only': 'accountReasons.range.discard',
  'unique-local': 'accountReasons.range.uniqueLocal',
  'site-local': 'accountReasons.range.siteLocal',
};

function rangeText(tr: Translator, range: string): string {
  const inside = /^(.*) \(IPv4 inside IPv6\)$/s.exec(range);
  if (inside) return tr.t('accountReasons.range.inside', { range: rangeText(tr, inside[1]!) });
  return Object.hasOwn(RANGES, range) ? tr.t(RANGES[range]!) : range;
}

/** A destination named in English by the place resolver, named in the reader's language. */
function destinationText(tr: Translator, english: string): string {
  const destination = findByName(english);
  return destination ? destinationName(destination.code, tr.locale) : english;
}

type Values = (match: RegExpExecArray, tr: Translator) => MessageValues;
const place = (m: RegExpExecArray, tr: Translator) => ({ typed: m[1], destination: destinationText(tr, m[2]!) });

/** Reasons that quote what was typed, a number or another reason: the pattern, the message, and its arguments. */
const PATTERNS: readonly [RegExp, MessageId, Values][] = [
  [/^expected (\d+) values, found (\d+)$/, 'accountReasons.row.count', (m) => ({ expected: Number(m[1]), found: Number(m[2]) })],
  [/^missing ([^;]+)$/, 'accountReasons.row.missing', (m) => ({ columns: m[1] })],
  [/^invalid e-mail "(.*)"$/s, 'accountReasons.row.email', (m) => ({ typed: m[1] })],
  [/^unknown destination "(.*)"$/s, 'accountReasons.row.destination', (m) => ({ typed: m[1] })],
  [/^start date: (.*) is not a date in (\S+)$/s, 'accountReasons.row.start', (m) => ({ typed: m[1], format: m[2] })],
  [/^end date: (.*) is not a date in (\S+) \(leave it empty for people residing abroad\)$/s, 'accountReasons.row.end', (m) => ({ typed: m[1], format: m[2] })],
  [/^unknown channel "(.*)" \(use email, or webhook:https:\/\/…\)$/s, 'accountReasons.row.channel', (m) => ({ typed: m[1] })],
  [/^unsafe webhook address: (.*)$/s, 'accountReasons.row.webhook', (m, tr) => ({ reason: reasonText(tr, m[1]!) })],
  [/^the file is larger than (\d+) MB$/, 'accountReasons.file.size', (m) => ({ megabytes: Number(m[1]) })],
  [/^malformed CSV at line (\d+): (.*)$/s, 'accountReasons.file.malformedAt', (m) => ({ line: Number(m[1]), detail: m[2] })],
  [/^malformed CSV: (.*)$/s, 'accountReasons.file.malformed', (m) => ({ detail: m[1] })],
  [/^the file is empty; expected a header line: (.*)$/s, 'accountReasons.file.empty', (m) => ({ columns: m[1] })],
  [/^missing columns (.*); the header must name (.*)$/s, 'accountReasons.file.missingColumns', (m) => ({ missing: m[1], columns: m[2] })],
  [/^missing column (.*); the header must name (.*)$/s, 'accountReasons.file.missingColumn', (m) => ({ missing: m[1], columns: m[2] })],
  [/^the file has more than (\d+) rows; split it$/, 'accountReasons.file.rows', (m) => ({ max: Number(m[1]) })],
  [/^host (.*) does not resolve$/s, 'accountReasons.webhook.unresolved', (m) => ({ host: m[1] })],
  [/^is a (.*) address \(([^()]*)\)$/s, 'accountReasons.webhook.isRange', (m, tr) => ({ range: rangeText(tr, m[1]!), address: m[2] })],
  [/^host (\S*) resolves to a (.*) address \(([^()]*)\)$/s, 'accountReasons.webhook.resolvesTo', (m, tr) => ({ host: m[1], range: rangeText(tr, m[2]!), address: m[3] })],
  [/^the endpoint answered HTTP (\d+)$/, 'accountReasons.webhook.status', (m) => ({ status: Number(m[1]) })],
  [/^no answer within ([\d.]+) s$/, 'accountReasons.webhook.timeout', (m) => ({ seconds: Number(m[1]) })],
  [/^connect ECONNREFUSED (\S+)$/, 'accountReasons.webhook.refused', (m) => ({ address: m[1] })],
  [/^bounced: (.*)$/s, 'accountReasons.webhook.bounced', (m, tr) => ({ detail: reasonText(tr, m[1]!) })],
  [/^the code could not be sent \((.*)\); try again in a few minutes$/s, 'accountReasons.sms.failed', (m) => ({ detail: m[1] })],
  [/^unknown region "(.*)" in (.+?): we know it as (.+) \(([^()]+)\) in (.+?); choose \5 as the destination, or check the spelling$/s, 'accountReasons.place.elsewhereIn',
    (m, tr) => ({ ...place(m, tr), place: m[3], subdivision: m[4], where: destinationText(tr, m[5]!) })],
  [/^unknown region "(.*)" in (.+?): we know it as (.+) in (.+?); choose \4 as the destination, or check the spelling$/s, 'accountReasons.place.elsewhere',
    (m, tr) => ({ ...place(m, tr), place: m[3], where: destinationText(tr, m[4]!) })],
  [/^unknown region "(.*)" in (.+?): we know no city or region of that name there; type a city, a region or an ISO 3166-2 code such as (.+) or (\S+), or leave it empty for the whole country$/s,
    'accountReasons.place.unknownBoth', (m, tr) => ({ ...place(m, tr), capital: m[3], code: m[4] })],
  [/^unknown region "(.*)" in (.+?): we know no city or region of that name there; type a city, a region or an ISO 3166-2 code such as (.+), or leave it empty for the whole country$/s,
    'accountReasons.place.unknownCapital', (m, tr) => ({ ...place(m, tr), capital: m[3] })],
  [/^unknown region "(.*)" in (.+?): we know no city or region of that name there; type a city, a region or an ISO 3166-2 code, or leave it empty for the whole country$/s,
    'accountReasons.place.unknown', place],
];

/** The reason in the reader's language, or undefined when it is none of those known here. */
export function knownReasonText(tr: Translator, reason: string): string | undefined {
  return knownText(tr, reason, EXACT, PATTERNS);
}

/** The reason in the reader's language; in English, or when unknown, as the code wrote it. */
export function reasonText(tr: Translator, reason: string): string {
  if (tr.locale === 'en') return reason;
  return knownReasonText(tr, reason) ?? reason;
}

/** For the test: every reason this module knows, with the English text it stands for. */
export const KNOWN_REASONS = { EXACT, PATTERNS, RANGES };
