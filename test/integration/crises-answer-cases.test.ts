import { afterEach, describe, expect, it } from 'vitest';
import { recordLinkAnswers, recordLinkAnswersAlone, type AnswerRequest } from '../../src/crises/answers.ts';
import { closeCrisis, declareCrisis } from '../../src/crises/declare.ts';
import { sendWave } from '../../src/crises/waves.ts';
import type { CrisisAnswer } from '../../src/domain/crises.ts';
import { COMMAND_LINE, EditorialError } from '../../src/publishing/context.ts';
import { ENGINES, createTestStore, type TestStore } from '../helpers/databases.ts';
import { day } from '../helpers/crises-setup.ts';
import { addTraveller, addTrip } from '../helpers/notify.ts';

/**
 * What one batch of answers writes, pinned on both engines (the PostgreSQL batch is one call to
 * `record_link_answers`, migration 027; SQLite runs src/crises/answers.ts): the answers and each
 * outcome, the cases "I need help" opens (title, country, the person's name and citizenships), the
 * notes on them in answer order, a closed case reopened, and the audit entries, to the character.
 */
describe.each(ENGINES)('a batch of answers and its cases on %s', (engine) => {
  let store: TestStore;
  afterEach(async () => store?.close());

  it('opens, notes and reopens cases as answers given one by one would, in order, to the character', async () => {
    store = await createTestStore(engine);
    const db = store.db;
    const ctx = { db, now: () => new Date() };
    const person = async (email: string, name: string, citizenships: string[]) => {
      const { id } = await addTraveller(db, email);
      await db.updateTable('travellers').set({ name }).where('id', '=', id).execute();
      for (const code of citizenships) await db.insertInto('traveller_citizenships').values({ traveller_id: id, country_code: code }).execute();
      await addTrip(db, id, 'RU', { start: day(-3), end: day(5) });
      return id;
    };
    const ana = await person('ana@example.org', '\u00a0 Ana Lima \t', ['FR', 'DE']);
    const bo = await person('bo@example.org', '   ', []);
    const cy = await person('cy@example.org', 'Cy', ['PT']);
    const startedAt = new Date(Date.now() - 86_400_000).toISOString();
    const crisis = (await declareCrisis(ctx, COMMAND_LINE, { title: 'Unrest', destinations: ['RU'], startedAt })).id;
    const first = (await sendWave(ctx, COMMAND_LINE, crisis)).waveId;
    const at = new Date('2026-12-02T10:00:00.000Z');
    const ask = (waveId: number, travellerId: number, answer: CrisisAnswer): AnswerRequest => ({ link: { waveId, travellerId, answer, channel: 'email' }, now: at });

    const outcomes = await db.transaction().execute((trx) => recordLinkAnswers(trx, [
      ask(first, ana, 'safe'), // before her case: noted nowhere
      ask(first, ana, 'need_help'), // opens her case
      ask(first, ana, 'left'), // noted on it
      ask(first, bo, 'need_help'),
      ask(first, bo, 'need_help'), // the same link again: nothing
      ask(first, cy, 'need_help'),
      ask(first, 999_999, 'safe'), // nobody we hold: 404
    ]));
    expect(outcomes.map((o) => (o instanceof EditorialError ? o.status : o.recorded))).toEqual([true, true, true, true, false, true, 404]);
    expect(outcomes[4]).toMatchObject({ answer: 'need_help', latest: 'need_help', answeredAt: at.toISOString(), detailsGiven: false, target: { crisisId: crisis, wave: 1, title: 'Unrest' } });

    // Cy's case is closed; a later wave's "I need help" reopens it, and a safe answer is noted.
    await db.updateTable('cases').set({ status: 'closed', outcome: 'Reached by phone', closed_at: at.toISOString() }).where('traveller_id', '=', cy).execute();
    const second = (await sendWave(ctx, COMMAND_LINE, crisis)).waveId;
    const again = await recordLinkAnswersAlone(db, [ask(second, cy, 'need_help'), ask(second, bo, 'safe'), ask(first, ana, 'safe')]);
    expect(again.map((o) => !(o instanceof EditorialError) && o.recorded)).toEqual([true, true, false]);
    expect(again[2]).toMatchObject({ recorded: false, answer: 'safe', latest: 'left' });

    const cases = await db.selectFrom('cases').select(['id', 'title', 'status', 'priority', 'outcome', 'country', 'traveller_id', 'help_key', 'opened_by', 'closed_at'])
      .where('crisis_id', '=', crisis).orderBy('id').execute();
    expect(cases.map(({ id: _, ...c }) => c)).toEqual([ana, bo, cy].map((t) => ({
      title: 'I need help – Unrest', status: 'open', priority: 'high', outcome: null, country: 'RU', traveller_id: t, help_key: `${crisis}:${t}`, opened_by: 'check-in answer', closed_at: null,
    })));
    const people = await db.selectFrom('case_people').select(['name', 'citizenships', 'relation']).orderBy('case_id').execute();
    expect(people).toEqual([
      { name: 'Ana Lima', citizenships: '["DE","FR"]', relation: 'traveller' },
      { name: 'bo@example.org', citizenships: '[]', relation: 'traveller' },
      { name: 'Cy', citizenships: '["PT"]', relation: 'traveller' },
    ]);
    const notes = await db.selectFrom('case_notes').innerJoin('cases', 'cases.id', 'case_notes.case_id').select(['cases.traveller_id', 'case_notes.body', 'case_notes.author'])
      .orderBy('case_notes.id').execute();
    expect(notes.map((n) => [n.traveller_id, n.body, n.author])).toEqual([
      [ana, 'Answered "I need help" by email (check-in wave 1).', 'check-in answer'],
      [bo, 'Answered "I need help" by email (check-in wave 1).', 'check-in answer'],
      [cy, 'Answered "I need help" by email (check-in wave 1).', 'check-in answer'],
      [ana, 'Answered "I\'m not there / I\'ve left" by email (check-in wave 1).', 'check-in answer'],
      [cy, 'Answered "I need help" by email (check-in wave 2). Reopened: the case had been closed with the outcome: Reached by phone', 'check-in answer'],
      [bo, 'Answered "I\'m safe" by email (check-in wave 2).', 'check-in answer'],
    ]);
    const caseOf = new Map(cases.map((c) => [c.traveller_id, c.id]));
    const audit = await db.selectFrom('audit_log').select(['action', 'subject', 'detail', 'actor_id', 'actor_label']).where('subject', 'like', 'case %').orderBy('id').execute();
    expect(audit.map((a) => [a.action, a.subject, JSON.parse(a.detail), a.actor_id, a.actor_label])).toEqual([
      ...[ana, bo, cy].map((t) => ['case-opened', `case ${caseOf.get(t)}`, { case: caseOf.get(t), crisis, from: 'check-in' }, null, 'check-in answer']),
      ['case-note-added', `case ${caseOf.get(ana)}`, { case: caseOf.get(ana) }, null, 'check-in answer'],
      ['case-updated', `case ${caseOf.get(cy)}`, { case: caseOf.get(cy), status: { from: 'closed', to: 'open' } }, null, 'check-in answer'],
      ['case-note-added', `case ${caseOf.get(cy)}`, { case: caseOf.get(cy) }, null, 'check-in answer'],
      ['case-note-added', `case ${caseOf.get(bo)}`, { case: caseOf.get(bo) }, null, 'check-in answer'],
    ]);
    const answers = await db.selectFrom('crisis_answers').select(['traveller_id', 'answer', 'wave_id', 'answered_at']).orderBy('id').execute();
    expect(answers.map((a) => [a.traveller_id, a.answer, a.wave_id])).toEqual([
      [ana, 'safe', first], [ana, 'need_help', first], [ana, 'left', first], [bo, 'need_help', first], [cy, 'need_help', first], [cy, 'need_help', second], [bo, 'safe', second],
    ]);

    // Once the crisis is closed its links record nothing: 410.
    await closeCrisis(ctx, COMMAND_LINE, crisis);
    const closed = await recordLinkAnswersAlone(db, [ask(second, ana, 'safe')]);
    expect(closed.map((o) => o instanceof EditorialError && o.status)).toEqual([410]);
    expect(Number((await db.selectFrom('crisis_answers').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(7);
  });
});
