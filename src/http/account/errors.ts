import type { MessageId } from '../../i18n/catalog.ts';
import type { MessageValues, Translator } from '../../i18n/translator.ts';
import { knownReasonText, reasonText } from './reasons.ts';
import { knownText } from '../refusal-text.ts';

/**
 * The enrolment domain's refusals (src/enrolment/*.ts EnrolmentError) in the reader's language.
 * The domain speaks English, as API problem details do; pages translate here, at the edge, by the
 * refusal's English text: one exact text, or a pattern with the parts it quotes, per message id.
 * errors.test.ts holds each English catalogue text to the domain's, so a reworded refusal shows
 * up as a failing test, not as a silently untranslated one. A refusal not listed is shown as written.
 * A refusal that quotes a reason (a webhook's, a place's: src/http/account/reasons.ts) translates
 * that reason too; a reason made a sentence ("Unknown region … ." from the trip form) reads as one.
 */

const EXACT: Record<string, MessageId> = {
  'Enter a valid e-mail address, like name@example.org.': 'accountErrors.email',
  'We could not send the e-mail just now. Please try again in a few minutes.': 'accountErrors.mailDown',
  'This link has expired: links work for 15 minutes. Ask for a new one below.': 'accountErrors.linkExpired',
  'This link is not valid. Ask for a new one below.': 'accountErrors.linkInvalid',
  'This link has already been used or has expired. Ask for a new one below.': 'accountErrors.linkUsed',
  'Choose at least one destination.': 'accountErrors.trip.noDestination',
  'Choose a destination for each region you name.': 'accountErrors.trip.regionWithoutDestination',
  'Enter the start date as YYYY-MM-DD, e.g. 2026-05-01.': 'accountErrors.trip.badStart',
  'Enter the end date as YYYY-MM-DD, or tick "residing abroad".': 'accountErrors.trip.badEnd',
  'The trip ends before it starts: check the dates.': 'accountErrors.trip.endBeforeStart',
  'This trip is wholly in the past: enrol trips that are ongoing or ahead.': 'accountErrors.trip.past',
  'There is no such trip in your account.': 'accountErrors.trip.none',
  'This trip was cancelled; enrol a new one instead.': 'accountErrors.trip.cancelled',
  'Frequency is "immediate" or "digest".': 'accountErrors.sub.frequency',
  'Choose at least one message type: advisories, alerts or routine messages.': 'accountErrors.sub.types',
  'A subscription is to a destination or to every Level 4 change.': 'accountErrors.sub.kind',
  'Choose a destination.': 'accountErrors.sub.destination',
  'There is no such subscription in your account.': 'accountErrors.sub.none',
  'Your name can be at most 200 characters long.': 'accountErrors.profile.name',
  'Enter the phone number with digits only, ideally with the country code (+44 20 7946 0000).': 'accountErrors.profile.phone',
  'At most 10 citizenships.': 'accountErrors.profile.citizenships',
  'Each emergency contact needs a name and a phone number.': 'accountErrors.profile.contactIncomplete',
  'Emergency contact names are at most 200 characters.': 'accountErrors.profile.contactLong',
  'At most 5 emergency contacts.': 'accountErrors.profile.contacts',
  'Enter the webhook URL, starting with https://.': 'accountErrors.channel.webhookUrl',
  'There is no such webhook in your account.': 'accountErrors.channel.noWebhook',
  'Enter the mobile number with its country code, like +44 7700 900123.': 'accountErrors.channel.mobile',
  'There is no such channel in your account.': 'accountErrors.channel.none',
  'Your e-mail address is always a channel; delete the account to remove it.': 'accountErrors.channel.email',
  'There is no such SMS number in your account.': 'accountErrors.sms.none',
  'This number is already verified.': 'accountErrors.sms.verified',
  'We have sent this number as many codes as we will. Remove it and add it again later, or contact us.': 'accountErrors.sms.maxSends',
  'A code was sent less than a minute ago: wait for it, then ask again if it has not come.': 'accountErrors.sms.tooSoon',
  'Enter the six digits of the code we texted you.': 'accountErrors.sms.sixDigits',
  'No code has been sent to this number yet: ask for one first.': 'accountErrors.sms.noneSent',
  'Too many wrong codes: ask for a new one.': 'accountErrors.sms.tooMany',
  'This code has expired: ask for a new one.': 'accountErrors.sms.expired',
  'That is not the code we sent, and it was the last try: ask for a new code.': 'accountErrors.sms.lastTry',
  'This invitation link is not valid. Copy the whole link from the e-mail.': 'accountErrors.invitation.invalid',
  'This invitation was accepted or declined already, or it has expired.': 'accountErrors.invitation.closed',
  'This invitation has expired. If you still want to join, ask the organisation to send it again.': 'accountErrors.invitation.expired',
  'Not found.': 'accountErrors.notFound',
  'Another import is enrolling some of the same people at this moment; nothing was imported. Try again.': 'accountErrors.import.concurrent',
  'Give the organisation a name.': 'accountErrors.organisation.name',
  'An organisation name cannot contain control or invisible formatting characters.': 'accountErrors.organisation.invisible',
  'An organisation name cannot contain an e-mail address.': 'accountErrors.organisation.email',
  'An organisation name cannot contain a web address or domain name (like example.org); write the name alone.': 'accountErrors.organisation.web',
  'There is no such organisation.': 'accountErrors.organisation.none',
  'Nothing was sent: nobody matches (no member with a confirmed address travelling there now).': 'accountErrors.organisation.nobody',
  'Destinations must be a list of destinations.': 'accountErrors.message.destinationList',
  'Destinations may name at most 50 destinations.': 'accountErrors.message.destinationsMax',
  'Choose who receives it: all members, or only those travelling now.': 'accountErrors.message.audience',
  'Destinations narrow only "those travelling now": choose that, or leave destinations empty.': 'accountErrors.message.narrow',
};

/** The fields of an organisation's message, as its refusals name them and the messages' select does. */
const FIELDS: Record<string, string> = { Subject: 'subject', Message: 'text' };

/** What a refusal says an unverified organisation cannot do, as the message's select names it. */
const ACTIONS: Record<string, string> = { 'import people': 'import', 'invite people': 'invite', 'send messages': 'message' };

/** Refusals that quote what was typed or a number: the pattern, the message, and its arguments. */
const PATTERNS: readonly [RegExp, MessageId, (match: RegExpExecArray, tr: Translator) => MessageValues][] = [
  [/^Unknown destination "(.*)": use a country name or its ISO code\.$/s, 'accountErrors.unknownDestination', (m) => ({ typed: m[1] })],
  [/^A trip has at most (\d+) destinations\.$/, 'accountErrors.trip.tooMany', (m) => ({ max: Number(m[1]) })],
  [/^Unknown language "(.*)"\.$/s, 'accountErrors.profile.language', (m) => ({ typed: m[1] })],
  [/^Unknown country "(.*)" among your citizenships\.$/s, 'accountErrors.profile.country', (m) => ({ typed: m[1] })],
  [/^The e-mail address of (.*) is not valid\.$/s, 'accountErrors.profile.contactEmail', (m) => ({ name: m[1] })],
  [/^To let us ask (.*) in a crisis, give their e-mail address\.$/s, 'accountErrors.profile.contactNeedsEmail', (m) => ({ name: m[1] })],
  [/^The phone number of (.*) is not valid\.$/s, 'accountErrors.profile.contactPhone', (m) => ({ name: m[1] })],
  [/^That is not the code we sent\. (\d+) (?:try|tries) left\.$/, 'accountErrors.sms.wrong', (m) => ({ left: Number(m[1]) })],
  [/^This webhook address is refused: (.*)\.$/s, 'accountErrors.channel.refused', (m, tr) => ({ reason: reasonText(tr, m[1]!) })],
  [/^The webhook was saved but is not confirmed: (.*)\. Make the endpoint echo the challenge, then send it again\.$/s, 'accountErrors.channel.unconfirmed', (m, tr) => ({ reason: reasonText(tr, m[1]!) })],
  [/^The webhook is still not confirmed: (.*)\.$/s, 'accountErrors.channel.stillUnconfirmed', (m, tr) => ({ reason: reasonText(tr, m[1]!) })],
  [/^No code was sent: (.*)\.$/s, 'accountErrors.sms.notSent', (m, tr) => ({ reason: reasonText(tr, m[1]!) })],
  [/^The number was saved but (.*)\.$/s, 'accountErrors.sms.savedNotSent', (m, tr) => ({ reason: reasonText(tr, m[1]!) })],
  [/^There is no organisation "(.*)"\.$/s, 'accountErrors.import.noOrganisation', (m) => ({ name: m[1] })],
  [/^This organisation's daily limit is (\d+) imported rows \(ORG_DAILY_IMPORT_LIMIT\); (\d+) used today and this file needs (\d+) more\. Nothing was imported; try again after (.+)\.$/s,
    'accountErrors.import.rowLimit', (m) => ({ max: Number(m[1]), used: Number(m[2]), left: Number(m[3]), typed: m[4] })],
  [/^This organisation's daily limit is (\d+) e-mails \(welcomes and invitations\) \(ORG_DAILY_IMPORT_LIMIT\); (\d+) used today and this file needs (\d+) more\. Nothing was imported; try again after (.+)\.$/s,
    'accountErrors.import.mailLimit', (m) => ({ max: Number(m[1]), used: Number(m[2]), left: Number(m[3]), typed: m[4] })],
  [/^An organisation name is at most (\d+) characters\.$/, 'accountErrors.organisation.nameLong', (m) => ({ max: Number(m[1]) })],
  [/^This organisation is awaiting verification by the service's administrators: it cannot (import people|invite people|send messages) yet\.$/,
    'accountErrors.organisation.awaiting', (m) => ({ action: ACTIONS[m[1]!] })],
  [/^The service's administrators withdrew this organisation's verification: it cannot (import people|invite people|send messages)\.$/,
    'accountErrors.organisation.withdrawn', (m) => ({ action: ACTIONS[m[1]!] })],
  [/^This organisation has sent its (\d+) messages? for today \(ORG_DAILY_MESSAGE_LIMIT\); nothing was sent\. Try again after (.+)\.$/s,
    'accountErrors.organisation.messageLimit', (m) => ({ max: Number(m[1]), typed: m[2] })],
  // An organisation's message refused: each field's problem (src/domain/organisation-messages.ts), joined after "Nothing was sent:".
  [/^Nothing was sent: (.*)$/s, 'accountErrors.message.nothingSent', (m, tr) => ({ reason: m[1]!.split(/(?<=\.) (?=Subject |Message |Choose who |Destinations )/).map((part) => enrolmentErrorText(tr, { message: part })).join(' ') })],
  [/^(Subject|Message) is required\.$/, 'accountErrors.message.required', (m) => ({ field: FIELDS[m[1]!] })],
  [/^(Subject|Message) must be at most (\d+) characters \(got (\d+)\)\.$/, 'accountErrors.message.long', (m) => ({ field: FIELDS[m[1]!], max: Number(m[2]), got: Number(m[3]) })],
  [/^(Subject|Message) must not contain control or invisible formatting characters\.$/, 'accountErrors.message.invisible', (m) => ({ field: FIELDS[m[1]!] })],
  [/^Destinations has an unknown destination "(.*)"\.$/s, 'accountErrors.message.unknownDestination', (m) => ({ typed: m[1] })],
];

/** "Unknown region … ." (the trip form): a reason of reasons.ts made a sentence, translated as one. */
function reasonSentence(tr: Translator, message: string): string | undefined {
  const sentence = /^([A-Z])(.*)\.$/s.exec(message);
  const reason = sentence && knownReasonText(tr, `${sentence[1]!.toLowerCase()}${sentence[2]}`);
  return reason ? `${reason[0]!.toUpperCase()}${reason.slice(1)}.` : undefined;
}

/** The refusal in the reader's language; in English, the domain's own words. */
export function enrolmentErrorText(tr: Translator, error: { message: string }): string {
  if (tr.locale === 'en') return error.message;
  return knownText(tr, error.message, EXACT, PATTERNS) ?? reasonSentence(tr, error.message) ?? error.message;
}

/** For the test: every refusal this module knows, with the English text it stands for. */
export const KNOWN_REFUSALS = { EXACT, PATTERNS };
