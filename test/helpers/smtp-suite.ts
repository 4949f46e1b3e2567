import { afterAll, beforeAll } from 'vitest';
import { smtpTransport, type MailTransport } from '../../src/mail/transport.ts';
import { startSmtpServer, type TestSmtpServer } from './smtp.ts';

export interface SmtpSuite {
  smtp: TestSmtpServer;
  mail: MailTransport;
}

/** For a describe block: a loopback SMTP server and a transport to it, opened before its tests and closed after. Read the fields inside tests. */
export function smtpSuite(): SmtpSuite {
  const suite = {} as SmtpSuite;
  beforeAll(async () => {
    suite.smtp = await startSmtpServer();
    suite.mail = smtpTransport(suite.smtp.url);
  });
  afterAll(async () => {
    await suite.mail?.close();
    await suite.smtp?.close();
  });
  return suite;
}
