import type { Config } from '../config.ts';
import { checkInUrls } from '../crises/links.ts';
import { alertSubject, alertUrls } from './alert-messages.ts';
import { isAdvisoryEvent, isAlertEvent, isCrisisWaveEvent, isDepartureMessageEvent, type NotifyEvent } from './events.ts';
import { subjectFor } from './messages.ts';
import { translator } from '../i18n/translator.ts';
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

/** The text message of an event in the traveller's language (`locale`, their stored tag; English when unknown). */
export function smsText(config: LinkConfig, event: NotifyEvent, travellerId: number, now: Date, locale?: string | null): string {
  const tr = translator(locale);
  const exercise = (on: boolean) => (on ? `${tr.t('sms.exercise')} ` : '');
  if (isCrisisWaveEvent(event)) {
    const p = event.payload;
    const help = checkInUrls(config, { waveId: p.waveId, travellerId, channel: 'sms' }, now).need_help;
    return exercise(p.exercise) + tr.t('sms.checkIn', { ask: tr.t('sms.ask', { followUp: p.followUp ? 'yes' : 'no' }), title: clip(p.title, 80), url: help });
  }
  if (isAlertEvent(event)) {
    const p = event.payload;
    const instruction = p.instruction ? ` ${clip(p.instruction, 140)}` : '';
    return `${tr.t('mailAlert.severity', { severity: p.severity })} – ${clip(alertSubject(event, tr), 120)}.${instruction} ${alertUrls(config, p).page}`;
  }
  if (isDepartureMessageEvent(event)) {
    const p = event.payload;
    return exercise(p.exercise) + tr.t('sms.departure', {
      label: clip(p.label, 60), place: clip(p.meetingPoint, 80), time: p.meetingAt.slice(0, 16).replace('T', ' '), text: clip(p.text, 200), url: `${config.publicUrl}/account#departures`,
    });
  }
  if (isAdvisoryEvent(event)) {
    const areas = (event.payload.higherRegions ?? []).map((r) => tr.t('sms.higherArea', { name: clip(r.name, 40), level: r.level }));
    return `${subjectFor(event, tr)}.${areas.length ? ` ${tr.t('sms.higher', { areas: areas.join(', ') })}` : ''} ${destinationUrl(config, event.payload)}`;
  }
  return '';
}
