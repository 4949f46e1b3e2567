import type { FastifyInstance } from 'fastify';
import type { AdvisoryContent } from '../../domain/advisory.ts';
import { sideBySide, type SideBySideRow } from '../../domain/diff.ts';
import { INDICATORS } from '../../domain/indicators.ts';
import { LEVELS } from '../../domain/levels.ts';
import { pickContent, type DraftFields } from '../../domain/draft-fields.ts';
import { EditorialError } from '../../publishing/context.ts';
import { draftFields, findDraft, type Draft } from '../../publishing/draft-record.ts';
import { mergePatch, updateDraft } from '../../publishing/drafts.ts';
import { userLabels } from '../../staff/users.ts';
import { formOf } from '../forms.ts';
import type { Translator } from '../../i18n/translator.ts';
import { html, type SafeHtml } from '../html.ts';
import { message } from '../html-messages.ts';
import { changeText, refusalsIn } from './editorial-refusals.ts';
import { page, redirect } from '../replies.ts';
import { draftHead, draftView, loadDraft, mayEdit } from './draft-page.ts';
import { comparableFromModel, modelFromDraft, modelFromForm, patchFromModel, readOp, riskIndicators, type EditorModel } from './form.ts';
import { consoleLevelLabel, consolePage, csrfField, errorSummary, fieldErrors, hasError, notice, statusBadge, when, type FieldMessage, type Viewer, frameOf, placeName } from './layout.ts';
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
          return page(reply, await draftView(scope, request, latest, { errors: [{ field: '', message: viewer.tr.t('consoleDrafts.noLongerEditable') }] }), 409);
        }
        const labels = await userLabels(store.db, [latest.updatedBy]);
        const rows = sideBySide({ ...draftFields(latest) }, comparableFromModel(model));
        return page(reply, editorPage(viewer, {
          draft: latest, model: { ...model, version: latest.version }, errors: [],
          conflict: { rows, savedBy: labels.get(latest.updatedBy) ?? viewer.tr.t('consoleDrafts.someone') },
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

function levelSelect(tr: Translator, name: string, fieldId: string, value: string): SafeHtml {
  return html`<select id="${fieldId}" name="${name}">${LEVELS.map((level) => html`<option value="${level}"${String(level) === value ? html` selected` : ''}>${tr.t('console.levelLong', { level, label: consoleLevelLabel(tr, level) })}</option>`)}
${value && !LEVELS.map(String).includes(value) ? html`<option value="${value}" selected>${value}</option>` : ''}</select>`;
}

function indicatorChecks(tr: Translator, name: string, prefix: string, chosen: readonly string[]): SafeHtml {
  return html`<div class="checks">${INDICATORS.map((code) => html`<label><input type="checkbox" name="${name}" value="${code}" id="${prefix}-${code}"${chosen.includes(code) ? html` checked` : ''}> <span>${tr.t(`site.indicator.${code}`)}<span class="code">${code}</span></span></label>`)}</div>`;
}

/** The level, departure, review date, indicators and risk texts. */
function levelCard(tr: Translator, model: EditorModel, errors: readonly FieldMessage[]): SafeHtml {
  const riskOf = riskIndicators(model);
  const riskErrors = (indicator: string) => errors.filter((e) => /^risks\.\d+/.test(e.field) && riskOf[Number(e.field.split('.')[1])] === indicator);
  return html`<section class="card"><h2>${tr.t('consoleDrafts.edit.levelAndRisks')}</h2>
<div class="row top-aligned">
<div class="field${hasError(errors, 'level') ? ' has-error' : ''}"><label for="f-level">${tr.t('consoleDrafts.edit.level')}</label>${fieldErrors(errors, 'level')}${levelSelect(tr, 'level', 'f-level', model.level)}</div>
<div class="field${hasError(errors, 'departureUrged') ? ' has-error' : ''}"><span class="label">${tr.t('consoleDrafts.edit.departure')}</span>${fieldErrors(errors, 'departureUrged')}<label class="check" for="f-departureUrged"><input type="checkbox" id="f-departureUrged" name="departureUrged" value="yes"${model.departureUrged ? html` checked` : ''}> ${tr.t('consoleDrafts.edit.urge')}</label></div>
<div class="field${hasError(errors, 'nextReviewDue') ? ' has-error' : ''}"><label for="f-nextReviewDue">${tr.t('consoleDrafts.edit.nextReview')}</label>${fieldErrors(errors, 'nextReviewDue')}<input id="f-nextReviewDue" name="nextReviewDue" type="date" value="${model.nextReviewDue}"><p class="hint">${tr.t('consoleDrafts.edit.nextReviewHint')}</p></div>
</div>
<fieldset class="field${hasError(errors, 'indicators') ? ' has-error' : ''}" id="f-indicators"><legend>${tr.t('consoleDrafts.edit.indicators')}</legend>${fieldErrors(errors, 'indicators')}${indicatorChecks(tr, 'indicators', 'f-indicators', model.indicators)}</fieldset>
<fieldset><legend>${tr.t('consoleDrafts.edit.risks')}</legend><p class="hint">${tr.t('consoleDrafts.edit.risksHint')}</p>
${INDICATORS.map((code) => {
    const mine = riskErrors(code);
    return html`<div class="risk-row${mine.length ? ' has-error' : ''}"><label for="f-risk-${code}">${tr.t(`site.indicator.${code}`)}</label><div>${mine.map((e) => html`<p class="error" id="${id(e.field)}">${e.message}</p>`)}<textarea id="f-risk-${code}" name="risk_${code}" rows="${(model.risks[code] ?? '').split('\n').length > 1 ? 3 : 1}">${model.risks[code] ?? ''}</textarea></div></div>`;
  })}
</fieldset>
</section>`;
}

/** The sections, each with its position, ↑ ↓ and remove, and an empty one at the end to add. */
function sectionsCard(tr: Translator, model: EditorModel, errors: readonly FieldMessage[]): SafeHtml {
  const sectionErrors = (i: number) => errors.filter((e) => e.field.startsWith(`sections.${i}.`) || e.field === `sections.${i}`);
  const sections = [...model.sections, { slug: '', title: '', body: '' }];
  return html`<section class="card"><h2>${tr.t('consoleDrafts.edit.sections')}</h2><p class="hint">${tr.t('consoleDrafts.edit.sectionsHint')}</p>
${sections.map((section, i) => {
    const isNew = i === sections.length - 1;
    const mine = sectionErrors(i);
    return html`<div class="block${isNew ? ' new' : ''}${mine.length ? ' has-error' : ''}" id="${id(`sections.${i}`)}">
<div class="block-head">
<label for="s${i}_pos" class="visually-hidden">${tr.t('consoleDrafts.edit.position')}</label><input class="pos" type="number" id="s${i}_pos" name="s${i}_pos" value="${i + 1}" min="1">
<span class="title">${isNew ? tr.t('consoleDrafts.edit.newSection') : section.title || tr.t('consoleDrafts.edit.untitled')}</span>
${isNew ? '' : html`<button class="icon" type="submit" name="op" value="up:${i}" aria-label="${tr.t('consoleDrafts.edit.up', { title: section.title })}"${i === 0 ? html` disabled` : ''}>↑</button><button class="icon" type="submit" name="op" value="down:${i}" aria-label="${tr.t('consoleDrafts.edit.down', { title: section.title })}"${i === sections.length - 2 ? html` disabled` : ''}>↓</button>
<label class="check small"><input type="checkbox" name="s${i}_remove" value="1"> ${tr.t('consoleDrafts.edit.remove')}</label>`}
</div>
<input type="hidden" name="s${i}_slug" value="${section.slug}">
${mine.filter((e) => !e.field.endsWith('.title') && !e.field.endsWith('.body')).map((e) => html`<p class="error">${e.message}</p>`)}
${textField(errors, `sections.${i}.title`, tr.t('consoleDrafts.edit.heading'), section.title, { name: `s${i}_title` })}
${textField(errors, `sections.${i}.body`, tr.t('consoleDrafts.edit.text'), section.body, { name: `s${i}_body`, rows: isNew ? 4 : 7, markdown: true })}
${section.slug ? html`<p class="hint">${tr.t('consoleDrafts.edit.anchor')} <span class="mono">#${section.slug}</span></p>` : ''}
</div>`;
  })}
</section>`;
}

/** The regions with their own level, and an empty one at the end to add. */
function regionsCard(tr: Translator, draft: Draft, model: EditorModel, errors: readonly FieldMessage[]): SafeHtml {
  const regionErrors = (i: number) => errors.filter((e) => e.field.startsWith(`regions.${i}.`) || e.field === `regions.${i}`);
  const regions = [...model.regions, { name: '', code: '', level: model.level || '1', indicators: [], summary: '' }];
  return html`<section class="card"><h2>${tr.t('consoleDrafts.edit.regions')}</h2><p class="hint">${tr.t('consoleDrafts.edit.regionsHint', { name: placeName(tr, draft.code, draft.name), code: draft.code })}</p>
${regions.map((region, i) => {
    const isNew = i === regions.length - 1;
    const mine = regionErrors(i);
    return html`<div class="block${isNew ? ' new' : ''}${mine.length ? ' has-error' : ''}" id="${id(`regions.${i}`)}">
<div class="block-head"><span class="title">${isNew ? tr.t('consoleDrafts.edit.newRegion') : region.name || tr.t('consoleDrafts.edit.unnamedRegion')}</span>${isNew ? '' : html`<label class="check small"><input type="checkbox" name="r${i}_remove" value="1"> ${tr.t('consoleDrafts.edit.remove')}</label>`}</div>
<div class="row">
${textField(errors, `regions.${i}.name`, tr.t('consoleDrafts.edit.name'), region.name, { name: `r${i}_name` })}
${textField(errors, `regions.${i}.code`, tr.t('consoleDrafts.edit.isoCode'), region.code, { name: `r${i}_code` })}
<div class="field${hasError(errors, `regions.${i}.level`) ? ' has-error' : ''}"><label for="${id(`regions.${i}.level`)}">${tr.t('consoleDrafts.edit.level')}</label>${fieldErrors(errors, `regions.${i}.level`)}${levelSelect(tr, `r${i}_level`, id(`regions.${i}.level`), region.level)}</div>
</div>
<fieldset class="field${hasError(errors, `regions.${i}.indicators`) ? ' has-error' : ''}" id="${id(`regions.${i}.indicators`)}"><legend>${tr.t('consoleDrafts.edit.indicators')}</legend>${fieldErrors(errors, `regions.${i}.indicators`)}${indicatorChecks(tr, `r${i}_ind`, `r${i}-ind`, region.indicators)}</fieldset>
${textField(errors, `regions.${i}.summary`, tr.t('consoleDrafts.edit.advice'), region.summary, { name: `r${i}_summary`, rows: 3, markdown: true })}
</div>`;
  })}
</section>`;
}

/** Major or minor, and the change note. */
function changeCard(tr: Translator, draft: Draft, model: EditorModel, errors: readonly FieldMessage[]): SafeHtml {
  const changes = draft.mandatoryChanges.map((c) => changeText(tr, c.message)).join(tr.locale === 'en' ? '; ' : ' ; ');
  return html`<section class="card"><h2>${tr.t('consoleDrafts.edit.change')}</h2>
<fieldset class="field${hasError(errors, 'changeType') ? ' has-error' : ''}" id="f-changeType"><legend>${tr.t('consoleDrafts.edit.whatKind')}</legend>${fieldErrors(errors, 'changeType')}
${draft.mandatoryChanges.length ? html`<p class="hint" id="must-be-major">${tr.t('consoleDrafts.edit.mustBeMajor', { changes })}</p>` : ''}
<div class="radios">
<label><input type="radio" name="changeType" value="major"${model.changeType === 'major' ? html` checked` : ''}> <span><strong>${tr.t('consoleDrafts.edit.major')}</strong>${tr.t('consoleDrafts.edit.majorText')}</span></label>
<label><input type="radio" name="changeType" value="minor"${model.changeType === 'minor' ? html` checked` : ''}> <span><strong>${tr.t('consoleDrafts.edit.minor')}</strong>${tr.t('consoleDrafts.edit.minorText')}</span></label>
</div></fieldset>
${textField(errors, 'changeNote', tr.t('consoleDrafts.edit.changeNote'), model.changeNote, { rows: 2, hint: tr.t('consoleDrafts.edit.changeNoteHint') })}
</section>`;
}

export function editorPage(viewer: Viewer, view: EditorView): string {
  const { draft, model } = view;
  const { tr } = viewer;
  const errors = refusalsIn(tr, view.errors);
  const names = { name: placeName(tr, draft.code, draft.name), id: draft.id };
  const title = view.conflict ? tr.t('consoleDrafts.edit.conflictTitle', names) : tr.t('consoleDrafts.edit.title', names);

  const form = html`<form method="post" action="/console/drafts/${draft.id}" id="editor" novalidate>
<button type="submit" name="op" value="save" class="visually-hidden" tabindex="-1" aria-hidden="true">${tr.t('consoleDrafts.edit.save')}</button>
${csrfField(viewer.csrf)}
<input type="hidden" name="version" value="${model.version}">
<input type="hidden" name="sections_count" value="${model.sections.length + 1}">
<input type="hidden" name="regions_count" value="${model.regions.length + 1}">

${levelCard(tr, model, errors)}

<section class="card"><h2>${tr.t('consoleDrafts.edit.summary')}</h2>
${textField(errors, 'summary', tr.t('consoleDrafts.edit.summary'), model.summary, { rows: 12, markdown: true, hint: tr.t('consoleDrafts.edit.summaryHint') })}
</section>

${sectionsCard(tr, model, errors)}

${regionsCard(tr, draft, model, errors)}

${missionsCard(tr, errors, placeName(tr, draft.code, draft.name), model.missions)}
${quickFactsCard(tr, errors, model.quickFacts)}
${translationsCard(tr, errors, model.sections, model.translations)}

${changeCard(tr, draft, model, errors)}
</form>`;

  const side = html`<div class="side">
<section class="card stack"><h2>${tr.t('consoleDrafts.edit.draft', { id: draft.id })}</h2>
<p class="small">${statusBadge(draft.status, undefined, tr)} ${tr.t('consoleDrafts.edit.version', { version: model.version })}${view.conflict ? '' : html` · ${tr.t('consoleDrafts.edit.saved', { when: when(draft.updatedAt) })}`}</p>
<button type="submit" form="editor" name="op" value="save">${view.conflict ? tr.t('consoleDrafts.edit.saveMine') : tr.t('consoleDrafts.edit.saveDraft')}</button>
<button type="submit" form="editor" name="op" value="preview" class="secondary">${tr.t('consoleDrafts.edit.preview')}</button>
<a class="button secondary" href="/console/drafts/${draft.id}/diff">${tr.t('consoleDrafts.edit.against')}</a>
<a class="button secondary" href="/console/drafts/${draft.id}">${tr.t('consoleDrafts.edit.back')}</a>
</section>
</div>`;

  return consolePage({
    title,
    ...frameOf(viewer),
    nav: 'destinations',
    main: html`${draftHead(tr, draft, 'edit', true)}
${notice(view.notice)}
${view.conflict ? conflictPart(tr, draft, view.conflict) : ''}
${errorSummary(errors, view.summary, undefined, tr)}
${view.preview ? html`<section class="card"><div class="card-head"><h2>${tr.t('consoleDrafts.previewTitle')}</h2><a href="#editor">${tr.t('consoleDrafts.backToForm')}</a></div>${advisoryPreview(placeName(tr, draft.code, draft.name), view.preview, tr)}</section>` : ''}
<div class="with-side"><div>${form}</div>${side}</div>`,
  });
}

/** What someone else saved meanwhile, against what the editor typed. */
function conflictPart(tr: Translator, draft: Draft, conflict: NonNullable<EditorView['conflict']>): SafeHtml {
  return html`<div class="problem" role="alert"><h2>${tr.t('consoleDrafts.conflict.title', { who: conflict.savedBy })}</h2>
<p>${message(tr, 'consoleDrafts.conflict.body', { notSaved: html`<strong>${tr.t('consoleDrafts.conflict.notSaved')}</strong>` })}</p></div>
<section class="card"><div class="card-head"><h2>${tr.t('consoleDrafts.conflict.both')}</h2>${diffLegend(tr)}</div>${sideBySideView(conflict.rows, { before: tr.t('consoleDrafts.conflict.theirs', { who: conflict.savedBy, version: draft.version }), after: tr.t('consoleDrafts.conflict.yours') }, tr)}</section>`;
}
