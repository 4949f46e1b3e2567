// The message every sender builds and every transport sends. It has a file of its own so that
// mime.ts (which renders it) and transport.ts (which sends it) need not import each other.

/** One e-mail, ready to go. `messageId` is its idempotency key: a receiver can drop a copy with the same one. */
export interface OutgoingMail {
  to: string;
  from?: string;
  /** Shown as the sender's name with the transport's own address, when `from` is not given: the deployment's authority. */
  fromName?: string;
  subject: string;
  text: string;
  html?: string;
  /** Extra headers, e.g. List-Unsubscribe and List-Unsubscribe-Post (RFC 8058). */
  headers?: Record<string, string>;
  /** `<unique@host>`; generated when absent. */
  messageId: string;
}
