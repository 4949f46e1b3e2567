/** Risk indicators, by their one-letter codes, in the order they are shown. */
export const INDICATOR_NAMES = {
  C: 'Crime',
  T: 'Terrorism',
  U: 'Civil Unrest',
  H: 'Health',
  N: 'Natural Disaster',
  E: 'Time-limited Event',
  K: 'Kidnapping or Hostage Taking',
  D: 'Wrongful Detention',
  O: 'Other',
} as const;

export type Indicator = keyof typeof INDICATOR_NAMES;

export const INDICATORS = Object.keys(INDICATOR_NAMES) as Indicator[];

export function isIndicator(value: unknown): value is Indicator {
  return typeof value === 'string' && Object.hasOwn(INDICATOR_NAMES, value);
}

/** De-duplicates and puts indicators in their canonical order (C T U H N E K D O). */
export function normaliseIndicators(values: Iterable<Indicator>): Indicator[] {
  const present = new Set(values);
  return INDICATORS.filter((code) => present.has(code));
}
