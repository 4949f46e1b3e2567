/**
 * How a text message travels (docs/notifications.md, "SMS"): in the GSM 03.38 alphabet when every
 * character is in it (7-bit septets: 160 in one message, 153 per part of a long one, since the
 * concatenation header takes the rest), otherwise in UCS-2 (70 characters, 67 per part). A part
 * never splits an escape sequence (GSM extension characters such as € take two septets) nor a
 * surrogate pair (an emoji is two UCS-2 units). Pure: the SMPP client encodes what this decides.
 */

export type SmsEncoding = 'gsm' | 'ucs2';

export interface SmsSplit {
  encoding: SmsEncoding;
  /** The text of each part, in order; joined, they are the text. One part: no concatenation. */
  parts: string[];
  /** Septets (GSM) or UTF-16 units (UCS-2) in all. */
  units: number;
}

/** The basic table of GSM 03.38 (the escape 0x1B left out: it is not a character). */
const GSM_BASIC = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** The extension table: each takes two septets (escape + code). */
const GSM_EXTENDED = '\f^{}\\[~]|€';

export const SMS_LIMITS = {
  gsm: { single: 160, part: 153 },
  ucs2: { single: 70, part: 67 },
} as const;

/** At most this many parts are sent (the concatenation header counts 255; operators cap far lower). */
export const MAX_SMS_PARTS = 10;

/** Looked up once per character of every message: a map, not a scan of the tables. */
const SEPTETS = new Map<string, 1 | 2>([...[...GSM_BASIC].map((ch) => [ch, 1] as const), ...[...GSM_EXTENDED].map((ch) => [ch, 2] as const)]);

/** Septets a character takes in GSM 03.38, or 0 when it is not in the alphabet. */
export function gsmSeptets(ch: string): 0 | 1 | 2 {
  return SEPTETS.get(ch) ?? 0;
}

export function smsEncoding(text: string): SmsEncoding {
  for (const ch of text) if (gsmSeptets(ch) === 0) return 'ucs2';
  return 'gsm';
}

/** The size of one character in its encoding's units, and the characters as sent (code points). */
function units(ch: string, encoding: SmsEncoding): number {
  return encoding === 'gsm' ? gsmSeptets(ch) : ch.length;
}

/** Splits a text into the parts of one message (see the file's comment for the sizes). */
export function splitSms(text: string): SmsSplit {
  const encoding = smsEncoding(text);
  const chars = [...text];
  const total = chars.reduce((n, ch) => n + units(ch, encoding), 0);
  const limits = SMS_LIMITS[encoding];
  if (total <= limits.single) return { encoding, parts: [text], units: total };
  const parts: string[] = [];
  let current = '';
  let size = 0;
  for (const ch of chars) {
    const n = units(ch, encoding);
    if (size + n > limits.part) {
      parts.push(current);
      current = '';
      size = 0;
    }
    current += ch;
    size += n;
  }
  if (current) parts.push(current);
  return { encoding, parts, units: total };
}

/**
 * The concatenation header of part `seq` (1-based) of `total` with 8-bit reference `ref`
 * (3GPP TS 23.040 §9.2.3.24.1: IEI 0x00, length 3).
 */
export function concatHeader(ref: number, total: number, seq: number): Uint8Array {
  return Uint8Array.of(0x05, 0x00, 0x03, ref & 0xff, total, seq);
}
