import { MISSION_STATUSES, MISSION_TYPES } from '../../domain/missions.ts';
import { QUICK_FACT_TEXTS } from '../../domain/quick-facts.ts';
import type { MessageId } from '../../i18n/catalog.ts';
import type { Translator } from '../../i18n/translator.ts';
import { html, type SafeHtml } from '../html.ts';
import type { FieldMessage } from './layout.ts';
import type { MissionModel, QuickFactsModel } from './missions-form.ts';

/**
 * The editor's "Embassies and consulates" and "Quick facts" cards (missions-form.ts reads them
 * back). Each field shows the messages of its own path and of anything under it (a phone's number
 * under the phones box), so every refusal appears next to what the editor typed.
 */

function fieldId(field: string): string {
  return `f-${field.replace(/\./g, '-')}`;
}

function under(errors: readonly FieldMessage[], field: string): FieldMessage[] {
  return errors.filter((e) => e.field === field || e.field.startsWith(`${field}.`));
}

export function field(errors: readonly FieldMessage[], path: string, name: string, label: string, value: string, options: { rows?: number; hint?: string; type?: string } = {}): SafeHtml {
  const mine = under(errors, path);
  const control = options.rows
    ? html`<textarea id="${fieldId(path)}" name="${name}" rows="${options.rows}">${value}</textarea>`
    : html`<input id="${fieldId(path)}" name="${name}" type="${options.type ?? 'text'}" value="${value}">`;
  return html`<div class="field${mine.length ? ' has-error' : ''}"><label for="${fieldId(path)}">${label}</label>${options.hint ? html`<p class="hint">${options.hint}</p>` : ''}${mine.map((e) => html`<p class="error">${e.message}</p>`)}${control}</div>`;
}

function select(errors: readonly FieldMessage[], path: string, name: string, label: string, value: string, options: readonly (readonly [string, string])[]): SafeHtml {
  const mine = under(errors, path);
  const known = options.some(([v]) => v === value);
  return html`<div class="field${mine.length ? ' has-error' : ''}"><label for="${fieldId(path)}">${label}</label>${mine.map((e) => html`<p class="error">${e.message}</p>`)}<select id="${fieldId(path)}" name="${name}">
${options.map(([v, text]) => html`<option value="${v}"${v === value ? html` selected` : ''}>${text}</option>`)}${known ? '' : html`<option value="${value}" selected>${value}</option>`}</select></div>`;
}

/** Mission types and statuses named as the public page names them (site-destination catalogue). */
const typesIn = (tr: Translator) => MISSION_TYPES.map((t) => [t, tr.t(`mission.type.${t}`)] as const);
const statusesIn = (tr: Translator) => MISSION_STATUSES.map((s) => [s, tr.t(`mission.status.${s}`)] as const);

export const BLANK_MISSION: MissionModel = {
  id: '', type: 'embassy', name: '', city: '', address: '', phones: '', email: '', hours: '', services: '', status: 'operating', statusSince: '', statusNote: '', hostCountry: '',
};

export function missionsCard(tr: Translator, errors: readonly FieldMessage[], destinationName: string, missions: readonly MissionModel[]): SafeHtml {
  const blocks = [...missions, BLANK_MISSION];
  const t = (id: MessageId) => tr.t(id);
  return html`<section class="card" id="missions"><h2>${t('consoleDrafts.missions.title')}</h2>
<p class="hint">${tr.t('consoleDrafts.missions.hint', { name: destinationName })}</p>
<input type="hidden" name="missions_count" value="${blocks.length}">
${errors.filter((e) => e.field === 'missions').map((e) => html`<p class="error" id="f-missions">${e.message}</p>`)}
${blocks.map((m, i) => {
    const at = `missions.${i}`;
    const isNew = i === blocks.length - 1;
    return html`<div class="block${isNew ? ' new' : ''}${under(errors, at).length ? ' has-error' : ''}" id="${fieldId(at)}">
<div class="block-head"><span class="title">${isNew ? t('consoleDrafts.missions.new') : m.name || t('consoleDrafts.missions.unnamed')}</span>${isNew ? '' : html`<label class="check small"><input type="checkbox" name="m${i}_remove" value="1"> ${t('consoleDrafts.edit.remove')}</label>`}</div>
<input type="hidden" name="m${i}_id" value="${m.id}">
<div class="row">
${select(errors, `${at}.status`, `m${i}_status`, t('consoleDrafts.missions.status'), m.status, statusesIn(tr))}
${field(errors, `${at}.statusSince`, `m${i}_statusSince`, t('consoleDrafts.missions.since'), m.statusSince, { type: 'date' })}
</div>
${field(errors, `${at}.statusNote`, `m${i}_statusNote`, t('consoleDrafts.missions.statusNote'), m.statusNote, { rows: 2 })}
<div class="row">
${select(errors, `${at}.type`, `m${i}_type`, t('consoleDrafts.missions.type'), m.type, typesIn(tr))}
${field(errors, `${at}.name`, `m${i}_name`, t('consoleDrafts.missions.name'), m.name)}
${field(errors, `${at}.city`, `m${i}_city`, t('consoleDrafts.missions.city'), m.city)}
</div>
${field(errors, `${at}.hostCountry`, `m${i}_hostCountry`, t('consoleDrafts.missions.host'), m.hostCountry, { hint: t('consoleDrafts.missions.hostHint') })}
${field(errors, `${at}.address`, `m${i}_address`, t('consoleDrafts.missions.address'), m.address)}
${field(errors, `${at}.phones`, `m${i}_phones`, t('consoleDrafts.missions.phones'), m.phones, { rows: 2, hint: t('consoleDrafts.missions.phonesHint') })}
<div class="row">
${field(errors, `${at}.email`, `m${i}_email`, t('consoleDrafts.missions.email'), m.email, { type: 'email' })}
${field(errors, `${at}.hours`, `m${i}_hours`, t('consoleDrafts.missions.hours'), m.hours)}
</div>
${field(errors, `${at}.services`, `m${i}_services`, t('consoleDrafts.missions.services'), m.services, { rows: 2, hint: t('consoleDrafts.missions.onePerLine') })}
</div>`;
  })}
</section>`;
}

export function quickFactsCard(tr: Translator, errors: readonly FieldMessage[], facts: QuickFactsModel): SafeHtml {
  const cards = [['', tr.t('consoleDrafts.facts.notSaid')], ['yes', tr.t('consoleDrafts.facts.yes')], ['no', tr.t('consoleDrafts.facts.no')]] as const;
  return html`<section class="card" id="quick-facts"><h2>${tr.t('consoleDrafts.facts.title')}</h2>
<p class="hint">${tr.t('consoleDrafts.facts.hint')}</p>
${select(errors, 'quickFacts.bankCardsWork', 'qf_bankCardsWork', tr.t('consoleDrafts.facts.cards'), facts.bankCardsWork ?? '', cards)}
${QUICK_FACT_TEXTS.map(([key]) => field(errors, `quickFacts.${key}`, `qf_${key}`, tr.t(`facts.${key}`), facts[key] ?? '', { rows: key === 'entryExitNotes' ? 3 : undefined }))}
</section>`;
}
