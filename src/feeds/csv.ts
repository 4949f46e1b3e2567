import { stringify } from 'csv-stringify/sync';
import { levelLabel } from '../domain/levels.ts';
import type { QuickFacts } from '../domain/mission-types.ts';
import type { AdvisoryRecord } from './geojson.ts';

/** The quick facts (src/domain/quick-facts.ts), one column each, after the advisory's own. */
const QUICK_FACT_COLUMNS: readonly (keyof QuickFacts)[] = ['passportValidity', 'blankPages', 'visa', 'vaccinations', 'currencyImport', 'currencyExport', 'bankCardsWork', 'bankCardsNote', 'emergencyNumbers', 'entryExitNotes'];

export const CSV_COLUMNS = ['code', 'iso3', 'name', 'level', 'levelLabel', 'indicators', 'departureUrged', 'updated', 'url', ...QUICK_FACT_COLUMNS];

/** "true"/"false" for whether bank cards work, '' when not said; text facts as written. */
function quickFactCells(record: AdvisoryRecord): string[] {
  const facts = record.quickFacts;
  return QUICK_FACT_COLUMNS.map((key) => {
    if (!facts) return '';
    if (key === 'bankCardsWork') return facts.bankCardsWork === null ? '' : String(facts.bankCardsWork);
    return String(facts[key]);
  });
}

/**
 * Every advised destination as one CSV row (RFC 4180, header first). Indicators are their letters
 * joined by spaces ("T D O"), departureUrged and bankCardsWork are "true"/"false", so a spreadsheet
 * filter works; quick facts not given are empty cells.
 */
export function advisoriesCsv(records: readonly AdvisoryRecord[]): string {
  return stringify(
    records.map((record) => [
      record.code, record.iso3, record.name, record.level, levelLabel(record.level), record.indicators.join(' '),
      String(record.departureUrged), record.updated, record.url, ...quickFactCells(record),
    ]),
    { header: true, columns: [...CSV_COLUMNS], record_delimiter: 'windows' },
  );
}
