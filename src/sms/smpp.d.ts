/**
 * Types for the part of the `smpp` package (v0.5.1, MIT, untyped) that Waypost uses: a session
 * (client or server side), PDUs, and the server. Field names are the SMPP specification's.
 */
declare module 'smpp' {
  import type { EventEmitter } from 'node:events';
  import type { Server as NetServer, Socket } from 'node:net';

  namespace smpp {
    /** A message body as the package decodes it: the user data header split off when present. */
    export interface DecodedMessage {
      udh?: Buffer[];
      message: string | Buffer;
    }

    export class PDU {
      constructor(command: string, options?: Record<string, unknown>);
      command: string;
      command_status: number;
      sequence_number: number;
      source_addr?: string;
      destination_addr?: string;
      esm_class?: number;
      data_coding?: number;
      registered_delivery?: number;
      message_id?: string;
      system_id?: string;
      password?: string;
      short_message?: DecodedMessage | Buffer | string;
      message_payload?: DecodedMessage | Buffer | string;
      receipted_message_id?: string;
      message_state?: number;
      isResponse(): boolean;
      response(options?: Record<string, unknown>): PDU;
    }

    export type PduCallback = (pdu: PDU) => void;
    type Shortcut = (options: Record<string, unknown>, responseCallback?: PduCallback, sendCallback?: PduCallback) => boolean;

    export class Session extends EventEmitter {
      socket: Socket;
      send(pdu: PDU, responseCallback?: PduCallback, sendCallback?: PduCallback): boolean;
      close(callback?: () => void): void;
      destroy(callback?: () => void): void;
      pause(): void;
      resume(): void;
      bind_transceiver: Shortcut;
      submit_sm: Shortcut;
      deliver_sm: Shortcut;
      enquire_link: Shortcut;
      unbind: Shortcut;
    }

    export class Server extends NetServer {
      sessions: Session[];
    }

    export interface ConnectOptions {
      url?: string;
      host?: string;
      port?: number;
      auto_enquire_link_period?: number;
      connectTimeout?: number;
    }

    export function connect(options: ConnectOptions | string, listener?: () => void): Session;
    export function createServer(listener: (session: Session) => void): Server;

    export const ESME_ROK: number;
    export const ESME_RBINDFAIL: number;
    export const ESME_RINVBNDSTS: number;
    export const ESME_RTHROTTLED: number;
    export const ESME_RINVDSTADR: number;
    export const ESME_RSYSERR: number;
    export const ESME_RMSGQFUL: number;
    export const ESM_CLASS: { MC_DELIVERY_RECEIPT: number; UDH_INDICATOR: number };
    export const ENCODING: { SMSC_DEFAULT: number; UCS2: number };
    export const REGISTERED_DELIVERY: { FINAL: number };
  }
  export = smpp;
}
