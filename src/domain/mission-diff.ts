import { STATUS_LABELS, type Mission } from './missions.ts';
import { QUICK_FACT_TEXTS, quickFactText, type QuickFacts } from './quick-facts.ts';

/**
 * What changed in a destination's missions and quick facts between two revisions, as a traveller
 * reads it on the public revision page ("Embassy in Moscow: Operating → Consular services
 * suspended"). Missions are matched by `id` (docs/decisions/005-missions-in-advisories.md); an
 * empty `from` is an addition, an empty `to` a removal.
 */
export interface ReaderChange {
  /** The mission's name, or the quick fact's label. */
  subject: string;
  /** What about it changed: its status, how to reach it, or the whole entry. */
  aspect: 'status' | 'contacts' | 'listed' | 'fact';
  from: string;
  to: string;
}

function statusText(m: Mission): string {
  return `${STATUS_LABELS[m.status]}${m.statusSince ? ` since ${m.statusSince}` : ''}${m.statusNote ? `: ${m.statusNote}` : ''}`;
}

function contactText(m: Mission): string {
  return [
    m.address,
    ...m.phones.map((p) => `${p.label ? `${p.label}: ` : ''}${p.number}${p.emergency ? ' (24/7 emergencies)' : ''}`),
    m.email, m.hours && `Hours: ${m.hours}`, m.services.length ? `Services: ${m.services.join(', ')}` : '',
  ].filter(Boolean).join('; ');
}

/** Missions listed, dropped, or whose status or contacts changed, in the newer revision's order, then the dropped ones. */
export function missionChanges(before: readonly Mission[], after: readonly Mission[]): ReaderChange[] {
  const was = new Map(before.map((m) => [m.id, m]));
  const kept = new Set(after.map((m) => m.id));
  const changes = after.flatMap((m): ReaderChange[] => {
    const old = was.get(m.id);
    if (!old) return [{ subject: m.name, aspect: 'listed', from: '', to: statusText(m) }];
    return [
      { subject: m.name, aspect: 'status' as const, from: statusText(old), to: statusText(m) },
      { subject: m.name, aspect: 'contacts' as const, from: contactText(old), to: contactText(m) },
    ].filter((change) => change.from !== change.to);
  });
  const dropped = before.filter((m) => !kept.has(m.id)).map((m): ReaderChange => ({ subject: m.name, aspect: 'listed', from: statusText(m), to: '' }));
  return [...changes, ...dropped];
}

/** Each quick fact whose text changed, in the panel's order. */
export function quickFactChanges(before: QuickFacts | null | undefined, after: QuickFacts | null | undefined): ReaderChange[] {
  return QUICK_FACT_TEXTS.map(([key, label]): ReaderChange => ({ subject: label, aspect: 'fact', from: quickFactText(before, key), to: quickFactText(after, key) }))
    .filter((change) => change.from !== change.to);
}
