import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestStore, type TestStore } from '../helpers/databases.ts';
import { addAdvisoryEvent, addTraveller, addTrip } from '../helpers/notify.ts';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.ts';

const CLI = new URL('../../bin/waypost.js', import.meta.url).pathname;

/** `waypost serve` runs the delivery worker in-process, unless --no-worker. */
describe('waypost serve and the in-process worker', () => {
  let store: TestStore | undefined;
  let smtp: TestSmtpServer | undefined;
  let child: ChildProcess | undefined;

  afterEach(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child!.once('exit', r));
    }
    await smtp?.close();
    await store?.close();
  });

  const serve = async (args: string[]) => {
    child = spawn(process.execPath, [CLI, 'serve', '--port', '0', ...args], {
      env: { ...process.env, DATABASE_URL: store!.url, SMTP_URL: smtp!.url, WAYPOST_SECRET: 'serve-secret-0123456789', NOTIFY_POLL_MS: '50', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    const deadline = Date.now() + 60_000;
    while (!out.includes('Waypost is serving')) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`serve did not start: ${out}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  const setUp = async () => {
    const dir = mkdtempSync(join(tmpdir(), 'waypost-serve-'));
    store = await createTestStore('sqlite', { file: join(dir, 'waypost.db') });
    smtp = await startSmtpServer();
    const t = await addTraveller(store.db, 'abroad@example.org');
    await addTrip(store.db, t.id, 'RU');
    return addAdvisoryEvent(store.db, 'RU', 'Russia', { level: 4, previousLevel: 4, departureUrged: true, urgent: true });
  };

  it('delivers pending events while serving', { timeout: 90_000 }, async () => {
    await setUp();
    await serve([]);
    const [mail] = await smtp!.waitFor(1, 20_000);
    expect(mail!.subject).toBe('Russia: Level 4 – Do Not Travel – citizens should leave immediately');
  });

  it('with --no-worker sends nothing and leaves the event pending', { timeout: 90_000 }, async () => {
    const event = await setUp();
    await serve(['--no-worker']);
    await new Promise((r) => setTimeout(r, 1500));
    expect(smtp!.received).toHaveLength(0);
    const row = await store!.db.selectFrom('events').select('fanned_out_at').where('id', '=', event).executeTakeFirstOrThrow();
    expect(row.fanned_out_at).toBeNull();
  });
});
