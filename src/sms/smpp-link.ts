import smpp, { type PDU, type Session } from 'smpp';
import type { SmppTarget } from './smpp-url.ts';

/**
 * One SMPP 3.4 transceiver bind kept alive: connects, binds (bind_transceiver), keeps at most
 * `window` submit_sm unanswered at once (the SMSC's throughput window), and when the SMSC goes
 * away reconnects with exponential backoff (±25 % jitter) while requests wait in order. A request
 * that cannot be sent within `queueTimeoutMs` is given back as a temporary failure, so the
 * delivery goes back to the database queue (and its retry backoff) rather than being lost.
 */
export interface LinkOptions {
  target: SmppTarget;
  /** Most submit_sm awaiting their response at once. */
  window?: number;
  /** First reconnect delay; doubles up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** How long a request may wait for a bound link. */
  queueTimeoutMs?: number;
  /** How long a sent request may wait for its response. */
  responseTimeoutMs?: number;
  enquireLinkMs?: number;
  /** Every deliver_sm (receipts and replies); the response waits for it, so the SMSC retries what we could not keep. */
  onDeliver?: (pdu: PDU) => Promise<void>;
  log?: (message: string) => void;
}

export class LinkError extends Error {
  override name = 'LinkError';
}

interface Pending {
  command: 'submit_sm';
  params: Record<string, unknown>;
  resolve: (pdu: PDU) => void;
  reject: (error: Error) => void;
  /** When it gives up waiting (for the link, then for the response): checked by one sweep, not a timer each. */
  deadline: number;
}

export class SmppLink {
  readonly #o: Required<Omit<LinkOptions, 'onDeliver' | 'log'>> & Pick<LinkOptions, 'onDeliver' | 'log'>;
  #session: Session | undefined;
  #bound = false;
  #closed = false;
  #failures = 0;
  #reconnect: NodeJS.Timeout | undefined;
  #queue: Pending[] = [];
  #sweep: NodeJS.Timeout | undefined;
  /** Requests sent and not yet answered, by sequence number. */
  readonly #inFlight = new Map<number, Pending>();
  /** Peak of `#inFlight.size`: what the tests check the window against. */
  peakInFlight = 0;
  binds = 0;

  constructor(options: LinkOptions) {
    this.#o = { window: 10, backoffMs: 500, maxBackoffMs: 30_000, queueTimeoutMs: 30_000, responseTimeoutMs: 30_000, enquireLinkMs: 30_000, ...options };
  }

  get bound(): boolean {
    return this.#bound;
  }

  start(): void {
    if (this.#closed || this.#session) return;
    const { host, port, systemId, password } = this.#o.target;
    const session = smpp.connect({ host, port, auto_enquire_link_period: this.#o.enquireLinkMs });
    this.#session = session;
    session.on('connect', () => {
      // Small PDUs, many in flight: Nagle's algorithm would hold each behind the previous one's ACK.
      session.socket.setNoDelay(true);
      session.bind_transceiver({ system_id: systemId, password, interface_version: 0x34 }, (pdu) => {
        if (pdu.command_status !== 0) {
          this.#o.log?.(`SMPP bind refused (status ${pdu.command_status}); retrying`);
          session.destroy();
          return;
        }
        this.#bound = true;
        this.#failures = 0;
        this.binds++;
        this.#pump();
      });
    });
    session.on('deliver_sm', (pdu: PDU) => this.#deliver(session, pdu));
    session.on('enquire_link', (pdu: PDU) => session.send(pdu.response()));
    session.on('unbind', (pdu: PDU) => {
      session.send(pdu.response());
      session.close();
    });
    session.on('error', (error: Error) => this.#o.log?.(`SMPP link error: ${error.message}`));
    session.on('close', () => this.#lost(session));
  }

  /** Sends one request when the link is bound and the window has room; resolves with its response. */
  request(command: 'submit_sm', params: Record<string, unknown>): Promise<PDU> {
    if (this.#closed) return Promise.reject(new LinkError('the SMPP link is closed'));
    return new Promise<PDU>((resolve, reject) => {
      this.#queue.push({ command, params, resolve, reject, deadline: Date.now() + this.#o.queueTimeoutMs });
      this.#startSweep();
      this.#pump();
    });
  }

  /** Gives up on requests past their deadline, a few times per timeout; stops when nothing waits. */
  #startSweep(): void {
    if (this.#sweep) return;
    const every = Math.max(10, Math.min(1000, Math.floor(Math.min(this.#o.queueTimeoutMs, this.#o.responseTimeoutMs) / 4)));
    this.#sweep = setInterval(() => {
      const now = Date.now();
      if (this.#queue.some((p) => p.deadline <= now)) {
        const [late, rest] = [this.#queue.filter((p) => p.deadline <= now), this.#queue.filter((p) => p.deadline > now)];
        this.#queue = rest;
        for (const pending of late) this.#fail(pending, 'the SMS centre could not be reached in time');
      }
      for (const [sequence, pending] of this.#inFlight) {
        if (pending.deadline > now) continue;
        this.#inFlight.delete(sequence);
        this.#fail(pending, 'the SMS centre did not answer in time');
      }
      if (this.#queue.length === 0 && this.#inFlight.size === 0) this.#stopSweep();
      else this.#pump();
    }, every);
    this.#sweep.unref();
  }

  #stopSweep(): void {
    clearInterval(this.#sweep);
    this.#sweep = undefined;
  }

  /** Unbinds and closes; requests still waiting fail (temporarily: they go back to the database queue). */
  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#reconnect);
    this.#stopSweep();
    for (const pending of this.#queue.splice(0)) this.#fail(pending, 'the SMPP link was closed');
    const session = this.#session;
    if (!session) return;
    if (this.#bound) await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 1000);
      session.unbind({}, () => { clearTimeout(timer); resolve(); });
    });
    await new Promise<void>((resolve) => session.destroy(() => resolve()));
  }

  #pump(): void {
    const session = this.#session;
    while (this.#bound && session && this.#inFlight.size < this.#o.window && this.#queue.length > 0) {
      const pending = this.#queue.shift()!;
      const pdu = new smpp.PDU(pending.command, pending.params);
      const sent = session.send(pdu, (response) => {
        if (this.#inFlight.delete(pdu.sequence_number)) pending.resolve(response);
        this.#pump();
      });
      if (!sent) {
        this.#queue.unshift(pending);
        return;
      }
      pending.deadline = Date.now() + this.#o.responseTimeoutMs;
      this.#inFlight.set(pdu.sequence_number, pending);
      if (this.#inFlight.size > this.peakInFlight) this.peakInFlight = this.#inFlight.size;
    }
  }

  #fail(pending: Pending, reason: string): void {
    pending.reject(new LinkError(reason));
  }

  #deliver(session: Session, pdu: PDU): void {
    const handler = this.#o.onDeliver;
    const answer = (status: number) => session.send(pdu.response({ command_status: status }));
    if (!handler) {
      answer(0);
      return;
    }
    handler(pdu).then(() => answer(0), (error: unknown) => {
      this.#o.log?.(`could not handle an incoming SMS: ${(error as Error).message}`);
      // A temporary error: the SMSC delivers it again later.
      answer(smpp.ESME_RSYSERR);
    });
  }

  /** The connection is gone: unanswered requests fail for a retry, and a new connection is scheduled. */
  #lost(session: Session): void {
    if (this.#session !== session) return;
    this.#session = undefined;
    this.#bound = false;
    // Whether the SMSC kept them is unknown: the worker retries them (docs/notifications.md says so).
    for (const pending of this.#inFlight.values()) this.#fail(pending, 'the SMPP connection was lost before the SMS centre answered');
    this.#inFlight.clear();
    if (this.#closed) return;
    const delay = Math.min(this.#o.maxBackoffMs, this.#o.backoffMs * 2 ** this.#failures) * (0.75 + Math.random() * 0.5);
    this.#failures = Math.min(this.#failures + 1, 20);
    this.#reconnect = setTimeout(() => this.start(), delay);
  }
}
