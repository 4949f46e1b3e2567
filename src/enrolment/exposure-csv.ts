import { stringify } from 'csv-stringify/sync';
import { cell } from '../crises/dashboard.ts';
import type { ExposureRow } from './organisations.ts';

/**
 * "Who is where" as CSV, for an organisation's admin (GET /account/organisations/{id}/who-is-where.csv):
 * the rows of its page, one per trip stop, its own people only. Names, addresses and places are
 * what people typed, so a cell a spreadsheet would run as a formula (= + - @, tab, carriage
 * return) gets a leading apostrophe (`cell`, as in the crisis and departure exports).
 */
export const WHO_IS_WHERE_COLUMNS = ['name', 'email', 'destination', 'destination_code', 'region', 'start', 'end', 'under_way', 'level', 'region_level', 'leave_now', 'alerts'] as const;

export function whoIsWhereCsv(rows: readonly ExposureRow[]): string {
  return stringify(
    rows.map((r) => [
      r.name, r.email, r.destination, r.destinationCode, r.region, r.start, r.end ?? 'residing', r.current ? 'yes' : 'no', r.level, r.regionLevel,
      r.departureUrged ? 'yes' : 'no', r.alerts.map((a) => `${a.severity}: ${a.headline}`).join('; '),
    ].map(cell)),
    { header: true, columns: [...WHO_IS_WHERE_COLUMNS], record_delimiter: 'windows' },
  );
}
