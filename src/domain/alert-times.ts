// Alert times: stored and compared as UTC text to the second; CAP writes them with an offset.

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;

/** "2026-11-23T10:00:00Z" (UTC, whole seconds): how alert times are stored and compared as text. */
export function utcSecond(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** Parses an RFC 3339 date-time with a zone; undefined for anything else (no zone, impossible dates). */
export function parseDateTime(text: string): Date | undefined {
  const match = RFC3339.exec(text.trim());
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match;
  if (Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59) return undefined;
  const date = new Date(text.trim());
  if (Number.isNaN(date.getTime())) return undefined;
  // "2026-02-30" rolls over to March in Date: refuse it rather than move the alert.
  const days = new Date(Date.UTC(Number(y), Number(mo), 0)).getUTCDate();
  if (Number(d) > days) return undefined;
  // Stored and compared as "YYYY-…Z" text: an offset must not carry the UTC year out of 4 digits.
  const year = date.getUTCFullYear();
  if (year < 1970 || year > 9999) return undefined;
  return date;
}

/** CAP's dateTime: "2026-11-23T10:00:00+00:00" (a zone offset, no fraction; "Z" is not allowed). */
export function capDateTime(stored: string): string {
  return `${stored.slice(0, 19)}+00:00`;
}
