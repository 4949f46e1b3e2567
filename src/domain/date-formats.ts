/**
 * The date formats an organisation's CSV may use (docs/enrolment.md, "Dates"). A spreadsheet
 * saved in Europe writes 03/04/2027 for the 3rd of April, one saved in the United States for the
 * 4th of March: the importer never guesses. The travel manager picks the format; a date that is
 * not a real calendar date written in that format is refused in words, never read another way.
 */

export const DATE_FORMATS = ['YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];
export const DEFAULT_DATE_FORMAT: DateFormat = 'YYYY-MM-DD';

export function isDateFormat(input: unknown): input is DateFormat {
  return typeof input === 'string' && (DATE_FORMATS as readonly string[]).includes(input);
}

/** The format chosen on a form or the command line; absent means the default, anything else is null (a 400). */
export function readDateFormat(input: unknown): DateFormat | null {
  if (input === undefined || input === null || input === '') return DEFAULT_DATE_FORMAT;
  const text = typeof input === 'string' ? input.trim().toUpperCase() : '';
  return isDateFormat(text) ? text : null;
}

// Day and month as one or two digits (spreadsheets drop the zero), a four-digit year: "3/4/27"
// would hide the century and is refused. The separator is the format's own.
const PATTERNS: Record<DateFormat, RegExp> = {
  'YYYY-MM-DD': /^(?<y>\d{4})-(?<m>\d{2})-(?<d>\d{2})$/,
  'DD/MM/YYYY': /^(?<d>\d{1,2})\/(?<m>\d{1,2})\/(?<y>\d{4})$/,
  'MM/DD/YYYY': /^(?<m>\d{1,2})\/(?<d>\d{1,2})\/(?<y>\d{4})$/,
};

/** The date as YYYY-MM-DD when `text` is a real calendar date (from 1900) written in `format`, otherwise null. */
export function parseDateIn(text: string, format: DateFormat): string | null {
  const groups = PATTERNS[format].exec(text.trim())?.groups;
  if (!groups) return null;
  const [year, month, day] = [Number(groups.y), Number(groups.m), Number(groups.d)];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${groups.y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A YYYY-MM-DD date written in `format` (the template's example row). */
export function formatDateIn(iso: string, format: DateFormat): string {
  const [y, m, d] = iso.split('-');
  return format === 'YYYY-MM-DD' ? iso : format === 'DD/MM/YYYY' ? `${d}/${m}/${y}` : `${m}/${d}/${y}`;
}
