import { DATE_FORMATS, DEFAULT_DATE_FORMAT, type DateFormat } from '../../domain/date-formats.ts';
import { CSV_COLUMNS, type CsvColumn, type CsvRecord, type RejectedRow } from '../../enrolment/csv-check.ts';
import type { CsvImportReport } from '../../enrolment/csv-import.ts';
import type { Translator } from '../../i18n/translator.ts';
import type { FormBody } from '../forms.ts';
import { html, type SafeHtml } from '../html.ts';
import { accountIdentity, csrfField } from './layout.ts';
import { reasonText } from './reasons.ts';

/**
 * The organisation page's enrolment forms: the CSV upload (with the template to download and the
 * date format to read it in), and the import report, whose refused rows come back as a form to
 * correct them on the page and send them again (POST …/fix: the same checks and write as a file,
 * src/enrolment/csv-import.ts importEnrolmentRows).
 */

/** Refused rows shown as editable; beyond this, the report lists them and the file is the place to fix them. */
export const EDITABLE_ROWS = 200;

/*
 * The page's words are the reader's (catalogue area accountOrganisations); the column names and the
 * format's value stay the file's own. COLUMN_HELP (src/enrolment/csv-template.ts) is the English
 * original of the column help, for the docs; the page shows the catalogue's.
 */
const label = (tr: Translator, c: CsvColumn) => tr.t(`accountOrganisations.label.${c}`);

function formatChoice(tr: Translator, id: string, chosen: DateFormat): SafeHtml {
  return html`<label for="${id}">${tr.t('accountOrganisations.import.datesWritten')}</label>
<select id="${id}" name="dateFormat">${DATE_FORMATS.map((f) => html`<option value="${f}"${f === chosen ? html` selected` : ''}>${tr.t(`accountOrganisations.format.${f}`)}</option>`)}</select>`;
}

export function importForm(tr: Translator, organisationId: number, csrf: string, chosen: DateFormat): SafeHtml {
  const authority = accountIdentity().authorityName;
  return html`<section class="card" aria-labelledby="import-title">
<h2 id="import-title">${tr.t('accountOrganisations.import.title')}</h2>
<p><a class="btn secondary" href="/account/organisations/template.csv" download>${tr.t('accountOrganisations.import.template')}</a> <span class="small">${tr.t('accountOrganisations.import.templateHint')} ${DATE_FORMATS.filter((f) => f !== DEFAULT_DATE_FORMAT).map((f, i) => html`${i ? ` ${tr.t('accountOrganisations.import.or')} ` : ''}<a href="/account/organisations/template.csv?dateFormat=${encodeURIComponent(f)}" download>${f}</a>`)}.</span></p>
<table class="stack columns"><caption class="small">${tr.t('accountOrganisations.import.columns')}</caption><thead><tr><th scope="col">${tr.t('accountOrganisations.import.column')}</th><th scope="col">${tr.t('accountOrganisations.import.takes')}</th></tr></thead><tbody>
${CSV_COLUMNS.map((c) => html`<tr><th scope="row"><code>${c}</code></th><td data-label="${tr.t('accountOrganisations.import.takes')}">${tr.t(`accountOrganisations.help.${c}`)}</td></tr>`)}
</tbody></table>
<p>${tr.t('accountOrganisations.import.who', { authority })}</p>
<form method="post" action="/account/organisations/${organisationId}/import" enctype="multipart/form-data">${csrfField(csrf)}
<div class="field"><label for="csv">${tr.t('accountOrganisations.import.file')}</label><input id="csv" name="file" type="file" accept=".csv,text/csv" required></div>
<div class="field">${formatChoice(tr, 'date-format', chosen)}<p class="small">${tr.t('accountOrganisations.import.strict')}</p></div>
<button type="submit">${tr.t('accountOrganisations.import.submit')}</button>
</form>
</section>`;
}

function fixRow(tr: Translator, row: RejectedRow, index: number): SafeHtml {
  const cell = (c: CsvColumn) => {
    const id = `fix-${index}-${c}`;
    const wrong = row.column === c;
    return html`<td data-label="${label(tr, c)}"><input id="${id}" name="${c}" value="${row.values[c]}" aria-label="${tr.t('accountOrganisations.report.cell', { line: row.line, column: label(tr, c) })}"${wrong ? html` aria-invalid="true" aria-describedby="fix-${index}-error"` : ''}>${wrong ? html`<p class="problem small" id="fix-${index}-error">${reasonText(tr, row.reason)}</p>` : ''}</td>`;
  };
  return html`<tr><th scope="row">${tr.t('accountOrganisations.report.rowLine', { line: row.line })}<input type="hidden" name="line" value="${row.line}">${row.column === null ? html`<p class="problem small">${reasonText(tr, row.reason)}</p>` : ''}</th>${CSV_COLUMNS.map(cell)}</tr>`;
}

export function importReport(tr: Translator, report: CsvImportReport, organisationId: number, csrf: string, dateFormat: DateFormat): SafeHtml {
  const editable = report.rejected.slice(0, EDITABLE_ROWS);
  const rest = report.rejected.slice(EDITABLE_ROWS, 500);
  const strong = (n: number) => html`<strong>${tr.number(n)}</strong>`;
  return html`<section class="card" aria-labelledby="report-title"><h2 id="report-title">${tr.t('accountOrganisations.report.title')}</h2>
<p>${tr.parts('accountOrganisations.report.counts', { done: strong(report.enrolledOrInvited), unchanged: strong(report.unchanged), rejected: strong(report.rejected.length), rows: report.rows })}</p>
${editable.length ? html`<h3 id="fix-title">${tr.t('accountOrganisations.report.fixTitle')}</h3>
<p class="small">${tr.t('accountOrganisations.report.fixHint')}</p>
<form method="post" action="/account/organisations/${organisationId}/fix" aria-labelledby="fix-title">${csrfField(csrf)}
<div class="table-scroll"><table class="stack rejected fix-rows"><thead><tr><th scope="col">${tr.t('accountOrganisations.report.row')}</th>${CSV_COLUMNS.map((c) => html`<th scope="col">${label(tr, c)}</th>`)}</tr></thead><tbody>
${editable.map((row, i) => fixRow(tr, row, i))}</tbody></table></div>
<div class="field">${formatChoice(tr, 'fix-date-format', dateFormat)}</div>
<button type="submit">${tr.t('accountOrganisations.report.fixSubmit')}</button></form>` : ''}
${rest.length ? html`<p class="small">${tr.t('accountOrganisations.report.more', { count: report.rejected.length - EDITABLE_ROWS })}</p><ul class="small">${rest.map((r) => html`<li>${tr.t('accountOrganisations.report.moreRow', { line: r.line, reason: reasonText(tr, r.reason) })}</li>`)}</ul>` : ''}
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
