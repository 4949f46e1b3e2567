import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readCounts } from '../../src/crises/counters.ts';
import { declareCrisis } from '../../src/crises/declare.ts';
import { recountCrisis } from '../../src/crises/recount.ts';
import { sendWave } from '../../src/crises/waves.ts';
import { COMMAND_LINE } from '../../src/publishing/context.ts';
import { ENGINES, createTestStore, type TestStore } from '../helpers/databases.ts';
import { day } from '../helpers/crises-setup.ts';
import { addTraveller, addTrip } from '../helpers/notify.ts';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.ts';

const CLI = new URL('../../bin/waypost.js', import.meta.url).pathname;
const PEOPLE = 200;

async function waitFor(check: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Kill -9 of the worker sending a check-in wave: nobody is asked twice, and the stored counts still equal a recount. */
describe.each(ENGINES)('kill -9 of a worker mid-wave on %s', (engine) => {
  let store: TestStore | undefined;
  let smtp: TestSmtpServer | undefined;
  const children: ChildProcess[] = [];

  afterEach(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await smtp?.close();
    await store?.close();
  });

  const startWorker = (): ChildProcess => {
    const child = spawn(process.execPath, [CLI, 'worker', '--concurrency', '1'], {
      env: {
        ...process.env, DATABASE_URL: store!.url, SMTP_URL: smtp!.url, PUBLIC_URL: 'https://advice.example.org', WAYPOST_SECRET: 'crash-test-secret-0123456789',
        NOTIFY_LEASE_MS: '1500', NOTIFY_POLL_MS: '50', NOTIFY_BATCH_SIZE: '40', NOTIFY_RETRY_BASE_MS: '20',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    return child;
  };

  it('after a restart everyone has one question, under one Message-ID; the counts equal a recount', { timeout: 90_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'waypost-crisis-crash-'));
    store = await createTestStore(engine, engine === 'sqlite' ? { file: join(dir, 'waypost.db') } : {});
    smtp = await startSmtpServer();
    for (let i = 0; i < PEOPLE; i++) {
      const t = await addTraveller(store.db, `p${i}@example.org`);
      await addTrip(store.db, t.id, 'RU', { start: day(-3), end: day(5) });
    }
    const ctx = { db: store.db, now: () => new Date() };
    const crisis = await declareCrisis(ctx, COMMAND_LINE, { title: 'Earthquake', destinations: ['RU'] });
    expect((await sendWave(ctx, COMMAND_LINE, crisis.id)).audience).toBe(PEOPLE);

    const first = startWorker();
    await waitFor(() => smtp!.received.length >= 30, 30_000, 'the first worker to start sending');
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    expect(smtp.received.length).toBeLessThan(PEOPLE);

    startWorker();
    const db = store.db;
    await waitFor(async () => {
      const row = await db.selectFrom('deliveries').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'sent').executeTakeFirstOrThrow();
      return Number(row.n) === PEOPLE;
    }, 60_000, 'every question to be sent');

    const perRecipient = new Map<string, Set<string>>();
    for (const m of smtp.received) perRecipient.set(m.to[0]!, (perRecipient.get(m.to[0]!) ?? new Set()).add(m.messageId ?? ''));
    expect(perRecipient.size).toBe(PEOPLE);
    expect([...perRecipient.values()].every((ids) => ids.size === 1)).toBe(true);
    // At most the one message in flight when the process died is sent again, with the same Message-ID.
    expect(smtp.received.length - PEOPLE).toBeLessThanOrEqual(1);
    const stored = await readCounts(db, crisis.id, false);
    expect(stored.counts).toEqual((await recountCrisis(db, crisis.id)).counts);
    expect(stored.counts.noAnswer).toBe(PEOPLE);
  });
});
