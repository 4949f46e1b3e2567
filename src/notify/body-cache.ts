import type { MailBody } from './notification-mail.ts';

/**
 * The part of a message that is the same for everyone who reads it in one language (an advisory
 * change, an alert), built once per event and language rather than once per recipient: a fan-out
 * of 100,000 travellers in two languages builds two bodies. Only the footer (signed links) is
 * per person (notification-mail.ts). Events with id 0 (previews, built from a form) are not kept.
 */
const MAX = 256;
const bodies = new Map<string, MailBody>();

export function cachedBody(event: { id: number; payload: unknown }, variant: string, build: () => MailBody): MailBody {
  if (!event.id) return build();
  // Keyed by the payload itself, not the id alone: two databases (tests, a migration) reuse ids.
  const key = `${variant}|${JSON.stringify(event.payload)}`;
  let body = bodies.get(key);
  if (!body) {
    body = build();
    // Oldest first out: a worker sends a few events at a time, so a small window is enough.
    if (bodies.size >= MAX) bodies.delete(bodies.keys().next().value!);
    bodies.set(key, body);
  }
  return body;
}
