import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  messageId: string | undefined;
  subject: string | undefined;
  text: string | undefined;
  html: string | false | undefined;
  headers: ParsedMail['headers'];
  raw: string;
  /** A header as sent, unfolded (mailparser folds List-* headers into one object). */
  header(name: string): string | undefined;
}

export interface TestSmtpServer {
  url: string;
  port: number;
  received: ReceivedMail[];
  /** Decides per message whether to refuse it with an SMTP code (e.g. 451 temporary, 550 permanent). */
  refuse: ((mail: { to: string[] }) => number | { code: number; message: string } | undefined) | undefined;
  /** Waits until at least `count` messages have arrived, or fails after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

/** A real SMTP server on loopback (smtp-server): what the tests send to instead of a mock. */
export async function startSmtpServer(port = 0): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const state: TestSmtpServer = {
    url: '',
    port: 0,
    received,
    refuse: undefined,
    async waitFor(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} messages at the SMTP server, got ${received.length}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return received;
    },
    close: async () => {},
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 10 * 1024 * 1024,
    onData(stream: SMTPServerDataStream, session, callback) {
      const to = session.envelope.rcptTo.map((r) => r.address);
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const refusal = state.refuse?.({ to });
        if (refusal) {
          const code = typeof refusal === 'number' ? refusal : refusal.code;
          const text = typeof refusal === 'number' ? (code >= 500 ? 'Mailbox unavailable' : 'Try again later') : refusal.message;
          const error = new Error(text) as Error & { responseCode: number };
          error.responseCode = code;
          return callback(error);
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw)
          .then((parsed) => {
            received.push({
              to,
              messageId: parsed.messageId,
              subject: parsed.subject,
              text: parsed.text,
              html: parsed.html,
              headers: parsed.headers,
              raw,
              header: (name) => rawHeader(raw, name),
            });
            callback();
          })
          .catch(callback);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: bound } = server.server.address() as AddressInfo;
  state.port = bound;
  state.url = `smtp://127.0.0.1:${bound}`;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}

function rawHeader(raw: string, name: string): string | undefined {
  const head = raw.split(/\r?\n\r?\n/, 1)[0]!.replace(/\r?\n[ \t]+/g, ' ');
  const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(name.length + 1).trim();
}
