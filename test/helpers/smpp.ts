import type { AddressInfo } from 'node:net';
import smpp, { type DecodedMessage, type PDU, type Session } from 'smpp';
import { receiptText } from '../../src/sms/receipts.ts';

/**
 * A real SMPP 3.4 server on loopback (the `smpp` package's server): what the tests and the
 * benchmark send to instead of a mock. It checks the bind, answers every submit_sm with a
 * message_id, joins concatenated parts back into whole texts (by their UDH), sends a delivery
 * receipt for each part (DELIVRD unless `stat` says otherwise), and can text a reply to Waypost.
 * `stop()` takes it down (listener and every connection); `start()` brings it back on the same port.
 */
export interface SmscPart {
  to: string;
  from: string;
  dataCoding: number;
  text: string;
  messageId: string;
  /** [reference, total, sequence] when the part carries a concatenation header. */
  concat: [number, number, number] | null;
}

export interface SmscMessage {
  to: string;
  text: string;
  dataCoding: number;
  parts: number;
  messageIds: string[];
}

export interface TestSmsc {
  port: number;
  url: string;
  parts: SmscPart[];
  /** Whole texts: single messages, and concatenated ones once every part is in. */
  messages: SmscMessage[];
  binds: number;
  /** The receipt's stat for a part (DELIVRD by default); null sends no receipt. */
  stat: (part: SmscPart) => string | null;
  /** Status to answer a submit_sm with (0 = accepted). */
  submitStatus: (part: SmscPart) => number;
  waitFor(count: number, timeoutMs?: number): Promise<SmscMessage[]>;
  /** A text from `from` to Waypost, as an ordinary deliver_sm on the first bound session. */
  reply(from: string, text: string): Promise<void>;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function startSmsc(options: { systemId?: string; password?: string; port?: number } = {}): Promise<TestSmsc> {
  const systemId = options.systemId ?? 'waypost';
  const password = options.password ?? 'secret';
  const bound = new Set<Session>();
  const pending = new Map<string, SmscPart[]>();
  let nextId = 1;
  let server = smpp.createServer(onSession);

  const state: TestSmsc = {
    port: 0, url: '', parts: [], messages: [], binds: 0,
    stat: () => 'DELIVRD',
    submitStatus: () => 0,
    async waitFor(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (state.messages.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} whole messages at the SMSC, got ${state.messages.length} (${state.parts.length} parts)`);
        await new Promise((r) => setTimeout(r, 10));
      }
      return state.messages;
    },
    async reply(from, text) {
      const session = [...bound][0];
      if (!session) throw new Error('no bound session to deliver the reply to');
      await new Promise<void>((resolve, reject) => {
        session.deliver_sm({ source_addr_ton: 1, source_addr: from.replace(/^\+/, ''), destination_addr: 'WAYPOST', short_message: text }, (pdu) => {
          if (pdu.command_status === 0) resolve();
          else reject(new Error(`deliver_sm answered with status ${pdu.command_status}`));
        });
      });
    },
    async stop() {
      for (const session of bound) session.destroy();
      for (const session of server.sessions) session.destroy();
      bound.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    async start() {
      server = smpp.createServer(onSession);
      await listen(state.port);
    },
    async close() {
      await state.stop().catch(() => {});
    },
  };

  function onSession(session: Session): void {
    session.on('error', () => {});
    session.on('close', () => bound.delete(session));
    session.on('bind_transceiver', (pdu: PDU) => {
      if (pdu.system_id !== systemId || pdu.password !== password) {
        session.send(pdu.response({ command_status: smpp.ESME_RBINDFAIL }));
        session.close();
        return;
      }
      state.binds++;
      bound.add(session);
      session.send(pdu.response({ system_id: 'TESTSMSC' }));
    });
    session.on('enquire_link', (pdu: PDU) => session.send(pdu.response()));
    session.on('unbind', (pdu: PDU) => {
      session.send(pdu.response());
      session.close();
    });
    session.on('submit_sm', (pdu: PDU) => onSubmit(session, pdu));
  }

  function onSubmit(session: Session, pdu: PDU): void {
    if (!bound.has(session)) {
      session.send(pdu.response({ command_status: smpp.ESME_RINVBNDSTS }));
      return;
    }
    const body = pdu.short_message as DecodedMessage;
    const concatIe = body.udh?.find((ie) => ie[0] === 0x00 && ie[1] === 0x03);
    const part: SmscPart = {
      to: `+${pdu.destination_addr ?? ''}`, from: pdu.source_addr ?? '', dataCoding: pdu.data_coding ?? 0,
      text: typeof body.message === 'string' ? body.message : body.message.toString('latin1'),
      messageId: `m${nextId++}`, concat: concatIe ? [concatIe[2]!, concatIe[3]!, concatIe[4]!] : null,
    };
    const status = state.submitStatus(part);
    session.send(pdu.response(status === 0 ? { message_id: part.messageId } : { command_status: status }));
    if (status !== 0) return;
    state.parts.push(part);
    collect(part);
    const stat = state.stat(part);
    if (stat) {
      session.deliver_sm({
        source_addr: pdu.destination_addr, destination_addr: pdu.source_addr, esm_class: smpp.ESM_CLASS.MC_DELIVERY_RECEIPT,
        short_message: receiptText(part.messageId, stat, new Date()), receipted_message_id: part.messageId,
      });
    }
  }

  function collect(part: SmscPart): void {
    if (!part.concat) {
      state.messages.push({ to: part.to, text: part.text, dataCoding: part.dataCoding, parts: 1, messageIds: [part.messageId] });
      return;
    }
    const [ref, total] = part.concat;
    const key = `${part.to}:${ref}:${total}`;
    const group = [...(pending.get(key) ?? []), part];
    if (group.length < total) {
      pending.set(key, group);
      return;
    }
    pending.delete(key);
    group.sort((a, b) => a.concat![2] - b.concat![2]);
    state.messages.push({ to: part.to, text: group.map((p) => p.text).join(''), dataCoding: part.dataCoding, parts: total, messageIds: group.map((p) => p.messageId) });
  }

  async function listen(port: number): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    state.port = (server.address() as AddressInfo).port;
    state.url = `smpp://${systemId}:${password}@127.0.0.1:${state.port}`;
  }

  await listen(options.port ?? 0);
  return state;
}
