import { PostgresAdapter, sql, type Kysely } from 'kysely';
import { caseForAnswer, helpKey, noteAnswerDetails, type HelpAnswer } from '../cases/help.ts';
import type { AnswerDetails } from '../domain/crisis-input.ts';
import type { CrisisAnswer } from '../domain/crises.ts';
import { EditorialError } from '../publishing/context.ts';
import type { Database } from '../store/schema.ts';
import { CLOSED, GONE, recordInOneCall } from './answers-in-one-call.ts';
import type { AnswerRequest, LinkTarget, RecordedAnswer } from './answer-types.ts';
import { openHelpCases } from './help-cases.ts';
import type { CheckInLink } from './links.ts';

export type { AnswerRequest, LinkTarget, RecordedAnswer } from './answer-types.ts';

/**
 * Recording answers (docs/crises.md). Every answer is kept with its time and channel; a person's
 * latest is their state. An answer link records once: its `link_key` (wave, person, answer) is
 * unique, so opening the same link again, or a copy of it, adds nothing. An answer also cancels
 * that person's follow-up messages still waiting in the queue. "I need help" opens a consular
 * case (src/cases/help.ts, docs/cases.md) in the same transaction.
 */

/**
 * Cancels the follow-ups still queued for people who just answered, through the (event, channel)
 * key, one probe per follow-up wave and channel: `deliveries` has no traveller index, and
 * filtering the queue by traveller read every queued row of a million-person wave for each answer
 * (54 answers/s at 100,000 people, measured). Most crises have no follow-up wave: one lookup finds
 * that for the whole batch. Used by every answer path (links, SMS replies, an emergency contact's word).
 */
export async function cancelFollowUps(trx: Kysely<Database>, crisisId: number, travellerIds: number | number[]): Promise<void> {
  const people = [travellerIds].flat();
  if (people.length === 0) return;
  const pairs = await trx.selectFrom('crisis_waves as w').innerJoin('channels as c', (join) => join.on('c.traveller_id', 'in', people))
    .select(['w.event_id', 'c.id']).where('w.crisis_id', '=', crisisId).where('w.kind', '=', 'follow-up').where('w.event_id', 'is not', null)
    .execute();
  for (const { event_id: eventId, id: channelId } of pairs) {
    await trx.updateTable('deliveries').set({ status: 'failed', last_error: 'answered before it was sent' })
      .where('event_id', '=', eventId!).where('channel_id', '=', channelId).where('status', '=', 'queued').execute();
  }
}

const linkKey = (link: CheckInLink) => `${link.waveId}:${link.travellerId}:${link.answer}`;

/** What a batch's lookup found besides each link's target: read with it, so a batch costs no more round trips. */
interface Found {
  targets: (LinkTarget | EditorialError)[];
  /** Per help key: the person's first place in the crisis (the country of a case "I need help" opens). */
  countries: Map<string, string>;
  /** Crises of the batch that have a follow-up wave fanned out (only those have follow-ups to cancel). */
  withFollowUps: Set<number>;
}

/**
 * What genuine links point at, in order: 404 if the wave or the person is gone, 410 once the
 * crisis is closed. One SELECT for any number of links (on PostgreSQL each statement is a round
 * trip, and under load a round trip costs more than the statement: ADR 007): the wave and its
 * crisis, the person's places in it, and whether the crisis has follow-up waves.
 */
async function linkTargets(db: Kysely<Database>, links: CheckInLink[]): Promise<Found> {
  const rows = await db.selectFrom('crisis_waves as w').innerJoin('crises as c', 'c.id', 'w.crisis_id')
    .innerJoin('crisis_people as p', 'p.crisis_id', 'c.id')
    .select((eb) => ['w.id as wave_id', 'c.id', 'c.title', 'c.exercise', 'c.status', 'c.area_desc', 'w.number', 'p.traveller_id',
      eb.fn.min('p.destination_code').as('country'),
      eb.exists(eb.selectFrom('crisis_waves as f').select(sql.lit(1).as('one')).whereRef('f.crisis_id', '=', 'c.id')
        .where('f.kind', '=', 'follow-up').where('f.event_id', 'is not', null)).as('follow_ups')])
    .where('w.id', 'in', [...new Set(links.map((l) => l.waveId))])
    .where('p.traveller_id', 'in', [...new Set(links.map((l) => l.travellerId))])
    .groupBy(['w.id', 'c.id', 'p.traveller_id'])
    .execute();
  const found = new Map(rows.map((r) => [`${r.wave_id}:${r.traveller_id}`, r]));
  const countries = new Map(rows.map((r) => [helpKey(Number(r.id), Number(r.traveller_id)), r.country]));
  const withFollowUps = new Set(rows.filter((r) => r.follow_ups === true || Number(r.follow_ups) === 1).map((r) => Number(r.id)));
  const targets = links.map((link) => {
    const row = found.get(`${link.waveId}:${link.travellerId}`);
    if (!row) return new EditorialError(404, GONE);
    if (row.status === 'closed') return new EditorialError(410, CLOSED);
    return { crisisId: Number(row.id), title: row.title, exercise: Number(row.exercise) === 1, wave: Number(row.number), areaDesc: row.area_desc };
  });
  return { targets, countries, withFollowUps };
}

/** What a genuine link points at (the page before the button): see linkTargets. */
export async function linkTarget(db: Kysely<Database>, link: CheckInLink): Promise<LinkTarget> {
  const [target] = (await linkTargets(db, [link])).targets;
  if (target instanceof EditorialError) throw target;
  return target!;
}

async function latestOf(db: Kysely<Database>, crisisId: number, travellerId: number): Promise<CrisisAnswer> {
  const row = await db.selectFrom('crisis_answers').select('answer').where('crisis_id', '=', crisisId).where('traveller_id', '=', travellerId)
    .orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
  return row.answer;
}

export async function recordLinkAnswer(db: Kysely<Database>, link: CheckInLink, now: Date): Promise<RecordedAnswer> {
  const [outcome] = await recordLinkAnswersAlone(db, [{ link, now }]);
  if (outcome instanceof EditorialError) throw outcome;
  return outcome!;
}


const onPostgres = (db: Kysely<Database>) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * recordLinkAnswers in a transaction of their own. On PostgreSQL that is one statement, committed
 * by itself (one round trip for the batch: answers-in-one-call.ts); on SQLite a transaction.
 */
export async function recordLinkAnswersAlone(db: Kysely<Database>, requests: AnswerRequest[]): Promise<(RecordedAnswer | EditorialError)[]> {
  return onPostgres(db) ? recordInOneCall(db, requests) : db.transaction().execute((trx) => recordLinkAnswers(trx, requests));
}

/**
 * Answers in the caller's transaction, in the order given (one of their own, or a batch's:
 * src/crises/answer-batch.ts), each recorded as if alone: a link refused (gone, closed) writes
 * nothing; the answers go in with one insert (the stored counts' trigger runs row by row, in
 * order); a link already used, or used again in the same batch, records nothing. Statements per
 * batch, not per answer, except for the cases "I need help" notes. On PostgreSQL the same steps
 * run as one call, in the database (answers-in-one-call.ts, migration 027).
 */
export async function recordLinkAnswers(trx: Kysely<Database>, requests: AnswerRequest[]): Promise<(RecordedAnswer | EditorialError)[]> {
  if (onPostgres(trx)) return recordInOneCall(trx, requests);
  const { targets, countries, withFollowUps } = await linkTargets(trx, requests.map((r) => r.link));
  const first = new Map<string, number>();
  requests.forEach(({ link }, i) => !(targets[i] instanceof EditorialError) && !first.has(linkKey(link)) && first.set(linkKey(link), i));
  const rows = [...first.values()].map((i) => {
    const { link, now } = requests[i]!;
    const { crisisId } = targets[i] as LinkTarget;
    return {
      crisis_id: crisisId, wave_id: link.waveId, traveller_id: link.travellerId, answer: link.answer, channel: link.channel, answered_at: now.toISOString(),
      location: null, party_size: null, note: null, details_at: null, link_key: linkKey(link),
    };
  });
  const written = rows.length === 0 ? [] : await trx.insertInto('crisis_answers').values(rows).onConflict((oc) => oc.column('link_key').doNothing()).returning('link_key').execute();
  const inserted = new Set(written.map((w) => w.link_key));
  const fresh = new Set([...first.values()].filter((i) => inserted.has(linkKey(requests[i]!.link))));
  const answered = [...fresh].map((i) => ({ crisisId: (targets[i] as LinkTarget).crisisId, travellerId: requests[i]!.link.travellerId }));
  // A crisis with no follow-up wave (most) has no follow-ups to cancel: no statement for it.
  for (const crisisId of new Set(answered.map((a) => a.crisisId))) {
    if (withFollowUps.has(crisisId)) await cancelFollowUps(trx, crisisId, answered.filter((a) => a.crisisId === crisisId).map((a) => a.travellerId));
  }
  await answersOnCases(trx, requests, targets, fresh, countries);
  const outcomes: (RecordedAnswer | EditorialError)[] = [];
  for (const [i, { link, now }] of requests.entries()) {
    const target = targets[i]!;
    if (target instanceof EditorialError) {
      outcomes.push(target);
    } else if (fresh.has(i)) {
      // Just written, so it is the person's latest answer and has no details yet.
      outcomes.push({ recorded: true, answer: link.answer, answeredAt: now.toISOString(), latest: link.answer, detailsGiven: false, target });
    } else {
      const row = await trx.selectFrom('crisis_answers').select(['answered_at', 'details_at']).where('link_key', '=', linkKey(link)).executeTakeFirstOrThrow();
      outcomes.push({ recorded: false, answer: link.answer, answeredAt: row.answered_at, latest: await latestOf(trx, target.crisisId, link.travellerId), detailsGiven: row.details_at !== null, target });
    }
  }
  return outcomes;
}

/**
 * "I need help" opens a case for consular staff; any answer is noted on a case the person has.
 * Taken in the order given: the first "I need help" of someone with no case opens it (all such
 * cases of the batch at once, help-cases.ts), their later answers in the batch are noted on it,
 * their earlier ones were given before there was a case and are not.
 */
async function answersOnCases(trx: Kysely<Database>, requests: AnswerRequest[], targets: (LinkTarget | EditorialError)[], fresh: Set<number>, countries: Map<string, string>): Promise<void> {
  const help = (i: number): HelpAnswer => {
    const { link, now } = requests[i]!;
    const target = targets[i] as LinkTarget;
    return { crisisId: target.crisisId, crisisTitle: target.title, travellerId: link.travellerId, answer: link.answer, channel: link.channel, wave: target.wave, at: now };
  };
  const answered = [...fresh].sort((a, b) => a - b).map(help);
  const withCase = await peopleWithCases(trx, answered.map((a) => helpKey(a.crisisId, a.travellerId)));
  const opens: HelpAnswer[] = [];
  const notes: HelpAnswer[] = [];
  for (const a of answered) {
    const key = helpKey(a.crisisId, a.travellerId);
    if (withCase.has(key)) {
      notes.push(a);
    } else if (a.answer === 'need_help') {
      opens.push(a);
      withCase.add(key);
    }
  }
  await openHelpCases(trx, opens, countries);
  for (const a of notes) await caseForAnswer(trx, a);
}

/** Which of these people (help keys) already have a case opened by an answer. */
async function peopleWithCases(trx: Kysely<Database>, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await trx.selectFrom('cases').select('help_key').where('help_key', 'in', keys).execute();
  return new Set(rows.map((r) => r.help_key!));
}

/**
 * The optional details of an answer already recorded by this link; given once (a second form, or
 * a copy of the link, changes nothing). 409 before the answer itself is recorded.
 */
export async function addLinkDetails(db: Kysely<Database>, link: CheckInLink, details: AnswerDetails, now: Date): Promise<{ recorded: boolean; target: LinkTarget }> {
  return db.transaction().execute(async (trx) => {
    const target = await linkTarget(trx, link);
    const row = await trx.selectFrom('crisis_answers').select(['id', 'details_at']).where('link_key', '=', linkKey(link)).executeTakeFirst();
    if (!row) throw new EditorialError(409, 'Record your answer first: open the link from the message and press the button.');
    const updated = await trx.updateTable('crisis_answers')
      .set({ location: details.location, party_size: details.partySize, note: details.note, details_at: now.toISOString() })
      .where('id', '=', row.id).where('details_at', 'is', null).executeTakeFirst();
    if (Number(updated.numUpdatedRows) > 0) await noteAnswerDetails(trx, target.crisisId, link.travellerId, details, now);
    return { recorded: Number(updated.numUpdatedRows) > 0, target };
  });
}
