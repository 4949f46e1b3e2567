/**
 * A lean SMTP sink for the send benchmarks, run as its own process (`fork`) so that receiving
 * does not share the sender's event loop: a real SMTP dialogue (smtp-server), no MIME parsing,
 * only the Message-ID header read from each message to count distinct messages and copies.
 *
 * IPC: sends `{ ready, port }` once listening; answers `'stats'` with `{ received, distinct }`.
 */
import { SMTPServer } from 'smtp-server';

const seen = new Set<string>();
let received = 0;

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, _session, callback) {
    let head = '';
    stream.on('data', (chunk: Buffer) => {
      if (head.length < 4096) head += chunk.toString('latin1');
    });
    stream.on('end', () => {
      received++;
      const id = /^message-id:\s*(\S+)/im.exec(head)?.[1];
      if (id) seen.add(id);
      callback();
    });
  },
});

server.listen(0, '127.0.0.1', () => {
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.send?.({ ready: true, port });
});

process.on('message', (message) => {
  if (message === 'stats') process.send?.({ received, distinct: seen.size });
  if (message === 'reset') {
    received = 0;
    seen.clear();
    process.send?.({ reset: true });
  }
});
process.on('disconnect', () => server.close(() => process.exit(0)));
