import type { Config } from '../config.ts';
import { checkInUrls } from '../crises/links.ts';
import { alertSubject, alertUrls } from './alert-messages.ts';
import { isAdvisoryEvent, isAlertEvent, isCrisisWaveEvent, isDepartureMessageEvent, type NotifyEvent } from './events.ts';
import { subjectFor } from './messages.ts';
import { destinationUrl } from './public-links.ts';

/**
 * The text of an SMS (docs/notifications.md, "SMS"): short, the link last so that a phone shows it
 * whole. A check-in asks for a reply by digit or word (src/sms/replies.ts reads it) and links the
 * "I need help" page for details; an advisory names the level and the directive; an alert its
 * severity, headline and what to do.
 */
type LinkConfig = Pick<Config, 'secret' | 'publicUrl'>;

/** Cut at a word, with an ellipsis: free text (headlines, instructions) must not make a message of ten parts. */
function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2))}…`;
}

export const REPLY_INSTRUCTIONS = 'Reply 1 SAFE, 2 HELP or 3 LEFT.';

export function smsText(config: LinkConfig, event: NotifyEvent, travellerId: number, now: Date): string {
  if (isCrisisWaveEvent(event)) {
    const p = event.payload;
    const ask = p.followUp ? 'Reminder: are you safe?' : 'Are you safe?';
    const help = checkInUrls(config, { waveId: p.waveId, travellerId, channel: 'sms' }, now).need_help;
    return `${p.exercise ? 'EXERCISE (drill): ' : ''}${ask} ${clip(p.title, 80)}. ${REPLY_INSTRUCTIONS} Need help? Tell us more: ${help}`;
  }
  if (isAlertEvent(event)) {
    const p = event.payload;
    const instruction = p.instruction ? ` ${clip(p.instruction, 140)}` : '';
    return `${p.severity} – ${clip(alertSubject(event), 120)}.${instruction} ${alertUrls(config, p).page}`;
  }
  if (isDepartureMessageEvent(event)) {
    const p = event.payload;
    return `${p.exercise ? 'EXERCISE (drill): ' : ''}${clip(p.label, 60)}: meet at ${clip(p.meetingPoint, 80)}, ${p.meetingAt.slice(0, 16).replace('T', ' ')} UTC. ${clip(p.text, 200)} ${config.publicUrl}/account#departures`;
  }
  if (isAdvisoryEvent(event)) {
    const higher = (event.payload.higherRegions ?? []).map((r) => `${clip(r.name, 40)} Level ${r.level}`).join(', ');
    return `${subjectFor(event)}.${higher ? ` Some areas higher: ${higher}.` : ''} ${destinationUrl(config, event.payload)}`;
  }
  return '';
}
