import { MISSION_STATUSES, MISSION_TYPES, STATUS_LABELS, TYPE_LABELS } from '../../domain/missions.ts';
import { QUICK_FACT_TEXTS } from '../../domain/quick-facts.ts';
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

const TYPES = MISSION_TYPES.map((t) => [t, TYPE_LABELS[t]] as const);
const STATUSES = MISSION_STATUSES.map((s) => [s, STATUS_LABELS[s]] as const);

export const BLANK_MISSION: MissionModel = {
  id: '', type: 'embassy', name: '', city: '', address: '', phones: '', email: '', hours: '', services: '', status: 'operating', statusSince: '', statusNote: '', hostCountry: '',
};

export function missionsCard(errors: readonly FieldMessage[], destinationName: string, missions: readonly MissionModel[]): SafeHtml {
  const blocks = [...missions, BLANK_MISSION];
  return html`<section class="card" id="missions"><h2>Embassies and consulates</h2>
<p class="hint">Shown near the top of ${destinationName}'s page, status first. A mission becoming suspended or closed is always a major change: travellers there are told. Fill in the empty block at the end to add one.</p>
<input type="hidden" name="missions_count" value="${blocks.length}">
${errors.filter((e) => e.field === 'missions').map((e) => html`<p class="error" id="f-missions">${e.message}</p>`)}
${blocks.map((m, i) => {
    const at = `missions.${i}`;
    const isNew = i === blocks.length - 1;
    return html`<div class="block${isNew ? ' new' : ''}${under(errors, at).length ? ' has-error' : ''}" id="${fieldId(at)}">
<div class="block-head"><span class="title">${isNew ? 'New mission' : m.name || 'Unnamed mission'}</span>${isNew ? '' : html`<label class="check small"><input type="checkbox" name="m${i}_remove" value="1"> Remove</label>`}</div>
<input type="hidden" name="m${i}_id" value="${m.id}">
<div class="row">
${select(errors, `${at}.status`, `m${i}_status`, 'Status', m.status, STATUSES)}
${field(errors, `${at}.statusSince`, `m${i}_statusSince`, 'Since', m.statusSince, { type: 'date' })}
</div>
${field(errors, `${at}.statusNote`, `m${i}_statusNote`, 'Status note', m.statusNote, { rows: 2 })}
<div class="row">
${select(errors, `${at}.type`, `m${i}_type`, 'Type', m.type, TYPES)}
${field(errors, `${at}.name`, `m${i}_name`, 'Name', m.name)}
${field(errors, `${at}.city`, `m${i}_city`, 'City', m.city)}
</div>
${field(errors, `${at}.hostCountry`, `m${i}_hostCountry`, 'Protecting power (interests sections)', m.hostCountry, { hint: 'ISO code of the country hosting it, e.g. CH' })}
${field(errors, `${at}.address`, `m${i}_address`, 'Address', m.address)}
${field(errors, `${at}.phones`, `m${i}_phones`, 'Phones', m.phones, { rows: 2, hint: 'One per line, "Label: number"; end an emergency line with (24/7).' })}
<div class="row">
${field(errors, `${at}.email`, `m${i}_email`, 'E-mail', m.email, { type: 'email' })}
${field(errors, `${at}.hours`, `m${i}_hours`, 'Opening hours', m.hours)}
</div>
${field(errors, `${at}.services`, `m${i}_services`, 'Services', m.services, { rows: 2, hint: 'One per line.' })}
</div>`;
  })}
</section>`;
}

export function quickFactsCard(errors: readonly FieldMessage[], facts: QuickFactsModel): SafeHtml {
  return html`<section class="card" id="quick-facts"><h2>Quick facts</h2>
<p class="hint">A compact panel on the page, and columns of the CSV export. Leave a fact empty when there is nothing to say.</p>
${select(errors, 'quickFacts.bankCardsWork', 'qf_bankCardsWork', 'Do our bank cards work there?', facts.bankCardsWork ?? '', [['', 'Not said'], ['yes', 'Yes'], ['no', 'No']])}
${QUICK_FACT_TEXTS.map(([key, label]) => field(errors, `quickFacts.${key}`, `qf_${key}`, label, facts[key] ?? '', { rows: key === 'entryExitNotes' ? 3 : undefined }))}
</section>`;
}
