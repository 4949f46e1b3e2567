import { formatDateIn, type DateFormat } from '../domain/date-formats.ts';
import { CSV_COLUMNS, type CsvColumn } from './csv-check.ts';

/**
 * The enrolment CSV a travel manager downloads from their organisation's page: the exact header the
 * importer asks for (src/enrolment/csv-check.ts CSV_COLUMNS) and one example row that would import,
 * its dates in the format chosen, a month and four months ahead. What each column takes is
 * `COLUMN_HELP`, shown on the page beside the download and in docs/enrolment.md.
 */

export const COLUMN_HELP: Record<CsvColumn, string> = {
  email: 'Required. The person\'s e-mail address; one row per trip, so the same address may appear on several rows.',
  name: 'Required. The person\'s name as you want it shown to you (at most 200 characters).',
  destination: 'Required. The country or territory: its name ("Russia", "Côte d\'Ivoire"), its ISO code (RU, RUS), or a well-known city ("St Petersburg").',
  region: 'Optional. A region or city within it: "St Petersburg", "Moscow", an ISO 3166-2 code (RU-SPE), or an area the advisory names.',
  start: 'Required. The first day of the trip, in the date format chosen when importing.',
  end: 'Optional. The last day of the trip, in the same format; leave it empty for someone residing abroad.',
  channels: 'Optional. "email" (the default), or "email;webhook:https://…" to add a webhook (only for people new to the service).',
};

/** "Alex Martin": a name, an address at example.org (RFC 2606), a city resolved by the gazetteer. */
const EXAMPLE: Omit<Record<CsvColumn, string>, 'start' | 'end'> = {
  email: 'alex.martin@example.org', name: 'Alex Martin', destination: 'Russia', region: 'St Petersburg', channels: 'email',
};

function daysAfter(day: string, days: number): string {
  const at = new Date(`${day}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

export function enrolmentTemplate(format: DateFormat, today: string): string {
  const row: Record<CsvColumn, string> = { ...EXAMPLE, start: formatDateIn(daysAfter(today, 30), format), end: formatDateIn(daysAfter(today, 120), format) };
  // CRLF, as RFC 4180 and spreadsheets write it; the importer reads either.
  return `${CSV_COLUMNS.join(',')}\r\n${CSV_COLUMNS.map((c) => row[c]).join(',')}\r\n`;
}
