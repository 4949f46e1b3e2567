import type { MessageId } from '../../i18n/catalog.ts';
import type { Translator } from '../../i18n/translator.ts';

/**
 * CAP 1.2's fixed values (severity, urgency, certainty, category) in the reader's language. The
 * alert stores CAP's own tokens ("Severe", "Immediate", "Met"); a value CAP does not define is
 * shown as sent.
 */
const CAP_VALUES = {
  severity: ['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown'],
  urgency: ['Immediate', 'Expected', 'Future', 'Past', 'Unknown'],
  certainty: ['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown'],
  category: ['Geo', 'Met', 'Safety', 'Security', 'Rescue', 'Fire', 'Health', 'Env', 'Transport', 'Infra', 'CBRNE', 'Other'],
} as const;

export type CapField = keyof typeof CAP_VALUES;

export function capWord(tr: Translator, field: CapField, value: string): string {
  return (CAP_VALUES[field] as readonly string[]).includes(value) ? tr.t(`alert.${field}.${value}` as MessageId) : value;
}
