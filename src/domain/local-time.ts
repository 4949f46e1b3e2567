/**
 * Local wall-clock time in a destination's time zone, for staff who think in the time of the place
 * ("the curfew starts at 22:00 in Moscow"), converted to the UTC instants alerts are stored in.
 * Zones come from the IANA database built into Node's ICU (`Intl.Locale#getTimeZones`); the
 * table below only says which of a country's zones is its main one.
 */

/** The capital's zone of countries with more than one; the others have one zone, or none (UTC). */
const MAIN_ZONE: Record<string, string> = {
  AR: 'America/Argentina/Buenos_Aires', AU: 'Australia/Sydney', BR: 'America/Sao_Paulo', CA: 'America/Toronto', CD: 'Africa/Kinshasa',
  CL: 'America/Santiago', CN: 'Asia/Shanghai', CY: 'Asia/Nicosia', DE: 'Europe/Berlin', EC: 'America/Guayaquil', ES: 'Europe/Madrid',
  FM: 'Pacific/Pohnpei', GL: 'America/Nuuk', ID: 'Asia/Jakarta', KI: 'Pacific/Tarawa', KZ: 'Asia/Almaty', MH: 'Pacific/Majuro',
  MN: 'Asia/Ulaanbaatar', MX: 'America/Mexico_City', MY: 'Asia/Kuala_Lumpur', NZ: 'Pacific/Auckland', PF: 'Pacific/Tahiti',
  PG: 'Pacific/Port_Moresby', PS: 'Asia/Hebron', PT: 'Europe/Lisbon', RU: 'Europe/Moscow', UA: 'Europe/Kyiv', UM: 'Pacific/Wake',
  US: 'America/New_York', UZ: 'Asia/Tashkent', XK: 'Europe/Belgrade',
};

export const UTC = 'UTC';

/** The IANA zones in use in a country (ISO 3166-1 alpha-2), as ICU knows them; none for uninhabited places. */
export function zonesOf(code: string): string[] {
  try {
    const locale = new Intl.Locale(`und-${code.toUpperCase()}`) as Intl.Locale & { getTimeZones?: () => string[]; timeZones?: string[] };
    // getTimeZones() since V8 12 (Node 22); the older `timeZones` getter before it.
    return locale.getTimeZones?.() ?? locale.timeZones ?? [];
  } catch {
    return [];
  }
}

/** Whether ICU knows the zone ("Europe/Moscow", "UTC"); aliases such as "Europe/Kiev" count. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The zone a destination's local times are read in: its capital's, or UTC when it has none. */
export function mainZone(code: string): string {
  const zones = zonesOf(code);
  return MAIN_ZONE[code.toUpperCase()] ?? (zones.length === 1 ? zones[0]! : UTC);
}

const parts = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at an instant, in minutes east (Moscow: +180). */
export function offsetMinutes(instant: number, zone: string): number {
  let format = parts.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    parts.set(zone, format);
  }
  const field = Object.fromEntries(format.formatToParts(new Date(instant)).map((p) => [p.type, Number(p.value)]));
  const wall = Date.UTC(field.year!, field.month! - 1, field.day!, field.hour!, field.minute!, field.second!);
  return Math.round((wall - Math.floor(instant / 1000) * 1000) / 60_000);
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

export type LocalTimeResult = { ok: true; utc: Date; ambiguous: boolean } | { ok: false; reason: string };

/**
 * "2026-11-23T22:00" in `zone` → the UTC instant. A time the clocks skip (spring forward) is
 * refused, since no such moment exists there; a time they pass twice (fall back) is the first
 * of the two, and says so.
 */
export function utcFromLocal(local: string, zone: string): LocalTimeResult {
  const match = LOCAL.exec(local.trim());
  if (!match) return { ok: false, reason: 'must be a date and time, e.g. 2026-11-23T22:00' };
  const [y, mo, d, h, mi, s] = match.slice(1).map((n) => Number(n ?? 0)) as [number, number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(wall);
  if (mo < 1 || mo > 12 || h > 23 || mi > 59 || s > 59 || check.getUTCDate() !== d || check.getUTCMonth() !== mo - 1) {
    return { ok: false, reason: `${local.trim()} is not a date and time that exists` };
  }
  // The offset a day either side covers every transition; keep the candidates that read back as typed.
  const offsets = [...new Set([offsetMinutes(wall - 86_400_000, zone), offsetMinutes(wall + 86_400_000, zone)])];
  const instants = offsets.map((o) => wall - o * 60_000).filter((t) => offsetMinutes(t, zone) * 60_000 === wall - t).sort((a, b) => a - b);
  if (instants.length === 0) return { ok: false, reason: `${local.trim()} does not exist in ${zone}: the clocks skip it` };
  return { ok: true, utc: new Date(instants[0]!), ambiguous: new Set(instants).size > 1 };
}

/** A UTC instant as the zone's wall clock, in the form's "2026-11-23T22:00". */
export function localFromUtc(instant: Date, zone: string): string {
  const shifted = new Date(instant.getTime() + offsetMinutes(instant.getTime(), zone) * 60_000);
  return shifted.toISOString().slice(0, 16);
}

/** "UTC+3", "UTC−4:30", "UTC". */
export function offsetLabel(instant: Date, zone: string): string {
  const minutes = offsetMinutes(instant.getTime(), zone);
  if (minutes === 0) return 'UTC';
  const abs = Math.abs(minutes);
  return `UTC${minutes > 0 ? '+' : '−'}${Math.floor(abs / 60)}${abs % 60 ? `:${String(abs % 60).padStart(2, '0')}` : ''}`;
}
