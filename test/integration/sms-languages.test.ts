import { describe, expect, it } from 'vitest';
import { ENGINES } from '../helpers/databases.ts';
import { day } from '../helpers/crises-setup.ts';
import { addTraveller, addTrip } from '../helpers/notify.ts';
import { addSmsNumber, smsSuite } from '../helpers/sms-setup.ts';

/** Issue 16: a check-in by SMS in the traveller's language, through the loopback SMPP server; French stays GSM-7. */
describe.each(ENGINES)('SMS in the traveller\'s language (%s)', (engine) => {
  const suite = smsSuite(engine);

  it('a French and an English traveller each get one check-in text in their language, both GSM-7', async () => {
    const people = [['fr', '+447700900001'], ['en', '+447700900002']] as const;
    for (const [language, number] of people) {
      const traveller = await addTraveller(suite.store.db, `${language}@example.org`);
      await suite.store.db.updateTable('travellers').set({ language }).where('id', '=', traveller.id).execute();
      await addTrip(suite.store.db, traveller.id, 'RU', { start: day(-3), end: day(10) });
      await addSmsNumber(suite.store.db, traveller.id, number);
    }
    const declared = await suite.call('POST', '/api/v1/crises', suite.crisisStaff.token, { title: 'Unrest in Moscow', destinations: ['RU'], exercise: true });
    expect(declared.statusCode, declared.body).toBe(201);
    const waved = await suite.call('POST', `/api/v1/crises/${(declared.json() as { id: number }).id}/waves`, suite.crisisStaff.token);
    expect(waved.statusCode, waved.body).toBe(202);
    await suite.worker().drain();
    const messages = await suite.smsc.waitFor(2);
    await new Promise((r) => setTimeout(r, 200));
    expect(suite.smsc.messages).toHaveLength(2);
    const to = (number: string) => messages.find((m) => m.to === number)!;
    expect(to('+447700900001').text).toMatch(/^EXERCICE \(simulation\) : Tout va bien \? Unrest in Moscow\. Répondez 1 SAUF, 2 AIDE ou 3 PARTI\. Besoin d'aide \? Dites-nous en plus : https:\/\/advice\.example\.org\/check-in\/\S+$/);
    expect(to('+447700900001').dataCoding).toBe(0);
    expect(to('+447700900002').text).toMatch(/^EXERCISE \(drill\): Are you safe\? Unrest in Moscow\. Reply 1 SAFE, 2 HELP or 3 LEFT\./);
    expect(to('+447700900002').dataCoding).toBe(0);
  });
});
