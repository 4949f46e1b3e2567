import type { FieldError } from './draft-fields.ts';
import type { QuickFacts } from './mission-types.ts';

export type { QuickFacts } from './mission-types.ts';

/**
 * A destination's quick facts (src/domain/mission-types.ts): the entry and money rules a traveller
 * checks before going, kept as fields (not prose) so the page shows them as a compact panel and the
 * API and CSV carry them. This file reads them from untrusted input.
 */
/** The text fields, in the order the page, the form and the CSV show them, with their labels. */
export const QUICK_FACT_TEXTS = [
  ['passportValidity', 'Passport validity'],
  ['blankPages', 'Blank passport pages'],
  ['visa', 'Visa'],
  ['vaccinations', 'Vaccinations'],
  ['currencyImport', 'Currency on entry'],
  ['currencyExport', 'Currency on exit'],
  ['bankCardsNote', 'Bank cards'],
  ['emergencyNumbers', 'Emergency numbers'],
  ['entryExitNotes', 'Entry and exit'],
] as const satisfies readonly (readonly [keyof QuickFacts, string])[];

export const QUICK_FACTS_MAX = 2_000;

export function emptyQuickFacts(): QuickFacts {
  return {
    passportValidity: '', blankPages: '', visa: '', vaccinations: '', currencyImport: '', currencyExport: '',
    bankCardsWork: null, bankCardsNote: '', emergencyNumbers: '', entryExitNotes: '',
  };
}

/** Whether nothing is said: such facts are stored as null and not shown. */
export function isEmptyQuickFacts(facts: QuickFacts | null | undefined): boolean {
  return !facts || (facts.bankCardsWork === null && QUICK_FACT_TEXTS.every(([key]) => !facts[key]));
}

/** What the panel says for one field; "Bank cards" leads with whether ours work. Empty: nothing said. */
export function quickFactText(facts: QuickFacts | null | undefined, key: (typeof QUICK_FACT_TEXTS)[number][0]): string {
  if (!facts) return '';
  if (key !== 'bankCardsNote') return facts[key];
  const works = facts.bankCardsWork === null ? '' : facts.bankCardsWork ? 'Our bank cards work.' : 'Our bank cards do not work.';
  return [works, facts.bankCardsNote].filter(Boolean).join(' ');
}

/** Reads quick facts from untrusted input: null (or all empty) clears them; unknown keys are errors. */
export function readQuickFacts(value: unknown, errors: FieldError[], field = 'quickFacts'): QuickFacts | null | undefined {
  if (value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) {
    errors.push({ field, message: 'must be an object of quick facts, or null' });
    return undefined;
  }
  const input = value as Record<string, unknown>;
  const count = errors.length;
  const facts = emptyQuickFacts();
  for (const [key, item] of Object.entries(input)) {
    const at = `${field}.${key}`;
    if (key === 'bankCardsWork') {
      if (item === null || item === '' || item === undefined) facts.bankCardsWork = null;
      else if (typeof item === 'boolean') facts.bankCardsWork = item;
      else errors.push({ field: at, message: 'must be true, false or null (not said)' });
    } else if (QUICK_FACT_TEXTS.some(([name]) => name === key)) {
      if (item === null || item === undefined) continue;
      if (typeof item !== 'string') errors.push({ field: at, message: 'must be text' });
      else if (item.length > QUICK_FACTS_MAX) errors.push({ field: at, message: `is too long (at most ${QUICK_FACTS_MAX} characters)` });
      else (facts as unknown as Record<string, string>)[key] = item.replace(/\r\n?/g, '\n').trim();
    } else {
      errors.push({ field: at, message: 'is not a quick fact' });
    }
  }
  if (errors.length !== count) return undefined;
  return isEmptyQuickFacts(facts) ? null : facts;
}
