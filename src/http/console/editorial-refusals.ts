import type { MessageId } from '../../i18n/catalog.ts';
import type { Translator } from '../../i18n/translator.ts';
import type { FieldMessage } from './layout.ts';
import { knownText, refusalText as sharedRefusalText, type RefusalPattern } from '../refusal-text.ts';

/**
 * The publishing service's refusals in the staff member's language. The domain speaks English, as
 * the staff API's problem details do; the console translates here, at the edge, by the refusal's
 * English text: one exact text, or a pattern with the parts it quotes. The catalogue's English
 * texts are the domain's word for word (console-languages-editorial.test.ts holds them to it), so
 * a reworded refusal fails a test instead of silently showing in English. One not listed shows as written.
 */

const EXACT: Record<string, MessageId> = {
  'must be text': 'consoleRefusals.mustBeText',
  'is required': 'consoleRefusals.required',
  'is too long': 'consoleRefusals.tooLongBare',
  'must be a level from 1 to 4': 'consoleRefusals.level',
  'must be true or false': 'consoleRefusals.boolean',
  'must be "major" or "minor"': 'consoleRefusals.changeType',
  'must be a date like 2026-04-30, or empty': 'consoleRefusals.dateOrEmpty',
  'must be a date like 2026-04-30': 'consoleRefusals.date',
  'must be in the future': 'consoleRefusals.future',
  'must be lower-case letters, digits and hyphens, like "dual-nationals"': 'consoleRefusals.slug',
  'a major change needs a public change note: say in a sentence what changed': 'consoleRefusals.changeNote',
  'choose whether this is a major change (notifies subscribers) or a minor one': 'consoleRefusals.chooseType',
  'the first advisory for a destination is a major change': 'consoleRefusals.firstIsMajor',
  'nothing has changed since the published revision: to record a periodic review without changes, use "Reissue after review" instead': 'consoleRefusals.unchanged',
  'must be a phone number: digits, spaces, brackets, dots or dashes, with an optional leading +': 'consoleRefusals.mission.phone',
  'must be an e-mail address like consular@example.org': 'consoleRefusals.mission.email',
  'an interests section names the country hosting it (its protecting power)': 'consoleRefusals.mission.host',
  'must be an ISO 3166-1 country code like CH': 'consoleRefusals.mission.country',
  'must be lower-case letters, digits and hyphens, like "embassy-moscow"': 'consoleRefusals.mission.id',
  'is required: translate the summary first (sections may follow)': 'consoleRefusals.translation.summary',
  'must be true, false or null (not said)': 'consoleRefusals.fact.cards',
  'Editors, reviewers and admins can start drafts.': 'consoleRefusals.who.create',
  'Editors, reviewers and admins can edit drafts.': 'consoleRefusals.who.edit',
  'Editors, reviewers and admins can submit drafts.': 'consoleRefusals.who.submit',
  'Only reviewers and admins can approve drafts.': 'consoleRefusals.who.approve',
  'Only reviewers and admins can return drafts.': 'consoleRefusals.who.return',
  'Only reviewers and admins can schedule publication.': 'consoleRefusals.who.schedule',
  'Only reviewers and admins can publish.': 'consoleRefusals.who.publish',
  'Only reviewers and admins can reissue an advisory.': 'consoleRefusals.who.reissue',
  'This draft is already submitted for review.': 'consoleRefusals.state.alreadySubmitted',
  'This draft is already approved.': 'consoleRefusals.state.alreadyApproved',
  'This draft is already approved and scheduled.': 'consoleRefusals.state.alreadyScheduled',
  'Only a submitted draft can be approved: it has not been submitted yet.': 'consoleRefusals.state.approveUnsubmitted',
  'This draft is not submitted, so there is nothing to return.': 'consoleRefusals.state.returnUnsubmitted',
  'Only an approved draft can be scheduled: submit it and have it approved first.': 'consoleRefusals.state.scheduleDraft',
  'Only an approved draft can be scheduled: it is waiting for approval.': 'consoleRefusals.state.scheduleSubmitted',
  'Only an approved draft can be published: submit it and have it approved first.': 'consoleRefusals.state.publishDraft',
  'Only an approved draft can be published: it is waiting for approval.': 'consoleRefusals.state.publishSubmitted',
  'This destination already has an open draft: continue that one.': 'consoleRefusals.openDraft',
  'This draft has been published, and published revisions are read-only: start a new draft to change the advisory.': 'consoleRefusals.readOnly',
  'Only someone who wrote this draft can submit it: you have not changed its content.': 'consoleRefusals.notContributor',
  'Two-person rule: you changed this draft\'s content, so someone else must approve it.': 'consoleRefusals.twoPerson',
  'Say why the draft goes back: a comment is required.': 'consoleRefusals.comment',
  'is required: say what to change': 'consoleRefusals.commentField',
  'publishAt must be a date and time with a zone, like 2026-05-01T09:00:00Z': 'consoleRefusals.publishAt.format',
  'publishAt is not a real date and time': 'consoleRefusals.publishAt.unreal',
  'publishAt must be in the future (to publish now, leave it out)': 'consoleRefusals.publishAt.past',
  'publishAt must be within a year': 'consoleRefusals.publishAt.year',
  'nextReviewDue must be a date like 2026-04-30, or empty for the default cycle.': 'consoleRefusals.reissueDate',
  'The next review date must be in the future.': 'consoleRefusals.reissueFuture',
  'citizens are now urged to leave': 'consoleRefusals.change.leave',
  'the call to leave is lifted': 'consoleRefusals.change.leaveLifted',
};

/** Refusals that quote what was typed, a name or a number. */
const PATTERNS: readonly RefusalPattern[] = [
  [/^is too long \(at most ([\d,]+) characters\)$/, 'consoleRefusals.tooLong', (m, tr) => ({ max: tr.number(Number(m[1]!.replace(/,/g, ''))) })],
  [/^unknown region "(.*)": give an ISO 3166-2 code of this destination(?: such as (\S+))?, or leave the code empty for a named area$/s, 'consoleRefusals.unknownRegion',
    (m, tr) => ({ code: m[1], example: m[2] ? tr.t('consoleRefusals.unknownRegionExample', { code: m[2] }) : '' })],
  [/^region (\S+) is listed twice$/, 'consoleRefusals.regionTwice', (m) => ({ code: m[1] })],
  [/^another section already uses the slug "(.*)"$/s, 'consoleRefusals.slugTaken', (m) => ({ slug: m[1] })],
  [/^describes indicator (\S+), which is not ticked: tick it or remove the text$/, 'consoleRefusals.riskNotTicked', (m) => ({ indicator: m[1] })],
  [/^this change must be major because (.*)$/s, 'consoleRefusals.mustBeMajor', (m, tr) => ({ changes: changeText(tr, m[1]!) })],
  [/^(.*): travellers are always told of this$/s, 'consoleRefusals.alwaysTold', (m, tr) => ({ change: changeText(tr, m[1]!) })],
  [/^another mission already uses the id "(.*)"$/s, 'consoleRefusals.mission.idTaken', (m) => ({ id: m[1] })],
  [/^A draft that is (\S+) cannot be sent to (\S+)\.$/, 'consoleRefusals.state.other', (m, tr) => ({ status: tr.t('consoleEditorial.draftStatus', { status: m[1] }), action: m[2] })],
  [/^(.*) already has an open draft \(draft (\d+)\): continue that one\.$/s, 'consoleRefusals.openDraftNamed', (m) => ({ name: m[1], id: m[2] })],
  [/^(.*) already has an open draft: continue that one\.$/s, 'consoleRefusals.openDraftRace', (m) => ({ name: m[1] })],
  [/^The comment is too long \(at most (\d+) characters\)\.$/, 'consoleRefusals.commentLong', (m, tr) => ({ max: tr.number(Number(m[1])) })],
  [/^Draft (\d+) changed while you were acting on it; reload it and try again\.$/, 'consoleRefusals.actedOn', (m) => ({ id: m[1] })],
  [/^Draft (\d+) changed while you were publishing it; reload it and try again\.$/, 'consoleRefusals.publishing', (m) => ({ id: m[1] })],
  [/^Another revision of (.*) was published at the same moment; nothing was published\. Check the draft against it and publish again\.$/s, 'consoleRefusals.sameMoment', (m) => ({ name: m[1] })],
  [/^Another revision of (.*) was published at the same moment; reload and try again\.$/s, 'consoleRefusals.sameMomentReissue', (m) => ({ name: m[1] })],
  [/^Draft (\d+) has been published \(revision (\d+)\): there is nothing left to publish\.$/, 'consoleRefusals.alreadyPublished', (m) => ({ id: m[1], revision: m[2] })],
  [/^(.*) has no published advisory to reissue\.$/s, 'consoleRefusals.nothingToReissue', (m) => ({ name: m[1] })],
];

/** "K (Kidnapping or Hostage Taking), D (…)" with the indicators' names in the staff member's language. */
const indicatorList = (tr: Translator, list: string) => list.replace(/\b([A-Z]) \([^)]*\)/g, (_, code: string) => `${code} (${tr.t(`site.indicator.${code}` as MessageId)})`);

const indicatorChange = (tr: Translator, way: string, list: string) =>
  tr.t(way === 'added' ? 'consoleRefusals.change.indicatorsAdded' : 'consoleRefusals.change.indicatorsRemoved', { list: indicatorList(tr, list) });

/** A mission status as change-type.ts writes it (the domain's label in lower case), back to its key. */
const MISSION_STATUSES: Record<string, string> = { operating: 'operating', 'reduced staff': 'reduced', 'consular services suspended': 'suspended', closed: 'closed' };

function missionStatus(tr: Translator, label: string): string {
  const key = MISSION_STATUSES[label];
  return key ? tr.t(`mission.status.${key}` as MessageId).toLowerCase() : label;
}

/** One of the changes that make a revision major (src/domain/change-type.ts), most specific first. */
const CHANGES: readonly RefusalPattern[] = [
  [/^level (raised|lowered) from (\d) to (\d)$/, 'consoleRefusals.change.level', (m) => ({ way: m[1], from: m[2], to: m[3] })],
  [/^region (.*): risk indicators (added|removed) (.*)$/s, 'consoleRefusals.change.regionIndicators', (m, tr) => ({ name: m[1], changes: indicatorChange(tr, m[2]!, m[3]!) })],
  [/^risk indicators (added|removed) (.*)$/s, 'consoleRefusals.change.indicators', (m, tr) => ({ changes: indicatorChange(tr, m[1]!, m[2]!) })],
  [/^region (.*) added at Level (\d)$/s, 'consoleRefusals.change.regionAdded', (m) => ({ name: m[1], level: m[2] })],
  [/^region (.*) (raised|lowered) from Level (\d) to (\d)$/s, 'consoleRefusals.change.regionLevel', (m) => ({ name: m[1], way: m[2], from: m[3], to: m[4] })],
  [/^region (\S+) renamed from (.*) to (.*)$/s, 'consoleRefusals.change.regionRenamed', (m) => ({ code: m[1], from: m[2], to: m[3] })],
  [/^region (.*) \(Level (\d)\) removed$/s, 'consoleRefusals.change.regionRemoved', (m) => ({ name: m[1], level: m[2] })],
  [/^(.*) changed from (operating|reduced staff|consular services suspended|closed) to (operating|reduced staff|consular services suspended|closed)$/s, 'consoleRefusals.change.missionStatus',
    (m, tr) => ({ name: m[1], from: missionStatus(tr, m[2]!), to: missionStatus(tr, m[3]!) })],
  [/^(.*) listed as (operating|reduced staff|consular services suspended|closed)$/s, 'consoleRefusals.change.missionListed', (m, tr) => ({ name: m[1], status: missionStatus(tr, m[2]!) })],
];

/**
 * What changed, as change-type.ts lists it ("level raised from 2 to 4; citizens are now urged to
 * leave"), in the staff member's language; each piece translated on its own.
 */
export function changeText(tr: Translator, text: string): string {
  if (tr.locale === 'en') return text;
  return text.split('; ').map((piece) => {
    if (Object.hasOwn(EXACT, piece)) return tr.t(EXACT[piece]!);
    // "removed D (…)" after "risk indicators added K (…); " is the rest of that indicator change.
    const rest = CONTINUED.exec(piece);
    return rest ? indicatorChange(tr, rest[1]!, rest[2]!) : knownText(tr, piece, {}, CHANGES) ?? piece;
  }).join(' ; ');
}

const CONTINUED = /^(added|removed) ((?:[A-Z] \([^)]*\)(?:, )?)+)$/;

/** A refusal in the staff member's language; in English, the domain's own words. */
export function refusalText(tr: Translator, message: string): string {
  return sharedRefusalText(tr, message, EXACT, PATTERNS);
}

/** A form's refusals, each message translated. */
export function refusalsIn(tr: Translator, errors: readonly FieldMessage[]): FieldMessage[] {
  return errors.map((e) => ({ field: e.field, message: refusalText(tr, e.message) }));
}

/** For the test: every refusal this module knows. */
export const KNOWN_REFUSALS = { EXACT, PATTERNS, CHANGES };
