import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkInToken } from '../../src/crises/links.ts';
import { buildApp } from '../../src/http/app.ts';
import { CONFIG, day } from '../helpers/crises-setup.ts';
import { ENGINES, createTestStore, type TestStore } from '../helpers/databases.ts';
import { waypost } from '../helpers/cli.ts';
import { addStaff, apiCall } from '../helpers/editorial-setup.ts';
import { addTraveller, addTrip } from '../helpers/notify.ts';

const work = mkdtempSync(join(tmpdir(), 'waypost-crisis-cli-'));

describe.each(ENGINES)('waypost crisis on %s', (engine) => {
  let store: TestStore;
  let app: FastifyInstance;

  beforeAll(async () => {
    store = await createTestStore(engine, engine === 'sqlite' ? { file: join(work, 'waypost.db') } : {});
    app = await buildApp({ store, config: CONFIG });
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  it('wave queues a check-in as "command line"; show prints the counts, and --json the API\'s document', async () => {
    const { token } = await addStaff(store, 'crisis@example.org', 'crisis');
    for (const email of ['one@example.org', 'two@example.org']) {
      await addTrip(store.db, (await addTraveller(store.db, email)).id, 'RU', { start: day(-3), end: day(5), region: 'RU-MOW' });
    }
    const declared = await apiCall(app)('POST', '/api/v1/crises', token, { title: 'Unrest in Moscow', destinations: ['RU'], regions: ['RU-MOW'] });
    const { id } = declared.json() as { id: number };

    const sent = await waypost(['crisis', 'wave', String(id)], store.url);
    expect(sent.code, sent.stderr).toBe(0);
    expect(sent.stdout).toMatch(new RegExp(`^wave 1 of crisis ${id}: 2 people, 2 messages queued \\(event \\d+\\)\\n$`));
    const audit = await store.db.selectFrom('audit_log').select(['actor_label', 'subject']).where('action', '=', 'crisis-wave-sent').execute();
    expect(audit).toEqual([{ actor_label: 'command line', subject: `crisis ${id} wave 1` }]);

    const one = await store.db.selectFrom('travellers').select('id').where('email', '=', 'one@example.org').executeTakeFirstOrThrow();
    const wave = await store.db.selectFrom('crisis_waves').select('id').executeTakeFirstOrThrow();
    const link = `/check-in/${checkInToken(CONFIG, { waveId: wave.id, travellerId: one.id, answer: 'need_help', channel: 'email' })}`;
    expect((await app.inject({ method: 'POST', url: link })).statusCode).toBe(200);

    const shown = await waypost(['crisis', 'show', String(id)], store.url);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain(`crisis ${id}: Unrest in Moscow (active), Moskva (RU-MOW), Russia`);
    expect(shown.stdout).toContain('2 people: need help 1 · no answer 1 · undeliverable 0 · safe 0 · not there / left 0');
    expect(shown.stdout).toContain('wave 1 (initial)');

    const json = await waypost(['crisis', 'show', String(id), '--json'], store.url);
    expect(json.code, json.stderr).toBe(0);
    const document = JSON.parse(json.stdout) as Record<string, unknown>;
    expect(document).toMatchObject({ id, title: 'Unrest in Moscow', status: 'active', counts: { safe: 0, needHelp: 1, left: 0, noAnswer: 1, undeliverable: 0 }, people: 2 });
    expect(document).toEqual((await apiCall(app)('GET', `/api/v1/crises/${id}`, token)).json());
  // Three process starts: seconds each on a busy 2-core machine.
  }, 120_000);

  it('an unknown crisis or a bad id is one line and a non-zero exit', async () => {
    const missing = await waypost(['crisis', 'show', '999'], store.url);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('waypost: there is no crisis 999\n');
    const bad = await waypost(['crisis', 'wave', 'abc'], store.url);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('a crisis id is a positive whole number');
  }, 60_000);
});
