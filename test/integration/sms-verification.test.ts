import { describe, expect, it } from 'vitest';
import { MAX_CODE_ATTEMPTS } from '../../src/enrolment/sms-verification.ts';
import { ENGINES } from '../helpers/databases.ts';
import { smsSuite, type SmsSuite } from '../helpers/sms-setup.ts';
import { travellerPost, travellerSignIn } from '../helpers/traveller.ts';

const channelsOf = (suite: SmsSuite) => suite.store.db.selectFrom('channels').select(['id', 'address', 'confirmed_at']).where('kind', '=', 'sms').execute();

async function codeTexted(suite: SmsSuite, to: string): Promise<string> {
  const [message] = (await suite.smsc.waitFor(1)).filter((m) => m.to === to).slice(-1);
  return /code: (\d{6})\./.exec(message!.text)![1]!;
}

describe.each(ENGINES)('SMS numbers verified by a texted code (%s)', (engine) => {
  const suite = smsSuite(engine);

  it('add a number → a code is texted → the right code verifies it', async () => {
    const session = await travellerSignIn(suite.app, suite.store, 'anna@example.org');
    const added = await travellerPost(suite.app, session, '/account/channels/sms', { phone: '+44 7700 900123' });
    expect(added.statusCode, added.body).toBe(303);
    expect(added.headers.location).toBe('/account/channels?done=sms-code-sent#channels');
    const [channel] = await channelsOf(suite);
    expect(channel).toMatchObject({ address: '+447700900123', confirmed_at: null });
    const page = await suite.app.inject({ url: '/account/channels', headers: { cookie: session.cookie } });
    expect(page.body).toContain('not verified: receives nothing');
    expect(page.body).toContain(`action="/account/channels/${channel!.id}/verify"`);
    const code = await codeTexted(suite, '+447700900123');
    const verified = await travellerPost(suite.app, session, `/account/channels/${channel!.id}/verify`, { code });
    expect(verified.headers.location).toBe('/account/channels?done=sms-verified#channels');
    expect((await channelsOf(suite))[0]!.confirmed_at).not.toBeNull();
  });

  it('the code is texted in the traveller\'s language of messages, French in GSM-7', async () => {
    const session = await travellerSignIn(suite.app, suite.store, 'amelie@example.org');
    await suite.store.db.updateTable('travellers').set({ language: 'fr' }).where('email', '=', 'amelie@example.org').execute();
    expect((await travellerPost(suite.app, session, '/account/channels/sms', { phone: '+33 6 12 34 56 78' })).statusCode).toBe(303);
    const [message] = (await suite.smsc.waitFor(1)).filter((m) => m.to === '+33612345678');
    expect(message!.text).toMatch(/^Votre code .+ : \d{6}\. Il expire dans 10 minutes\. Si vous ne l'avez pas demandé, ignorez ce message\.$/);
    expect(message!.text).not.toMatch(/[êâôîûçœ’«»ëïü]/);
  });

  it('wrong codes are counted; after the last try even the right code is refused', async () => {
    const session = await travellerSignIn(suite.app, suite.store, 'bob@example.org');
    await travellerPost(suite.app, session, '/account/channels/sms', { phone: '+447700900456' });
    const [channel] = await channelsOf(suite);
    const code = await codeTexted(suite, '+447700900456');
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < MAX_CODE_ATTEMPTS; i++) {
      const response = await travellerPost(suite.app, session, `/account/channels/${channel!.id}/verify`, { code: wrong });
      expect(response.statusCode).toBe(422);
    }
    const late = await travellerPost(suite.app, session, `/account/channels/${channel!.id}/verify`, { code });
    expect(late.statusCode).toBe(429);
    expect((await channelsOf(suite))[0]!.confirmed_at).toBeNull();
  });

  it('an expired code is refused; a malformed number or code changes nothing', async () => {
    const session = await travellerSignIn(suite.app, suite.store, 'cleo@example.org');
    const bad = await travellerPost(suite.app, session, '/account/channels/sms', { phone: '07700 900123' });
    expect(bad.statusCode).toBe(400);
    expect(await channelsOf(suite)).toEqual([]);
    await travellerPost(suite.app, session, '/account/channels/sms', { phone: '+447700900789' });
    const [channel] = await channelsOf(suite);
    const code = await codeTexted(suite, '+447700900789');
    expect((await travellerPost(suite.app, session, `/account/channels/${channel!.id}/verify`, { code: '12ab' })).statusCode).toBe(400);
    await suite.store.db.updateTable('sms_codes').set({ expires_at: '2000-01-01T00:00:00.000Z' }).execute();
    expect((await travellerPost(suite.app, session, `/account/channels/${channel!.id}/verify`, { code })).statusCode).toBe(410);
    expect((await channelsOf(suite))[0]!.confirmed_at).toBeNull();
  });

  it('an unverified number receives no wave', async () => {
    const session = await travellerSignIn(suite.app, suite.store, 'dan@example.org');
    await travellerPost(suite.app, session, '/account/channels/sms', { phone: '+447700900321' });
    await suite.smsc.waitFor(1);
    const traveller = await suite.store.db.selectFrom('travellers').select('id').where('email', '=', 'dan@example.org').executeTakeFirstOrThrow();
    await suite.store.db.insertInto('trips').values({ traveller_id: traveller.id, start_date: '2020-01-01', end_date: null, organisation_id: null, import_key: null, created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z', cancelled_at: null }).execute();
    const trip = await suite.store.db.selectFrom('trips').select('id').where('traveller_id', '=', traveller.id).executeTakeFirstOrThrow();
    await suite.store.db.insertInto('trip_destinations').values({ trip_id: trip.id, position: 1, destination_code: 'RU', region: null }).execute();
    const declared = await suite.call('POST', '/api/v1/crises', suite.crisisStaff.token, { title: 'Unrest', destinations: ['RU'] });
    const wave = await suite.call('POST', `/api/v1/crises/${(declared.json() as { id: number }).id}/waves`, suite.crisisStaff.token);
    expect(wave.statusCode).toBe(202);
    await suite.worker().drain();
    expect(await suite.store.db.selectFrom('deliveries').select('channel_kind').execute()).toEqual([{ channel_kind: 'email' }]);
    expect(suite.smsc.messages).toHaveLength(1);
  });
});
