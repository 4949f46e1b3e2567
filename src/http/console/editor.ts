import type { FastifyInstance } from 'fastify';
import type { AdvisoryContent } from '../../domain/advisory.ts';
import { sideBySide, type SideBySideRow } from '../../domain/diff.ts';
import { INDICATOR_NAMES, INDICATORS } from '../../domain/indicators.ts';
import { LEVEL_LABELS, LEVELS } from '../../domain/levels.ts';
import { pickContent, type DraftFields } from '../../domain/draft-fields.ts';
import { EditorialError } from '../../publishing/context.ts';
import { draftFields, findDraft, type Draft } from '../../publishing/draft-record.ts';
import { mergePatch, updateDraft } from '../../publishing/drafts.ts';
import { userLabels } from '../../staff/users.ts';
import { formOf } from '../forms.ts';
import { html, type SafeHtml } from '../html.ts';
import { page, redirect } from '../replies.ts';
import { draftHead, draftView, loadDraft, mayEdit } from './draft-page.ts';
import { comparableFromModel, modelFromDraft, modelFromForm, patchFromModel, readOp, riskIndicators, type EditorModel } from './form.ts';
import { consolePage, csrfField, errorSummary, fieldErrors, hasError, notice, statusBadge, when, type FieldMessage, type Viewer, frameOf } from './layout.ts';
import { errorsOf, noticeOf, staffOf, viewerOf, type ConsoleScope } from './scope.ts';
import { missionsCard, quickFactsCard } from './missions-editor.ts';
import { translationsCard } from './translations-editor.ts';
import { advisoryPreview, diffLegend, sideBySideView } from './views.ts';

/**
 * The draft editor: one plain HTML form (form.ts reads it back) with a preview, and a conflict
 * page when someone saved the draft meanwhile that keeps everything typed.
 */

export async function editorRoutes(app: FastifyInstance, scope: ConsoleScope): Promise<void> {
  const { store, ctx, guards: { edit } } = scope;
  app.get('/console/drafts/:id/edit', { preValidation: edit, schema: { hide: true } }, async (request, reply) => {
    const draft = await loadDraft(scope, request, reply);
    if (!draft) return reply;
    if (!(await mayEdit(scope, request, draft))) return redirect(reply, `/console/drafts/${draft.id}`);
    return page(reply, editorPage(viewerOf(request), { draft, model: modelFromDraft(draft), errors: [], notice: noticeOf(request) }));
  });

  app.post('/console/drafts/:id', { preValidation: edit, schema: { hide: true } }, async (request, reply) => {
    const draft = await loadDraft(scope, request, reply);
    if (!draft) return reply;
    const body = formOf(request);
    const op = readOp(body);
    const model = modelFromForm(body, op);
    const viewer = viewerOf(request);
    if (op.kind === 'preview') {
      try {
        const fields: DraftFields = mergePatch(ctx, draft.code, draftFields(draft), patchFromModel(model));
        return page(reply, editorPage(viewer, { draft, model, errors: [], preview: pickContent(fields) }));
      } catch (error) {
        if (!(error instanceof EditorialError)) throw error;
        return page(reply, editorPage(viewer, { draft, model, errors: errorsOf(error) }), 400);
      }
    }
    try {
      const saved = await updateDraft(ctx, staffOf(request).actor, draft.id, model.version, patchFromModel(model));
      return redirect(reply, `/console/drafts/${saved.id}/edit?done=saved${op.kind === 'move' ? '#sections' : ''}`);
    } catch (error) {
      if (!(error instanceof EditorialError)) throw error;
      if (error.status === 412) {
        // Someone saved meanwhile: show both versions, keep everything typed, and let them save over it knowingly.
        const latest = (await findDraft(ctx, draft.id))!;
        if (!(await mayEdit(scope, request, latest))) {
          return page(reply, await draftView(scope, request, latest, { errors: [{ field: '', message: 'This draft changed state while you were editing (it is no longer editable). Your text is not saved: copy it before leaving this page.' }] }), 409);
        }
        const labels = await userLabels(store.db, [latest.updatedBy]);
        const rows = sideBySide({ ...draftFields(latest) }, comparableFromModel(model));
        return page(reply, editorPage(viewer, {
          draft: latest, model: { ...model, version: latest.version }, errors: [],
          conflict: { rows, savedBy: labels.get(latest.updatedBy) ?? 'Someone' },
        }), 409);
      }
      if (error.status === 400) return page(reply, editorPage(viewer, { draft, model, errors: errorsOf(error) }), 400);
      return page(reply, await draftView(scope, request, draft, { errors: [{ field: '', message: error.message }] }), error.status);
    }
  });
}

interface EditorView {
  draft: Draft;
  model: EditorModel;
  errors: readonly FieldMessage[];
  /** The heading of the error summary (default: nothing was saved). */
  summary?: string;
  preview?: AdvisoryContent | null;
  notice?: string;
  /** Set on the conflict page: what someone else saved meanwhile. */
  conflict?: { rows: readonly SideBySideRow[]; savedBy: string };
}

function id(field: string): string {
  return `f-${field.replace(/\./g, '-')}`;
}

function textField(errors: readonly FieldMessage[], field: string, label: string, value: string, options: { hint?: string; type?: string; name?: string; rows?: number; markdown?: boolean } = {}): SafeHtml {
  const name = options.name ?? field;
  const control = options.rows
    ? html`<textarea id="${id(field)}" name="${name}" rows="${options.rows}"${options.markdown ? html` class="md"` : ''}>${value}</textarea>`
    : html`<input id="${id(field)}" name="${name}" type="${options.type ?? 'text'}" value="${value}">`;
  return html`<div class="field${hasError(errors, field) ? ' has-error' : ''}"><label for="${id(field)}">${label}</label>${options.hint ? html`<p class="hint">${options.hint}</p>` : ''}${fieldErrors(errors, field)}${control}</div>`;
}

function levelSelect(name: string, fieldId: string, value: string): SafeHtml {
  return html`<select id="${fieldId}" name="${name}">${LEVELS.map((level) => html`<option value="${level}"${String(level) === value ? html` selected` : ''}>Level ${level}: ${LEVEL_LABELS[level]}</option>`)}
${value && !LEVELS.map(String).includes(value) ? html`<option value="${value}" selected>${value}</option>` : ''}</select>`;
}

function indicatorChecks(name: string, prefix: string, chosen: readonly string[]): SafeHtml {
  return html`<div class="checks">${INDICATORS.map((code) => html`<label><input type="checkbox" name="${name}" value="${code}" id="${prefix}-${code}"${chosen.includes(code) ? html` checked` : ''}> <span>${INDICATOR_NAMES[code]}<span class="code">${code}</span></span></label>`)}</div>`;
}

export function editorPage(viewer: Viewer, view: EditorView): string {
  const { draft, model, errors } = view;
  const riskOf = riskIndicators(model);
  const riskErrors = (indicator: string) => errors.filter((e) => /^risks\.\d+/.test(e.field) && riskOf[Number(e.field.split('.')[1])] === indicator);
  const sectionErrors = (i: number) => errors.filter((e) => e.field.startsWith(`sections.${i}.`) || e.field === `sections.${i}`);
  const regionErrors = (i: number) => errors.filter((e) => e.field.startsWith(`regions.${i}.`) || e.field === `regions.${i}`);
  const sections = [...model.sections, { slug: '', title: '', body: '' }];
  const regions = [...model.regions, { name: '', code: '', level: model.level || '1', indicators: [], summary: '' }];
  const title = view.conflict ? `${draft.name}: draft ${draft.id} changed while you edited` : `Edit ${draft.name}: draft ${draft.id}`;

  const form = html`<form method="post" action="/console/drafts/${draft.id}" id="editor" novalidate>
<button type="submit" name="op" value="save" class="visually-hidden" tabindex="-1" aria-hidden="true">Save</button>
${csrfField(viewer.csrf)}
<input type="hidden" name="version" value="${model.version}">
<input type="hidden" name="sections_count" value="${sections.length}">
<input type="hidden" name="regions_count" value="${regions.length}">

<section class="card"><h2>Level and risks</h2>
<div class="row top-aligned">
<div class="field${hasError(errors, 'level') ? ' has-error' : ''}"><label for="f-level">Level</label>${fieldErrors(errors, 'level')}${levelSelect('level', 'f-level', model.level)}</div>
<div class="field${hasError(errors, 'departureUrged') ? ' has-error' : ''}"><span class="label">Departure</span>${fieldErrors(errors, 'departureUrged')}<label class="check" for="f-departureUrged"><input type="checkbox" id="f-departureUrged" name="departureUrged" value="yes"${model.departureUrged ? html` checked` : ''}> Urge citizens there to leave now</label></div>
<div class="field${hasError(errors, 'nextReviewDue') ? ' has-error' : ''}"><label for="f-nextReviewDue">Next review</label>${fieldErrors(errors, 'nextReviewDue')}<input id="f-nextReviewDue" name="nextReviewDue" type="date" value="${model.nextReviewDue}"><p class="hint">Empty: 6 months (Levels 3–4) or a year after publication.</p></div>
</div>
<fieldset class="field${hasError(errors, 'indicators') ? ' has-error' : ''}" id="f-indicators"><legend>Risk indicators</legend>${fieldErrors(errors, 'indicators')}${indicatorChecks('indicators', 'f-indicators', model.indicators)}</fieldset>
<fieldset><legend>The risks in the advisory's words</legend><p class="hint">One risk per line, next to its indicator; tick the indicator too.</p>
${INDICATORS.map((code) => {
    const mine = riskErrors(code);
    return html`<div class="risk-row${mine.length ? ' has-error' : ''}"><label for="f-risk-${code}">${INDICATOR_NAMES[code]}</label><div>${mine.map((e) => html`<p class="error" id="${id(e.field)}">${e.message}</p>`)}<textarea id="f-risk-${code}" name="risk_${code}" rows="${(model.risks[code] ?? '').split('\n').length > 1 ? 3 : 1}">${model.risks[code] ?? ''}</textarea></div></div>`;
  })}
</fieldset>
</section>

<section class="card"><h2>Summary</h2>
${textField(errors, 'summary', 'Summary', model.summary, { rows: 12, markdown: true, hint: 'Markdown: **bold**, lists with "- ", links as [text](https://…). Shown at the top of the advisory.' })}
</section>

<section class="card"><h2>Sections</h2><p class="hint">In the order of their positions. Change a position number, or use ↑ ↓ (both save the draft). Fill in the empty block at the end to add a section.</p>
${sections.map((section, i) => {
    const isNew = i === sections.length - 1;
    const mine = sectionErrors(i);
    return html`<div class="block${isNew ? ' new' : ''}${mine.length ? ' has-error' : ''}" id="${id(`sections.${i}`)}">
<div class="block-head">
<label for="s${i}_pos" class="visually-hidden">Position</label><input class="pos" type="number" id="s${i}_pos" name="s${i}_pos" value="${i + 1}" min="1">
<span class="title">${isNew ? 'New section' : section.title || 'Untitled section'}</span>
${isNew ? '' : html`<button class="icon" type="submit" name="op" value="up:${i}" aria-label="Move ${section.title} up"${i === 0 ? html` disabled` : ''}>↑</button><button class="icon" type="submit" name="op" value="down:${i}" aria-label="Move ${section.title} down"${i === sections.length - 2 ? html` disabled` : ''}>↓</button>
<label class="check small"><input type="checkbox" name="s${i}_remove" value="1"> Remove</label>`}
</div>
<input type="hidden" name="s${i}_slug" value="${section.slug}">
${mine.filter((e) => !e.field.endsWith('.title') && !e.field.endsWith('.body')).map((e) => html`<p class="error">${e.message}</p>`)}
${textField(errors, `sections.${i}.title`, 'Heading', section.title, { name: `s${i}_title` })}
${textField(errors, `sections.${i}.body`, 'Text (Markdown)', section.body, { name: `s${i}_body`, rows: isNew ? 4 : 7, markdown: true })}
${section.slug ? html`<p class="hint">Anchor: <span class="mono">#${section.slug}</span></p>` : ''}
</div>`;
  })}
</section>

<section class="card"><h2>Regional advice</h2><p class="hint">Parts of ${draft.name} with their own level. Code: the ISO 3166-2 subdivision code where one exists (e.g. ${draft.code}-…); leave it empty for a named area. Fill in the empty block to add a region.</p>
${regions.map((region, i) => {
    const isNew = i === regions.length - 1;
    const mine = regionErrors(i);
    return html`<div class="block${isNew ? ' new' : ''}${mine.length ? ' has-error' : ''}" id="${id(`regions.${i}`)}">
<div class="block-head"><span class="title">${isNew ? 'New region' : region.name || 'Unnamed region'}</span>${isNew ? '' : html`<label class="check small"><input type="checkbox" name="r${i}_remove" value="1"> Remove</label>`}</div>
<div class="row">
${textField(errors, `regions.${i}.name`, 'Name', region.name, { name: `r${i}_name` })}
${textField(errors, `regions.${i}.code`, 'ISO 3166-2 code', region.code, { name: `r${i}_code` })}
<div class="field${hasError(errors, `regions.${i}.level`) ? ' has-error' : ''}"><label for="${id(`regions.${i}.level`)}">Level</label>${fieldErrors(errors, `regions.${i}.level`)}${levelSelect(`r${i}_level`, id(`regions.${i}.level`), region.level)}</div>
</div>
<fieldset class="field${hasError(errors, `regions.${i}.indicators`) ? ' has-error' : ''}" id="${id(`regions.${i}.indicators`)}"><legend>Risk indicators</legend>${fieldErrors(errors, `regions.${i}.indicators`)}${indicatorChecks(`r${i}_ind`, `r${i}-ind`, region.indicators)}</fieldset>
${textField(errors, `regions.${i}.summary`, 'Advice (Markdown)', region.summary, { name: `r${i}_summary`, rows: 3, markdown: true })}
</div>`;
  })}
</section>

${missionsCard(errors, draft.name, model.missions)}
${quickFactsCard(errors, model.quickFacts)}
${translationsCard(errors, model.sections, model.translations)}

<section class="card"><h2>Change</h2>
<fieldset class="field${hasError(errors, 'changeType') ? ' has-error' : ''}" id="f-changeType"><legend>What kind of change is this?</legend>${fieldErrors(errors, 'changeType')}
${draft.mandatoryChanges.length ? html`<p class="hint" id="must-be-major">Major whatever you choose, because travellers are always told of this: ${draft.mandatoryChanges.map((c) => c.message).join('; ')} (as saved, against the published revision).</p>` : ''}
<div class="radios">
<label><input type="radio" name="changeType" value="major"${model.changeType === 'major' ? html` checked` : ''}> <span><strong>Major</strong>: subscribers are told; published with today's date and the change note below.</span></label>
<label><input type="radio" name="changeType" value="minor"${model.changeType === 'minor' ? html` checked` : ''}> <span><strong>Minor</strong> (typo, wording): nobody is told; the published date and the public change note stay as they are.</span></label>
</div></fieldset>
${textField(errors, 'changeNote', 'Change note', model.changeNote, { rows: 2, hint: 'Public for a major change: one sentence on what changed (required). For a minor change, an internal note for the audit log.' })}
</section>
</form>`;

  const side = html`<div class="side">
<section class="card stack"><h2>Draft ${draft.id}</h2>
<p class="small">${statusBadge(draft.status)} version ${model.version}${view.conflict ? '' : html` · saved ${when(draft.updatedAt)}`}</p>
<button type="submit" form="editor" name="op" value="save">${view.conflict ? 'Save my version' : 'Save draft'}</button>
<button type="submit" form="editor" name="op" value="preview" class="secondary">Preview without saving</button>
<a class="button secondary" href="/console/drafts/${draft.id}/diff">Changes against published</a>
<a class="button secondary" href="/console/drafts/${draft.id}">Back to overview</a>
</section>
</div>`;

  return consolePage({
    title,
    ...frameOf(viewer),
    nav: 'destinations',
    main: html`${draftHead(draft, 'edit', true)}
${notice(view.notice)}
${view.conflict ? html`<div class="problem" role="alert"><h2>${view.conflict.savedBy} saved this draft while you were editing it.</h2>
<p>Your changes are <strong>not saved yet</strong>, and nothing you typed is lost: it is all in the form below. Compare the two versions, bring over anything of theirs you want to keep, then choose “Save my version”.</p></div>
<section class="card"><div class="card-head"><h2>Their saved version and yours</h2>${diffLegend()}</div>${sideBySideView(view.conflict.rows, { before: `Saved by ${view.conflict.savedBy} · version ${draft.version}`, after: 'Yours · not saved' })}</section>` : ''}
${errorSummary(errors, view.summary)}
${view.preview ? html`<section class="card"><div class="card-head"><h2>Preview (not saved)</h2><a href="#editor">Back to the form</a></div>${advisoryPreview(draft.name, view.preview)}</section>` : ''}
<div class="with-side"><div>${form}</div>${side}</div>`,
  });
}
