/** Shared by the alert test files: CAP fields for a typical alert, and times relative to now. */

/** An RFC 3339 time `hours` from now, with a zone offset (default Moscow's +03:00), whole minutes. */
export function inHours(hours: number, offset = '+03:00'): string {
  const sign = offset.startsWith('-') ? -1 : 1;
  const [h, m] = offset.slice(1).split(':').map(Number) as [number, number];
  const ms = Math.floor((Date.now() + hours * 3_600_000) / 60_000) * 60_000 + sign * (h * 60 + m) * 60_000;
  return `${new Date(ms).toISOString().slice(0, 19)}${offset === '+00:00' ? 'Z' : offset}`;
}

/** A demonstration in Moscow, as crisis staff would send it. */
export function demonstration(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    destinations: ['RU'],
    regions: ['RU-MOW'],
    area: { circle: '55.7558,37.6173 5' },
    category: 'Security',
    event: 'Demonstration',
    urgency: 'Expected',
    severity: 'Moderate',
    certainty: 'Likely',
    headline: 'Demonstration in Moscow',
    description: 'A large demonstration is planned near Pushkin Square on Saturday afternoon. Police may detain bystanders.',
    instruction: 'Avoid the area around Pushkin Square and Tverskaya Street. Carry your passport.',
    senderName: 'U.S. Embassy Moscow',
    contact: '+7 495 728-5000',
    effective: inHours(-1),
    expires: inHours(30),
    ...overrides,
  };
}
