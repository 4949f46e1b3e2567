import { DATE_FORMATS, DEFAULT_DATE_FORMAT, type DateFormat } from '../../domain/date-formats.ts';
import { COLUMN_LABELS, CSV_COLUMNS, type CsvColumn, type CsvRecord, type RejectedRow } from '../../enrolment/csv-check.ts';
import type { CsvImportReport } from '../../enrolment/csv-import.ts';
import { COLUMN_HELP } from '../../enrolment/csv-template.ts';
import type { FormBody } from '../forms.ts';
import { html, type SafeHtml } from '../html.ts';
import { accountIdentity, csrfField } from './layout.ts';

/**
 * The organisation page's enrolment forms: the CSV upload (with the template to download and the
 * date format to read it in), and the import report, whose refused rows come back as a form to
 * correct them on the page and send them again (POST …/fix: the same checks and write as a file,
 * src/enrolment/csv-import.ts importEnrolmentRows).
 */

/** Refused rows shown as editable; beyond this, the report lists them and the file is the place to fix them. */
export const EDITABLE_ROWS = 200;

const FORMAT_HINT: Record<DateFormat, string> = {
  'YYYY-MM-DD': 'YYYY-MM-DD (2027-04-03)',
  'DD/MM/YYYY': 'DD/MM/YYYY (03/04/2027 is 3 April)',
  'MM/DD/YYYY': 'MM/DD/YYYY (04/03/2027 is 3 April)',
};

function formatChoice(id: string, chosen: DateFormat): SafeHtml {
  return html`<label for="${id}">Dates in the file are written</label>
<select id="${id}" name="dateFormat">${DATE_FORMATS.map((f) => html`<option value="${f}"${f === chosen ? html` selected` : ''}>${FORMAT_HINT[f]}</option>`)}</select>`;
}

export function importForm(organisationId: number, csrf: string, chosen: DateFormat): SafeHtml {
  const authority = accountIdentity().authorityName;
  return html`<section class="card" aria-labelledby="import-title">
<h2 id="import-title">Enrol a group from CSV</h2>
<p><a class="btn secondary" href="/account/organisations/template.csv" download>Download the CSV template</a> <span class="small">One header row and one example row; keep the header as it is. With dates written ${DATE_FORMATS.filter((f) => f !== DEFAULT_DATE_FORMAT).map((f, i) => html`${i ? ' or ' : ''}<a href="/account/organisations/template.csv?dateFormat=${encodeURIComponent(f)}" download>${f}</a>`)}.</span></p>
<table class="stack columns"><caption class="small">Columns, in any order</caption><thead><tr><th scope="col">Column</th><th scope="col">What it takes</th></tr></thead><tbody>
${CSV_COLUMNS.map((c) => html`<tr><th scope="row"><code>${c}</code></th><td data-label="What it takes">${COLUMN_HELP[c]}</td></tr>`)}
</tbody></table>
<p>People new to ${authority} travel advisories get an account and a welcome e-mail with a one-click unsubscribe; people who have an account get an invitation, and their trips are added only if they accept. Importing the same file again changes nothing.</p>
<form method="post" action="/account/organisations/${organisationId}/import" enctype="multipart/form-data">${csrfField(csrf)}
<div class="field"><label for="csv">CSV file</label><input id="csv" name="file" type="file" accept=".csv,text/csv" required></div>
<div class="field">${formatChoice('date-format', chosen)}<p class="small">A date that is not a real date in this format is refused, never read another way.</p></div>
<button type="submit">Import</button>
</form>
</section>`;
}

function fixRow(row: RejectedRow, index: number): SafeHtml {
  const cell = (c: CsvColumn) => {
    const id = `fix-${index}-${c}`;
    const wrong = row.column === c;
    return html`<td data-label="${COLUMN_LABELS[c]}"><input id="${id}" name="${c}" value="${row.values[c]}" aria-label="Row ${row.line}, ${COLUMN_LABELS[c]}"${wrong ? html` aria-invalid="true" aria-describedby="fix-${index}-error"` : ''}>${wrong ? html`<p class="problem small" id="fix-${index}-error">${row.reason}</p>` : ''}</td>`;
  };
  return html`<tr><th scope="row">Row ${row.line}<input type="hidden" name="line" value="${row.line}">${row.column === null ? html`<p class="problem small">${row.reason}</p>` : ''}</th>${CSV_COLUMNS.map(cell)}</tr>`;
}

export function importReport(report: CsvImportReport, organisationId: number, csrf: string, dateFormat: DateFormat): SafeHtml {
  const editable = report.rejected.slice(0, EDITABLE_ROWS);
  const rest = report.rejected.slice(EDITABLE_ROWS, 500);
  return html`<section class="card" aria-labelledby="report-title"><h2 id="report-title">Import report</h2>
<p><strong>${report.enrolledOrInvited}</strong> enrolled or invited · <strong>${report.unchanged}</strong> unchanged · <strong>${report.rejected.length}</strong> rejected (of ${report.rows} rows).</p>
${editable.length ? html`<h3 id="fix-title">Rows not imported: correct them here</h3>
<p class="small">Each row as it was typed, with the reason beside the value at fault. Correct them and import them again; empty a row entirely to leave it out. The same checks apply as to the file.</p>
<form method="post" action="/account/organisations/${organisationId}/fix" aria-labelledby="fix-title">${csrfField(csrf)}
<div class="table-scroll"><table class="stack rejected fix-rows"><thead><tr><th scope="col">Row</th>${CSV_COLUMNS.map((c) => html`<th scope="col">${COLUMN_LABELS[c]}</th>`)}</tr></thead><tbody>
${editable.map(fixRow)}</tbody></table></div>
<div class="field">${formatChoice('fix-date-format', dateFormat)}</div>
<button type="submit">Import the corrected rows</button></form>` : ''}
${rest.length ? html`<p class="small">${report.rejected.length - EDITABLE_ROWS} more rows were refused; correct them in the file and import it again (rows already imported stay unchanged):</p><ul class="small">${rest.map((r) => html`<li>Row ${r.line}, ${r.reason}</li>`)}</ul>` : ''}
</section>`;
}

/** A field's values; null when any is not text (a JSON client's number, a file): the form is then refused whole. */
function list(value: unknown): string[] | null {
  const items: unknown[] = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return items.every((v) => typeof v === 'string') ? (items as string[]) : null;
}

/**
 * The correction form's rows, by position (a browser sends every field of every row, empty ones
 * included). A row left wholly empty is left out; more rows than the form offers is a 400.
 */
export function recordsFromForm(body: FormBody): CsvRecord[] | null {
  const lines = list(body.line);
  const columns = Object.fromEntries(CSV_COLUMNS.map((c) => [c, list(body[c])])) as Record<CsvColumn, string[] | null>;
  if (!lines || lines.length === 0 || lines.length > EDITABLE_ROWS || CSV_COLUMNS.some((c) => columns[c]?.length !== lines.length)) return null;
  const records: CsvRecord[] = [];
  for (const [i, text] of lines.entries()) {
    const line = Number(text);
    if (!Number.isInteger(line) || line < 2) return null;
    const values = Object.fromEntries(CSV_COLUMNS.map((c) => [c, columns[c]![i]!.slice(0, 1000)])) as Record<CsvColumn, string>;
    if (CSV_COLUMNS.every((c) => values[c].trim() === '')) continue;
    records.push({ line, values });
  }
  return records;
}
