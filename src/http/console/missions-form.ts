import type { Mission } from '../../domain/missions.ts';
import { QUICK_FACT_TEXTS, type QuickFacts } from '../../domain/quick-facts.ts';
import { formText, type FormBody } from '../forms.ts';

/**
 * The missions and quick-facts part of the draft editor form (form.ts has the rest), read back as
 * typed and turned into the same JSON the staff API takes, so src/domain/mission-input.ts checks
 * both. Phones are one per line, "Label: number", with "(24/7)" at the end for an emergency line;
 * services one per line. A blank mission block at the end adds one; "Remove" drops one.
 */

export interface MissionModel {
  id: string;
  type: string;
  name: string;
  city: string;
  address: string;
  phones: string;
  email: string;
  hours: string;
  services: string;
  status: string;
  statusSince: string;
  statusNote: string;
  hostCountry: string;
}

/** Text fields as typed; bankCardsWork is '', 'yes' or 'no'. */
export type QuickFactsModel = Record<string, string>;

const EMERGENCY = /\s*\(24\/7\)\s*$/;

export function phonesText(phones: Mission['phones']): string {
  return phones.map((p) => `${p.label ? `${p.label}: ` : ''}${p.number}${p.emergency ? ' (24/7)' : ''}`).join('\n');
}

export function phonesFromText(text: string): { label: string; number: string; emergency: boolean }[] {
  return text.split(/\r?\n/).map((line) => line.trim()).filter(Boolean).map((line) => {
    const emergency = EMERGENCY.test(line);
    const rest = line.replace(EMERGENCY, '');
    const colon = rest.indexOf(': ');
    return colon >= 0 ? { label: rest.slice(0, colon).trim(), number: rest.slice(colon + 2).trim(), emergency } : { label: '', number: rest, emergency };
  });
}

export function missionModels(missions: readonly Mission[]): MissionModel[] {
  return missions.map((m) => ({
    id: m.id, type: m.type, name: m.name, city: m.city, address: m.address, phones: phonesText(m.phones), email: m.email, hours: m.hours,
    services: m.services.join('\n'), status: m.status, statusSince: m.statusSince ?? '', statusNote: m.statusNote, hostCountry: m.hostCountry ?? '',
  }));
}

export function quickFactsModel(facts: QuickFacts | null | undefined): QuickFactsModel {
  const model: QuickFactsModel = { bankCardsWork: facts?.bankCardsWork === null || !facts ? '' : facts.bankCardsWork ? 'yes' : 'no' };
  for (const [key] of QUICK_FACT_TEXTS) model[key] = facts?.[key] ?? '';
  return model;
}

const MAX_MISSIONS = 60;
const KEYS = ['id', 'type', 'name', 'city', 'address', 'phones', 'email', 'hours', 'services', 'status', 'statusSince', 'statusNote', 'hostCountry'] as const;

/** The mission blocks of the form: removed ones and a blank new one left out. */
export function missionsFromForm(body: FormBody): MissionModel[] {
  const n = Number(formText(body.missions_count));
  const count = Number.isInteger(n) && n > 0 ? Math.min(n, MAX_MISSIONS) : 0;
  const missions: MissionModel[] = [];
  for (let i = 0; i < count; i++) {
    if (formText(body[`m${i}_remove`])) continue;
    const mission = Object.fromEntries(KEYS.map((key) => [key, formText(body[`m${i}_${key}`])])) as unknown as MissionModel;
    // A new block whose only values are its selects' defaults is not a mission yet.
    if (!mission.id && !mission.name.trim() && !mission.city.trim() && !mission.phones.trim() && !mission.address.trim()) continue;
    missions.push(mission);
  }
  return missions;
}

export function quickFactsFromForm(body: FormBody): QuickFactsModel {
  const model: QuickFactsModel = { bankCardsWork: formText(body.qf_bankCardsWork) };
  for (const [key] of QUICK_FACT_TEXTS) model[key] = formText(body[`qf_${key}`]);
  return model;
}

/** The missions as the staff API's JSON. */
export function missionsPatch(missions: readonly MissionModel[]): Record<string, unknown>[] {
  return missions.map((m) => ({
    ...(m.id ? { id: m.id } : {}), type: m.type, name: m.name, city: m.city, address: m.address, phones: phonesFromText(m.phones),
    email: m.email, hours: m.hours, services: m.services.split(/\r?\n/).map((s) => s.trim()).filter(Boolean),
    status: m.status, statusSince: m.statusSince.trim() || null, statusNote: m.statusNote, ...(m.hostCountry.trim() ? { hostCountry: m.hostCountry.trim() } : {}),
  }));
}

/** The quick facts as the staff API's JSON ("yes"/"no"/"" for bank cards; anything else reaches the rules as typed). */
export function quickFactsPatch(model: QuickFactsModel): Record<string, unknown> {
  const cards = model.bankCardsWork;
  return {
    ...Object.fromEntries(QUICK_FACT_TEXTS.map(([key]) => [key, model[key] ?? ''])),
    bankCardsWork: cards === 'yes' ? true : cards === 'no' ? false : cards === '' ? null : cards,
  };
}
