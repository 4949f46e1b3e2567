import { stringify } from 'csv-stringify/sync';
import { levelLabel } from '../domain/levels.ts';
import type { AdvisoryRecord } from './geojson.ts';

export const CSV_COLUMNS = ['code', 'iso3', 'name', 'level', 'levelLabel', 'indicators', 'departureUrged', 'updated', 'url'] as const;

/**
 * Every advised destination as one CSV row (RFC 4180, header first). Indicators are their letters
 * joined by spaces ("T D O"), departureUrged is "true"/"false", so a spreadsheet filter works.
 */
export function advisoriesCsv(records: readonly AdvisoryRecord[]): string {
  return stringify(
    records.map((record) => [
      record.code, record.iso3, record.name, record.level, levelLabel(record.level), record.indicators.join(' '),
      String(record.departureUrged), record.updated, record.url,
    ]),
    { header: true, columns: [...CSV_COLUMNS], record_delimiter: 'windows' },
  );
}
