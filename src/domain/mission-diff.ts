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

export type QuickFactKey = (typeof QUICK_FACT_TEXTS)[number][0];

/**
 * How a mission's status and contacts and a quick fact read, in one language. The domain says it
 * in English (ENGLISH_WORDS: the console and the API's reader rows); the public revision page passes
 * its reader's language (src/http/pages/revision-words.ts). Changes are found by comparing these
 * texts, so the same data gives the same changes in every language.
 */
export interface ReaderWords {
  status(mission: Mission): string;
  contacts(mission: Mission): string;
  factLabel(key: QuickFactKey): string;
  factText(facts: QuickFacts | null | undefined, key: QuickFactKey): string;
}

export const ENGLISH_WORDS: ReaderWords = {
  status: (m) => `${STATUS_LABELS[m.status]}${m.statusSince ? ` since ${m.statusSince}` : ''}${m.statusNote ? `: ${m.statusNote}` : ''}`,
  contacts: (m) => [
    m.address,
    ...m.phones.map((p) => `${p.label ? `${p.label}: ` : ''}${p.number}${p.emergency ? ' (24/7 emergencies)' : ''}`),
    m.email, m.hours && `Hours: ${m.hours}`, m.services.length ? `Services: ${m.services.join(', ')}` : '',
  ].filter(Boolean).join('; '),
  factLabel: (key) => QUICK_FACT_TEXTS.find(([name]) => name === key)![1],
  factText: quickFactText,
};

/** Missions listed, dropped, or whose status or contacts changed, in the newer revision's order, then the dropped ones. */
export function missionChanges(before: readonly Mission[], after: readonly Mission[], words: ReaderWords = ENGLISH_WORDS): ReaderChange[] {
  const was = new Map(before.map((m) => [m.id, m]));
  const kept = new Set(after.map((m) => m.id));
  const changes = after.flatMap((m): ReaderChange[] => {
    const old = was.get(m.id);
    if (!old) return [{ subject: m.name, aspect: 'listed', from: '', to: words.status(m) }];
    return [
      { subject: m.name, aspect: 'status' as const, from: words.status(old), to: words.status(m) },
      { subject: m.name, aspect: 'contacts' as const, from: words.contacts(old), to: words.contacts(m) },
    ].filter((change) => change.from !== change.to);
  });
  const dropped = before.filter((m) => !kept.has(m.id)).map((m): ReaderChange => ({ subject: m.name, aspect: 'listed', from: words.status(m), to: '' }));
  return [...changes, ...dropped];
}

/** Each quick fact whose text changed, in the panel's order. */
export function quickFactChanges(before: QuickFacts | null | undefined, after: QuickFacts | null | undefined, words: ReaderWords = ENGLISH_WORDS): ReaderChange[] {
  return QUICK_FACT_TEXTS.map(([key]): ReaderChange => ({ subject: words.factLabel(key), aspect: 'fact', from: words.factText(before, key), to: words.factText(after, key) }))
    .filter((change) => change.from !== change.to);
}
