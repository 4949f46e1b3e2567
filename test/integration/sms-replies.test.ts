import { describe, expect, it } from 'vitest';
import { ENGINES } from '../helpers/databases.ts';
import { day } from '../helpers/crises-setup.ts';
import { addTraveller, addTrip } from '../helpers/notify.ts';
import { addSmsNumber, eventually, smsSuite, type SmsSuite } from '../helpers/sms-setup.ts';

const MINE = '+447700900123';

/** One person in a crisis in Russia, with a verified number, and one wave sent to them. */
async function askedOnce(suite: SmsSuite): Promise<{ crisisId: number; travellerId: number }> {
  const traveller = await addTraveller(suite.store.db, 'anna@example.org');
  await addTrip(suite.store.db, traveller.id, 'RU', { start: day(-3), end: day(10) });
  await addSmsNumber(suite.store.db, traveller.id, MINE);
  const declared = await suite.call('POST', '/api/v1/crises', suite.crisisStaff.token, { title: 'Unrest in Moscow', destinations: ['RU'] });
  const crisisId = (declared.json() as { id: number }).id;
  expect((await suite.call('POST', `/api/v1/crises/${crisisId}/waves`, suite.crisisStaff.token)).statusCode).toBe(202);
  await suite.worker().drain();
  await suite.smsc.waitFor(1);
  return { crisisId, travellerId: traveller.id };
}

const answersOf = (suite: SmsSuite, travellerId: number) =>
  suite.store.db.selectFrom('crisis_answers').select(['answer', 'channel']).where('traveller_id', '=', travellerId).orderBy('id').execute();

const countsOf = async (suite: SmsSuite, crisisId: number) =>
  ((await suite.call('GET', `/api/v1/crises/${crisisId}`, suite.crisisStaff.token)).json() as { counts: Record<string, number> }).counts;

describe.each(ENGINES)('answers by SMS reply (%s)', (engine) => {
  const suite = smsSuite(engine);

  it('"2" records "I need help" with channel sms, and the person is thanked', async () => {
    const { crisisId, travellerId } = await askedOnce(suite);
    await suite.smsc.reply(MINE, '2');
    expect(await answersOf(suite, travellerId)).toEqual([{ answer: 'need_help', channel: 'sms' }]);
    expect(await countsOf(suite, crisisId)).toMatchObject({ needHelp: 1, noAnswer: 0 });
    const thanks = await eventually(async () => suite.smsc.messages.find((m) => m.to === MINE && m.text.startsWith('Thank you')), 5000, 'the thank-you reply');
    expect(thanks.text).toContain('I need help');
  });

  it('Arabic-Indic "٢" (UCS-2) is a 2 as well; "SAFE" in any case answers safe, latest wins', async () => {
    const { crisisId, travellerId } = await askedOnce(suite);
    await suite.smsc.reply(MINE, 'safe');
    await suite.smsc.reply(MINE, '٢');
    expect(await answersOf(suite, travellerId)).toEqual([{ answer: 'safe', channel: 'sms' }, { answer: 'need_help', channel: 'sms' }]);
    expect(await countsOf(suite, crisisId)).toMatchObject({ needHelp: 1, safe: 0 });
    await suite.smsc.reply(MINE, '३');
    expect((await answersOf(suite, travellerId)).at(-1)).toEqual({ answer: 'left', channel: 'sms' });
  });

  it('unknown text gets a short help reply and records nothing', async () => {
    const { travellerId } = await askedOnce(suite);
    await suite.smsc.reply(MINE, 'what is this?');
    expect(await answersOf(suite, travellerId)).toEqual([]);
    const help = await eventually(async () => suite.smsc.messages.find((m) => m.to === MINE && m.text.startsWith('We could not read')), 5000, 'the help reply');
    expect(help.text).toMatch(/Reply 1 .* 2 .* 3 /);
  });

  it('a number we do not know, or one not verified, gets no answer at all', async () => {
    const { travellerId } = await askedOnce(suite);
    const other = await addTraveller(suite.store.db, 'bob@example.org');
    await addTrip(suite.store.db, other.id, 'RU', { start: day(-3), end: day(10) });
    await addSmsNumber(suite.store.db, other.id, '+447700900999', false);
    const before = suite.smsc.messages.length;
    await suite.smsc.reply('+15550000000', '2');
    await suite.smsc.reply('+447700900999', '2');
    await suite.smsc.reply('+447700900999', 'hello?');
    await new Promise((r) => setTimeout(r, 300));
    expect(suite.smsc.messages.length).toBe(before);
    expect(await answersOf(suite, travellerId)).toEqual([]);
    expect(await answersOf(suite, other.id)).toEqual([]);
  });
});
