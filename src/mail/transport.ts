import nodemailer from 'nodemailer';
import { envelopeAddress, mailbox, rawCapable, rawMessage } from './mime.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import type { OutgoingMail } from './message.ts';

/** A send that failed. `temporary` failures (SMTP 4xx, connection trouble) are worth retrying; others are not. */
export class MailError extends Error {
  override name = 'MailError';
  readonly temporary: boolean;
  readonly responseCode: number | undefined;
  /** A permanent refusal of this recipient (a hard bounce), as opposed to the relay refusing us. */
  readonly recipientRefused: boolean;
  constructor(message: string, temporary: boolean, responseCode?: number, cause?: unknown, recipientRefused = false) {
    super(message, { cause });
    this.temporary = temporary;
    this.responseCode = responseCode;
    this.recipientRefused = recipientRefused;
  }
}

export interface MailTransport {
  /** Where mail goes, for logs and the console ("smtp://host:port" or "built-in outbox"). */
  readonly description: string;
  send(mail: OutgoingMail): Promise<void>;
  close(): Promise<void>;
}

/**
 * The sender address without a name of its own: every message to a traveller carries the
 * authority's name (`fromName`, docs/identity.md), and one that did not should show the bare
 * address rather than credit the software.
 */
export const DEFAULT_FROM = 'no-reply@waypost.invalid';

/** The configured sender address under the authority's name (docs/identity.md). */
export function fromWithName(from: string, name: string | undefined): string {
  return name ? mailbox(name, envelopeAddress(from)) : from;
}

export interface SmtpOptions {
  /** Most messages a second through this transport (nodemailer's pool rate limiter). */
  ratePerSecond?: number;
  maxConnections?: number;
  from?: string;
}

/** A pooled nodemailer transport: several connections, each reused for many messages. */
export function smtpTransport(url: string, options: SmtpOptions = {}): MailTransport {
  const parsed = new URL(url);
  const transporter = nodemailer.createTransport({
    pool: true,
    host: parsed.hostname,
    port: Number(parsed.port || (parsed.protocol === 'smtps:' ? 465 : 25)),
    secure: parsed.protocol === 'smtps:',
    ...(parsed.username ? { auth: { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) } } : {}),
    maxConnections: options.maxConnections ?? 5,
    maxMessages: Infinity,
    ...(options.ratePerSecond ? { rateDelta: 1000, rateLimit: options.ratePerSecond } : {}),
    // Loopback test servers and internal relays often have no certificate for their name.
    tls: { rejectUnauthorized: parsed.searchParams.get('tls') !== 'insecure' ? parsed.protocol === 'smtps:' : false },
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    description: `smtp://${parsed.hostname}:${parsed.port || 25}`,
    async send(mail) {
      const from = mail.from ?? fromWithName(options.from ?? DEFAULT_FROM, mail.fromName);
      try {
        // Our own single-pass MIME text (src/mail/mime.ts) when the addresses are ASCII; nodemailer's
        // composer otherwise (an internationalised address needs its SMTPUTF8 handling).
        await transporter.sendMail(rawCapable(mail, from)
          ? { envelope: { from: envelopeAddress(from), to: [mail.to] }, raw: rawMessage(mail, from) }
          : {
            from,
            to: mail.to,
            subject: mail.subject,
            text: mail.text,
            ...(mail.html ? { html: mail.html } : {}),
            headers: mail.headers ?? {},
            messageId: mail.messageId,
            textEncoding: 'quoted-printable',
          });
      } catch (error) {
        throw classify(error);
      }
    },
    async close() {
      transporter.close();
    },
  };
}

function classify(error: unknown): MailError {
  const e = error as { responseCode?: number; code?: string; command?: string; message?: string };
  const code = e.responseCode;
  const message = e.message ?? String(error);
  // 5xx is permanent; 4xx and network failures are temporary.
  const temporary = code === undefined ? true : code < 500;
  // Only a refusal of the recipient is a hard bounce: at RCPT TO, or with a mailbox status
  // (5.1.x, "mailbox", "user unknown"). A relay refusing our login or sender (535, 530, 554
  // "sending paused") says nothing about the traveller's address.
  const recipientRefused = !temporary && (/RCPT/i.test(e.command ?? '') || /\b5\.1\.\d\b|mailbox|user unknown|no such user|recipient/i.test(message));
  return new MailError(message, temporary, code, error, recipientRefused);
}

/**
 * With no SMTP_URL, mail is kept in the database's built-in outbox, where the console shows it:
 * a newcomer sees what would have been sent without setting up a mail server.
 */
export function outboxTransport(db: Kysely<Database>): MailTransport {
  return {
    description: 'built-in outbox',
    async send(mail) {
      await db
        .insertInto('outbox_messages')
        .values({
          message_id: mail.messageId,
          recipient: mail.to,
          subject: mail.subject,
          text_body: mail.text,
          html_body: mail.html ?? null,
          headers: JSON.stringify(mail.headers ?? {}),
          created_at: new Date().toISOString(),
        })
        // The same Message-ID twice is the same message: keep one, like a receiver would.
        .onConflict((oc) => oc.column('message_id').doNothing())
        .execute();
    },
    async close() {},
  };
}

/** SMTP_RATE: most messages a second each process sends (a provider's cap); unset = no limit. */
export function smtpRateFromEnv(env: NodeJS.ProcessEnv = process.env): Pick<SmtpOptions, 'ratePerSecond'> {
  const text = env.SMTP_RATE;
  if (text === undefined || text === '') return {};
  const rate = Number(text);
  if (!Number.isInteger(rate) || rate < 1) throw new Error(`SMTP_RATE must be a whole number of messages per second (got "${text}")`);
  return { ratePerSecond: rate };
}

export function createMailTransport(smtpUrl: string | undefined, db: Kysely<Database>, options: SmtpOptions = {}): MailTransport {
  return smtpUrl ? smtpTransport(smtpUrl, options) : outboxTransport(db);
}
