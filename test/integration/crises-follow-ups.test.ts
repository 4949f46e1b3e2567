import { describe, expect, it } from 'vitest';
import { NotifyWorker } from '../../src/notify/worker.ts';
import { ENGINES } from '../helpers/databases.ts';
import { consoleGet, consolePost, consoleSignIn } from '../helpers/editorial-setup.ts';
import { answerLink, CONFIG, countsOf, crisisSuite, declare, enrol, mailTo, post, wave } from '../helpers/crises-setup.ts';

const HOUR = 3_600_000;

describe.each(ENGINES)('timed follow-ups on %s', (engine) => {
  const suite = crisisSuite(engine);
  /** A worker whose clock reads `hours` from now, as a worker running then would. */
  const workerAt = (hours: number, id: string) => new NotifyWorker({ store: suite.store, config: CONFIG, mail: suite.mail, id, now: () => new Date(Date.now() + hours * HOUR), settings: { maxAttempts: 1 } });
  const waves = () => suite.store.db.selectFrom('crisis_waves').select(['number', 'kind', 'sent_by', 'due_at']).orderBy('number').execute();

  it('the interval after the last wave, only to those with no answer, once however many workers look', async () => {
    await enrol(suite, 'silent@example.org', ['RU', null]);
    await enrol(suite, 'answers@example.org', ['RU', null]);
    const id = await declare(suite, { title: 'Unrest', destinations: ['RU'], followUpEveryHours: 1 });
    expect((await suite.call('GET', `/api/v1/crises/${id}`, suite.crisisStaff.token)).json()).toMatchObject({ followUpEveryHours: 1, escalateAfterHours: null });
    await wave(suite, id);
    await suite.drain();
    expect((await post(suite.app, answerLink(mailTo(suite, 'answers@example.org')[0]!, 'I\'m safe'))).statusCode).toBe(200);
    suite.smtp.received.length = 0;

    await workerAt(0.5, 'early').drain();
    expect(await waves()).toHaveLength(1);

    // Two workers find the follow-up due at the same moment: one wave, one message.
    await Promise.all([workerAt(1.01, 'a').drain(), workerAt(1.01, 'b').drain()]);
    const [first, second] = await waves();
    expect(second).toMatchObject({ number: 2, kind: 'follow-up', sent_by: 'timed follow-up' });
    expect(Date.parse(second!.due_at!) - Date.parse((await suite.store.db.selectFrom('crisis_waves').select('sent_at').where('number', '=', first!.number).executeTakeFirstOrThrow()).sent_at)).toBe(HOUR);
    expect(suite.smtp.received.map((m) => [m.to[0], m.subject])).toEqual([['silent@example.org', 'Reminder: are you safe? – Unrest']]);

    // The next is due an interval after that follow-up, not after the first wave.
    await workerAt(1.5, 'c').drain();
    expect(await waves()).toHaveLength(2);
    await workerAt(2.05, 'd').drain();
    expect(await waves()).toHaveLength(3);
    expect(mailTo(suite, 'silent@example.org')).toHaveLength(2);
    expect(mailTo(suite, 'answers@example.org')).toHaveLength(0);
    const audit = await suite.store.db.selectFrom('audit_log').select(['actor_label']).where('action', '=', 'crisis-wave-sent').execute();
    expect(audit.map((a) => a.actor_label)).toEqual(['crisis@example.org', 'timed follow-up', 'timed follow-up']);
  });

  it('nothing before a first wave, nothing once everyone answered, nothing when turned off or closed', async () => {
    await enrol(suite, 'one@example.org', ['FR', null]);
    const noWave = await declare(suite, { title: 'Floods', destinations: ['FR'], followUpEveryHours: 1 });
    await workerAt(3, 'w1').drain();
    expect(await waves()).toHaveLength(0);

    await wave(suite, noWave);
    await suite.drain();
    await post(suite.app, answerLink(mailTo(suite, 'one@example.org')[0]!, 'I\'m not there / I\'ve left'));
    await workerAt(3, 'w2').drain();
    expect(await waves()).toHaveLength(1);

    await enrol(suite, 'two@example.org', ['DE', null]);
    const off = await declare(suite, { title: 'Storm', destinations: ['DE'], followUpEveryHours: 1 });
    await wave(suite, off);
    const patched = await suite.call('PATCH', `/api/v1/crises/${off}`, suite.crisisStaff.token, { followUpEveryHours: null });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ followUpEveryHours: null });
    await workerAt(3, 'w3').drain();
    expect(await waves()).toHaveLength(2);

    await suite.call('PATCH', `/api/v1/crises/${off}`, suite.crisisStaff.token, { followUpEveryHours: 2 });
    await suite.call('POST', `/api/v1/crises/${off}/close`, suite.crisisStaff.token);
    await workerAt(3, 'w4').drain();
    expect(await waves()).toHaveLength(2);
  });

  it('changing the settings: checked, audited, refused on a closed crisis and for other roles', async () => {
    const id = await declare(suite, { title: 'Storm', destinations: ['DE'] });
    for (const body of [{ followUpEveryHours: 0 }, { followUpEveryHours: 'soon' }, { title: 'x' }, {}]) {
      const response = await suite.call('PATCH', `/api/v1/crises/${id}`, suite.crisisStaff.token, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    const ok = await suite.call('PATCH', `/api/v1/crises/${id}`, suite.admin.token, { followUpEveryHours: 6, escalateAfterHours: 0.5 });
    expect(ok.json()).toMatchObject({ followUpEveryHours: 6, escalateAfterHours: 0.5 });
    const entry = await suite.store.db.selectFrom('audit_log').select(['actor_label', 'detail']).where('action', '=', 'crisis-settings-changed').executeTakeFirstOrThrow();
    expect(entry.actor_label).toBe('admin@example.org');
    expect(JSON.parse(entry.detail!)).toMatchObject({ followUpEveryMinutes: { from: null, to: 360 }, escalateAfterMinutes: { from: null, to: 30 } });
    await suite.call('POST', `/api/v1/crises/${id}/close`, suite.crisisStaff.token);
    expect((await suite.call('PATCH', `/api/v1/crises/${id}`, suite.crisisStaff.token, { followUpEveryHours: 1 })).statusCode).toBe(409);
    expect((await suite.call('PATCH', '/api/v1/crises/999', suite.crisisStaff.token, { followUpEveryHours: 1 })).statusCode).toBe(404);
    expect(await countsOf(suite, id)).toMatchObject({ noAnswer: 0 });
  });

  it('the dashboard shows the drawn area, the settings and answers over time since the first wave', async () => {
    await enrol(suite, 'safe@example.org', ['RU', null]);
    await enrol(suite, 'help@example.org', ['RU', null]);
    await enrol(suite, 'quiet@example.org', ['RU', null]);
    const bad = await suite.call('POST', '/api/v1/crises', suite.crisisStaff.token, { title: 'Q', destinations: ['RU'], area: { polygon: '1,1 2,2 3,1 1,2' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail).toContain('area.polygon the polygon is not closed');
    const id = await declare(suite, { title: 'Quake', destinations: ['RU'], followUpEveryHours: 6, area: { polygon: '55.9,37.3 55.9,37.9 55.5,37.9 55.9,37.3', circle: '55.75,37.62 30' } });
    expect((await suite.call('GET', `/api/v1/crises/${id}`, suite.crisisStaff.token)).json()).toMatchObject({ areaShape: { polygon: '55.9,37.3 55.9,37.9 55.5,37.9 55.9,37.3', circle: '55.75,37.62 30' } });
    const session = await consoleSignIn(suite.app, 'crisis@example.org');
    expect((await consoleGet(suite.app, session, `/console/crises/${id}`)).body).toContain('No check-in has been sent yet.');
    await wave(suite, id);
    await suite.drain();
    await post(suite.app, answerLink(mailTo(suite, 'safe@example.org')[0]!, 'I\'m safe'));
    await post(suite.app, answerLink(mailTo(suite, 'help@example.org')[0]!, 'I need help'));
    const page = (await consoleGet(suite.app, session, `/console/crises/${id}`)).body;
    expect(page).toContain('polygon: <code>55.9,37.3 55.9,37.9 55.5,37.9 55.9,37.3</code>');
    expect(page).toContain('Informative: who is asked is decided by destination and region');
    expect(page).toContain('Follow-up every 6 h to those with no answer');
    expect(page).toMatch(/<title id="timeline-title">Answers over time since the first check-in, by hour: I(&#39;|')m safe 1, I need help 1, I(&#39;|')m not there \/ I(&#39;|')ve left 0 by/);
    expect(page.match(/<polyline [^>]*data-answer="(safe|need_help|left)"/g)).toHaveLength(3);
  });

  it('the console declares a crisis with timers and changes them, with the same rules as the API', async () => {
    const session = await consoleSignIn(suite.app, 'crisis@example.org');
    const refused = await consolePost(suite.app, session, '/console/crises', { title: 'Floods', destinations: 'RU', followUpEveryHours: 'often' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('must be a number of hours');
    expect(refused.body).toContain('value="often"');
    const declared = await consolePost(suite.app, session, '/console/crises', { title: 'Floods', destinations: 'RU', followUpEveryHours: '12', escalateAfterHours: '' });
    expect(declared.statusCode).toBe(303);
    const id = Number(/\/console\/crises\/(\d+)/.exec(declared.headers.location!)![1]);
    expect((await suite.call('GET', `/api/v1/crises/${id}`, suite.crisisStaff.token)).json()).toMatchObject({ followUpEveryHours: 12, escalateAfterHours: null });
    const saved = await consolePost(suite.app, session, `/console/crises/${id}/settings`, { followUpEveryHours: '', escalateAfterHours: '48' });
    expect(saved.statusCode).toBe(303);
    expect((await suite.call('GET', `/api/v1/crises/${id}`, suite.crisisStaff.token)).json()).toMatchObject({ followUpEveryHours: null, escalateAfterHours: 48 });
    const page = (await consoleGet(suite.app, session, `/console/crises/${id}`)).body;
    expect(page).toContain('Emergency contacts (where agreed) asked after 48 h of silence');
    expect(page).toContain('name="escalateAfterHours" type="text" inputmode="decimal" value="48"');
    expect((await consolePost(suite.app, session, `/console/crises/${id}/settings`, { followUpEveryHours: '-1' })).statusCode).toBe(400);
  });
});
