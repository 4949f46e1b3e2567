import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MailError, outboxTransport, smtpTransport } from '../../src/mail/transport.ts';
import { ENGINES, createTestStore, type TestStore } from '../helpers/databases.ts';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.ts';

const mail = (n: number) => ({
  to: `traveller${n}@example.org`,
  subject: `Russia: Level 4 – Do Not Travel (${n})`,
  text: 'Leave now.',
  html: '<p>Leave now.</p>',
  headers: { 'List-Unsubscribe': '<https://waypost.test/u/abc>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  messageId: `<test-${n}@waypost.test>`,
});

describe('SMTP transport against a real SMTP server on loopback', () => {
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(async () => smtp?.close());

  it('delivers with our Message-ID and headers over a pooled connection', async () => {
    const transport = smtpTransport(smtp.url, { maxConnections: 2 });
    await Promise.all([1, 2, 3].map((n) => transport.send(mail(n))));
    await transport.close();
    const received = await smtp.waitFor(3);
    expect(received.map((m) => m.messageId).sort()).toEqual(['<test-1@waypost.test>', '<test-2@waypost.test>', '<test-3@waypost.test>']);
    expect(received[0]!.header('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(received[0]!.header('List-Unsubscribe')).toBe('<https://waypost.test/u/abc>');
    expect(received[0]!.subject).toMatch(/^Russia: Level 4 – Do Not Travel/);
  });

  it('classifies 451 as temporary and 550 as permanent', async () => {
    const transport = smtpTransport(smtp.url);
    smtp.refuse = () => 451;
    const temporary = await transport.send(mail(4)).catch((e: unknown) => e);
    smtp.refuse = () => 550;
    const permanent = await transport.send(mail(5)).catch((e: unknown) => e);
    smtp.refuse = undefined;
    await transport.close();
    expect(temporary).toBeInstanceOf(MailError);
    expect(temporary).toMatchObject({ temporary: true, responseCode: 451 });
    expect(permanent).toMatchObject({ temporary: false, responseCode: 550 });
  });

  it('treats a server that is down as a temporary failure', async () => {
    const down = await startSmtpServer();
    const url = down.url;
    await down.close();
    const transport = smtpTransport(url);
    const error = await transport.send(mail(6)).catch((e: unknown) => e);
    await transport.close();
    expect(error).toMatchObject({ temporary: true });
  });
});

describe.each(ENGINES)('built-in outbox on %s', (engine) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore(engine);
  });
  afterAll(async () => store?.close());

  it('keeps each message once by Message-ID', async () => {
    const transport = outboxTransport(store.db);
    await transport.send(mail(1));
    await transport.send(mail(1));
    await transport.send(mail(2));
    const rows = await store.db.selectFrom('outbox_messages').selectAll().orderBy('id').execute();
    expect(rows.map((r) => r.recipient)).toEqual(['traveller1@example.org', 'traveller2@example.org']);
    expect(JSON.parse(rows[0]!.headers)).toMatchObject({ 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
  });
});
