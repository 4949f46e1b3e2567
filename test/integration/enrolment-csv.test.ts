import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnrolmentContext } from '../../src/enrolment/context.ts';
import { CsvFileError } from '../../src/enrolment/csv-check.ts';
import { importEnrolmentCsv, type CsvImportOptions } from '../../src/enrolment/csv-import.ts';
import { WELCOME_SUBJECT } from '../../src/enrolment/organisation-mail.ts';
import { addOrganisation, changeVerification } from '../../src/enrolment/verification.ts';
import { outboxTransport } from '../../src/mail/transport.ts';
import { COMMAND_LINE } from '../../src/publishing/context.ts';
import { ENGINES, createTestStore, type TestStore } from '../helpers/databases.ts';
import { bigEnrolmentCsv, HEADER } from '../helpers/enrolment-csv.ts';

const run = promisify(execFile);
const CLI = new URL('../../bin/waypost.js', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'waypost-enrol-'));
const NOW = new Date('2026-03-01T10:00:00Z');

describe.each(ENGINES)('CSV group enrolment on %s', (engine) => {
  let store: TestStore;
  let ctx: EnrolmentContext;

  beforeAll(async () => {
    store = await createTestStore(engine, engine === 'sqlite' ? { file: join(work, `csv-${Date.now()}.db`) } : {});
    ctx = { db: store.db, config: { secret: 'csv-test-secret', publicUrl: 'http://waypost.test' }, mail: outboxTransport(store.db), now: () => NOW, settings: { tripRetentionDays: 30, allowPrivateWebhooks: false, dailyImportLimit: 100_000 } };
    // Only verified organisations import (test/integration/organisations.test.ts shows the refusals).
    for (const name of ['Uni of Example', 'Refused Org', 'Big Company']) {
      const organisation = await addOrganisation(ctx, name, COMMAND_LINE);
      await changeVerification(ctx, organisation.id, 'verify', COMMAND_LINE);
    }
  });
  /** Imports and waits for the e-mails, like the CLI. */
  const importing = async (context: EnrolmentContext, input: string | Buffer, options: CsvImportOptions) => {
    const { report, mailing } = await importEnrolmentCsv(context, input, options);
    return { ...report, mail: await mailing };
  };
  afterAll(async () => store?.close());

  const count = async (table: 'travellers' | 'trips' | 'trip_destinations' | 'channels' | 'organisation_members' | 'outbox_messages' | 'organisations') =>
    Number((await store.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const snapshot = async () => Promise.all((['travellers', 'trips', 'trip_destinations', 'channels', 'organisation_members', 'outbox_messages', 'organisations'] as const).map(count));

  it('enrols a small group, welcomes new travellers with one-click unsubscribe, and a re-run changes nothing', async () => {
    const csv = [
      HEADER,
      'ada@uni.example,Ada,Russia,Moscow,2026-02-15,2026-07-01,email',
      'Ada@Uni.example,Ada,Japan,,2026-08-01,2026-08-20,email',
      'ben@uni.example,Ben,Germany,,2026-03-01,,email;webhook:https://hooks.example.org/waypost',
      '"cy@uni.example","Cy, Jr.",FRA,FR-75,2026-05-01,2026-05-03,email',
    ].join('\r\n');
    const lookup = async () => [{ address: '93.184.215.14', family: 4 }];
    const withDns = { ...ctx, settings: { ...ctx.settings, lookup } };
    const first = await importing(withDns, csv, { organisation: 'Uni of Example' });
    expect(first).toMatchObject({ rows: 4, enrolledOrInvited: 4, unchanged: 0, rejected: [], mail: { sent: 3, failed: 0 }, organisation: { name: 'Uni of Example' } });
    const welcome = await store.db.selectFrom('outbox_messages').selectAll().where('recipient', '=', 'ben@uni.example').executeTakeFirstOrThrow();
    expect(welcome.subject).toBe(WELCOME_SUBJECT);
    expect(welcome.text_body).toContain('An organisation that calls itself “Uni of Example” has enrolled this address');
    expect(JSON.parse(welcome.headers)).toMatchObject({ 'List-Unsubscribe': expect.stringMatching(/^<http:\/\/waypost\.test\/unsubscribe\?token=/), 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
    const ada = await store.db.selectFrom('travellers').selectAll().where('email_normalised', '=', 'ada@uni.example').executeTakeFirstOrThrow();
    expect(ada).toMatchObject({ email: 'ada@uni.example', name: 'Ada', confirmed_by: 'organisation' });
    const stops = await store.db.selectFrom('trip_destinations').innerJoin('trips', 'trips.id', 'trip_destinations.trip_id').select(['destination_code', 'region', 'end_date'])
      .where('trips.organisation_id', '=', first.organisation.id).orderBy('trips.id').execute();
    expect(stops).toEqual([
      { destination_code: 'RU', region: 'Moscow', end_date: '2026-07-01' }, { destination_code: 'JP', region: null, end_date: '2026-08-20' },
      { destination_code: 'DE', region: null, end_date: null }, { destination_code: 'FR', region: 'FR-75', end_date: '2026-05-03' },
    ]);
    const hook = await store.db.selectFrom('channels').selectAll().where('kind', '=', 'webhook').executeTakeFirstOrThrow();
    expect(hook).toMatchObject({ address: 'https://hooks.example.org/waypost', confirmed_at: null, secret: expect.stringMatching(/^whsec_/) });
    const before = await snapshot();
    const second = await importing(withDns, csv, { organisation: '  uni OF example ' });
    expect(second).toMatchObject({ enrolledOrInvited: 0, unchanged: 4, rejected: [], mail: { sent: 0 } });
    expect(await snapshot()).toEqual(before);
  });

  it.each([
    ['an empty file', '', /empty/],
    ['missing columns', 'email,name,destination\na@b.org,A,France\n', /missing columns region, start, end, channels/],
    ['an unclosed quote', `${HEADER}\n"a@b.org,A,France,,2026-04-01,2026-04-10,email\n`, /malformed CSV/],
    ['binary data', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08]), /not a CSV text file/],
  ])('refuses %s as a whole, writing nothing', async (_name, input, message) => {
    const before = await snapshot();
    await expect(importEnrolmentCsv(ctx, input, { organisation: 'Refused Org' })).rejects.toThrow(message);
    await expect(importEnrolmentCsv(ctx, input, { organisation: 'Refused Org' })).rejects.toBeInstanceOf(CsvFileError);
    expect(await snapshot()).toEqual(before);
  });

  it('10,000 rows with 50 bad ones: 9,950 enrolled, 50 reported by line and reason, a second run adds nothing', async () => {
    const { csv, bad } = bigEnrolmentCsv();
    const first = await importing(ctx, csv, { organisation: 'Big Company', welcome: false });
    expect(first.rows).toBe(10_000);
    expect(first.enrolledOrInvited).toBe(9_950);
    expect(first.unchanged).toBe(0);
    expect(first.rejected).toHaveLength(50);
    for (const row of first.rejected) expect(row.reason, `line ${row.line}`).toMatch(bad.get(row.line)!);
    expect(first.rejected.map((r) => r.line)).toEqual([...bad.keys()]);
    const members = await store.db.selectFrom('organisation_members').select((eb) => eb.fn.countAll().as('n')).where('organisation_id', '=', first.organisation.id).executeTakeFirstOrThrow();
    expect(Number(members.n)).toBe(9_950);
    const before = await snapshot();
    const second = await importing(ctx, csv, { organisation: 'Big Company', welcome: false });
    expect(second).toMatchObject({ enrolledOrInvited: 0, unchanged: 9_950 });
    expect(second.rejected).toHaveLength(50);
    expect(await snapshot()).toEqual(before);
  }, 60_000);

  describe('waypost enrol import (CLI)', () => {
    const waypost = async (args: string[], env: Record<string, string> = {}) => {
      try {
        const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { env: { ...process.env, DATABASE_URL: store.url, SMTP_URL: '', ...env }, timeout: 60_000 });
        return { code: 0, stdout, stderr };
      } catch (error) {
        const e = error as { code: number; stdout: string; stderr: string };
        return { code: e.code, stdout: e.stdout, stderr: e.stderr };
      }
    };
    const file = (name: string, content: string) => {
      const path = join(work, `${engine}-${name}`);
      writeFileSync(path, content);
      return path;
    };

    it('does not create or verify an organisation by itself: it says which audited command to run', async () => {
      const path = file('first.csv', `${HEADER}\ncli1@ngo.example,Cli One,Ukraine,UA-30,2027-01-01,2027-02-01,email\n`);
      const before = await snapshot();
      const missing = await waypost(['enrol', 'import', path, '--organisation', 'CLI NGO']);
      expect(missing.code).not.toBe(0);
      expect(missing.stderr).toBe('waypost: there is no organisation "CLI NGO": create it with `waypost organisations add "CLI NGO"`, then verify it with `waypost organisations verify "CLI NGO"`\n');
      const added = await waypost(['organisations', 'add', 'CLI NGO']);
      expect(added.stdout).toMatch(/^added organisation "CLI NGO" \(id \d+\), unverified/);
      const unverified = await waypost(['enrol', 'import', path, '--organisation', 'cli ngo']);
      expect(unverified.code).not.toBe(0);
      expect(unverified.stderr).toMatch(/^waypost: organisation "CLI NGO" is not verified, so it cannot import or invite anyone: verify it first with `waypost organisations verify "CLI NGO"`/);
      expect(await snapshot()).toEqual([...before.slice(0, -1), before.at(-1)! + 1]);
      expect((await waypost(['organisations', 'verify', 'CLI NGO'])).stdout).toBe('organisation "CLI NGO" is now verified\n');
      const listed = await waypost(['organisations', 'list']);
      expect(listed.stdout).toMatch(/^\s+\d+ {2}verified {4}\s+0 members {2}\d{4}-\d{2}-\d{2} {2}CLI NGO$/m);
      const audit = await store.db.selectFrom('audit_log').select(['action', 'actor_label', 'detail']).where('action', 'like', 'organisation-%').where('detail', 'like', '%CLI NGO%').orderBy('id').execute();
      expect(audit).toEqual([
        { action: 'organisation-created', actor_label: 'command line', detail: '{"organisation":"CLI NGO"}' },
        { action: 'organisation-verified', actor_label: 'command line', detail: '{"organisation":"CLI NGO"}' },
      ]);
    }, 120_000);

    it('prints enrolled or invited/unchanged/rejected with line numbers, exit 0, and is idempotent', async () => {
      const path = file('group.csv', `${HEADER}\ncli1@ngo.example,Cli One,Ukraine,UA-30,2027-01-01,2027-02-01,email\nnope,No,Ukraine,,2027-01-01,2027-02-01,email\ncli2@ngo.example,Cli Two,Narnia,,2027-01-01,,email\n`);
      const first = await waypost(['enrol', 'import', path, '--organisation', 'CLI NGO', '--no-welcome']);
      expect(first.code, first.stderr).toBe(0);
      expect(first.stdout).toMatch(/^CLI NGO: 3 rows, 1 enrolled or invited, 0 unchanged, 2 rejected/);
      expect(first.stdout).toContain('  line 3: invalid e-mail "nope"');
      expect(first.stdout).toContain('  line 4: unknown destination "Narnia"');
      const second = await waypost(['enrol', 'import', path, '--organisation', 'CLI NGO']);
      expect(second.stdout).toMatch(/^CLI NGO: 3 rows, 0 enrolled or invited, 1 unchanged, 2 rejected/);
      // Two CLI processes, each loading the gazetteer once to look "Narnia" up as a city.
    }, 90_000);

    it('over ORG_DAILY_IMPORT_LIMIT: one line, exit 1, nothing written; a withdrawn organisation is refused too', async () => {
      const path = file('more.csv', `${HEADER}\ncli3@ngo.example,Cli Three,Ukraine,,2027-01-01,2027-02-01,email\ncli4@ngo.example,Cli Four,Ukraine,,2027-01-01,2027-02-01,email\n`);
      const before = await snapshot();
      const over = await waypost(['enrol', 'import', path, '--organisation', 'CLI NGO'], { ORG_DAILY_IMPORT_LIMIT: '2' });
      expect(over.code).toBe(1);
      expect(over.stderr).toMatch(/^waypost: This organisation's daily limit is 2 imported rows \(ORG_DAILY_IMPORT_LIMIT\); 1 used today and this file needs 2 more\. Nothing was imported; try again after \d{4}-\d{2}-\d{2} 00:00 UTC\.\n$/);
      expect(await snapshot()).toEqual(before);
      expect((await waypost(['organisations', 'withdraw', 'CLI NGO'])).stdout).toBe('organisation "CLI NGO" is now withdrawn\n');
      const withdrawn = await waypost(['enrol', 'import', path, '--organisation', 'CLI NGO']);
      expect(withdrawn.stderr).toMatch(/^waypost: organisation "CLI NGO" had its verification withdrawn/);
      expect(await snapshot()).toEqual(before);
      expect((await waypost(['organisations', 'verify', 'CLI NGO'])).code).toBe(0);
    }, 120_000);

    it('exits non-zero with one line for a missing file, missing columns or malformed CSV', async () => {
      const before = await snapshot();
      for (const path of [join(work, 'nope.csv'), file('cols.csv', 'email,name\na@b.org,A\n'), file('quote.csv', `${HEADER}\n"oops,A,France,,2027-01-01,,email\n`)]) {
        const result = await waypost(['enrol', 'import', path, '--organisation', 'CLI NGO']);
        expect(result.code).not.toBe(0);
        expect(result.stderr.trim().split('\n')).toHaveLength(1);
        expect(result.stderr).toMatch(/^waypost: (no such file|missing columns|malformed CSV)/);
      }
      expect(await snapshot()).toEqual(before);
      // Each run starts a process: seconds apiece on a busy 2-core machine.
    }, 120_000);

    it('waypost travellers purge deletes trips ended more than TRIP_RETENTION_DAYS ago', async () => {
      const traveller = await store.db.selectFrom('travellers').select('id').executeTakeFirstOrThrow();
      const at = new Date().toISOString();
      const old = await store.db.insertInto('trips').values({ traveller_id: traveller.id, start_date: '2020-01-01', end_date: '2020-01-10', organisation_id: null, import_key: null, created_at: at, updated_at: at, cancelled_at: null }).returning('id').executeTakeFirstOrThrow();
      const result = await waypost(['travellers', 'purge']);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/^purged \d+ trips that ended or were cancelled before \d{4}-\d{2}-\d{2} \(retention 30 days\)/);
      expect(await store.db.selectFrom('trips').select('id').where('id', '=', old.id).execute()).toHaveLength(0);
    });
  });
});
