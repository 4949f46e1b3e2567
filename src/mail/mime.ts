import { randomBytes } from 'node:crypto';
import { encodeWords } from 'nodemailer/lib/mime-funcs';
import { encode as qpEncode, wrap as qpWrap } from 'nodemailer/lib/qp';
import type { OutgoingMail } from './message.ts';

/**
 * Builds the RFC 5322 / MIME text of one message in a single pass: headers (non-ASCII as RFC 2047
 * encoded words), then text/plain or multipart/alternative (text and HTML), bodies in
 * quoted-printable. nodemailer's own composer builds a stream of MIME nodes per message; handed
 * this text as `raw` instead, the same pooled transport sends about twice as many messages a
 * second (docs/benchmarks.md). nodemailer still does the SMTP part, dot-stuffing included.
 */
export function rawMessage(mail: OutgoingMail, from: string, now: Date = new Date()): string {
  const lines = [
    `From: ${headerValue(from)}`,
    `To: ${headerValue(mail.to)}`,
    `Subject: ${headerValue(mail.subject)}`,
    `Date: ${now.toUTCString().replace(/GMT$/, '+0000')}`,
    `Message-ID: ${headerValue(mail.messageId)}`,
    'MIME-Version: 1.0',
    ...Object.entries(mail.headers ?? {}).map(([name, value]) => `${headerName(name)}: ${headerValue(value)}`),
  ];
  const text = body(mail.text);
  if (!mail.html) {
    lines.push('Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: quoted-printable');
    // No line break after the body: it would become part of the text (SMTP adds its own).
    return `${lines.join('\r\n')}\r\n\r\n${text}`;
  }
  const boundary = `----waypost-${randomBytes(12).toString('hex')}`;
  lines.push(`Content-Type: multipart/alternative; boundary="${boundary}"`);
  const part = (type: string, encoded: string) =>
    `--${boundary}\r\nContent-Type: ${type}; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n${encoded}\r\n`;
  return `${lines.join('\r\n')}\r\n\r\n${part('text/plain', text)}${part('text/html', body(mail.html))}--${boundary}--\r\n`;
}

/** The address part of "Name <address>" (or the whole text): the SMTP envelope sender. */
export function envelopeAddress(from: string): string {
  return /<([^<>\s]+)>\s*$/.exec(from)?.[1] ?? from.trim();
}

/**
 * `"Name" <address>` for a From header: the name quoted (or, beyond ASCII, an RFC 2047 encoded
 * word) so only the name is encoded and the address stays readable to every relay.
 */
export function mailbox(name: string, address: string): string {
  const flat = name.replace(/[\r\n"\\]+/g, ' ').trim();
  const shown = /^[\x20-\x7e]*$/.test(flat) ? `"${flat}"` : `=?UTF-8?B?${Buffer.from(flat, 'utf8').toString('base64')}?=`;
  return `${shown} <${address}>`;
}

/** Whether `rawMessage` can carry this mail (ASCII addresses: no SMTPUTF8 needed). */
export function rawCapable(mail: OutgoingMail, from: string): boolean {
  return /^[\x20-\x7e]*$/.test(mail.to) && /^[\x20-\x7e]*$/.test(envelopeAddress(from));
}

function headerName(name: string): string {
  if (!/^[!-9;-~]+$/.test(name)) throw new Error(`invalid header name "${name}"`);
  return name;
}

/** One header's value: no line breaks (no header injection), non-ASCII as encoded words. */
function headerValue(value: string): string {
  const flat = value.replace(/[\r\n]+/g, ' ');
  return /^[\x20-\x7e]*$/.test(flat) ? flat : encodeWords(flat, 'Q', 52);
}

/** Quoted-printable of UTF-8 text with CRLF line ends, soft-wrapped at 76 characters. */
function body(text: string): string {
  return qpWrap(qpEncode(Buffer.from(text.replace(/\r?\n/g, '\r\n'), 'utf8')), 76);
}
