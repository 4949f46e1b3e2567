import { allMissionsDown, emergencyLines, isDown, type Mission } from '../../domain/missions.ts';
import type { Identity } from '../../domain/identity.ts';
import { isEmptyQuickFacts, QUICK_FACT_TEXTS, type QuickFacts } from '../../domain/quick-facts.ts';
import { destinationName } from '../../i18n/destination-names.ts';
import { DEFAULT_LOCALE } from '../../i18n/locales.ts';
import { translator, type Translator } from '../../i18n/translator.ts';
import { message } from '../html-messages.ts';
import { html, type SafeHtml } from '../html.ts';
import { dateTag } from './components.ts';

/**
 * The embassies-and-consulates box near the top of a destination's page (status first, then how
 * to reach each one), and the compact quick-facts panel. When every mission is suspended or closed
 * the box says so first, in the urgent style, with the emergency lines still answered.
 */

/** "+7 495 728-5000" → "tel:+74957285000". */
function telHref(number: string): string {
  return `tel:${number.replace(/[^\d+]/g, '')}`;
}

function missionItem(mission: Mission, tr: Translator): SafeHtml {
  const host = mission.hostCountry ? destinationName(mission.hostCountry, tr.locale) : null;
  return html`<li class="mission mission-${mission.status}">
<h3>${mission.name}</h3>
<p class="mission-status"><strong class="${isDown(mission.status) ? 'tag-urgent' : ''}">${tr.t(`mission.status.${mission.status}`)}</strong>${mission.statusSince ? html` ${message(tr, 'mission.since', { date: dateTag(mission.statusSince, undefined, tr) })}` : ''}</p>
${mission.statusNote ? html`<p>${mission.statusNote}</p>` : ''}
<p class="small">${tr.t(`mission.type.${mission.type}`)}, ${mission.city}${host ? html` ${tr.t('mission.hostedBy', { name: host })}` : ''}${mission.address ? html` · ${mission.address}` : ''}</p>
${mission.phones.length || mission.email ? html`<ul class="mission-contacts">
${mission.phones.map((phone) => html`<li>${phone.label ? html`${phone.label}: ` : ''}<a href="${telHref(phone.number)}">${phone.number}</a>${phone.emergency ? html` <strong>${tr.t('mission.emergencies')}</strong>` : ''}</li>`)}
${mission.email ? html`<li>${message(tr, 'mission.email', { address: html`<a href="mailto:${mission.email}">${mission.email}</a>` })}</li>` : ''}
</ul>` : ''}
${mission.hours ? html`<p class="small">${tr.t('mission.hours', { hours: mission.hours })}</p>` : ''}
${mission.services.length ? html`<p class="small">${tr.t('mission.services', { services: mission.services.join(', ') })}</p>` : ''}
</li>`;
}

/** The identity's contacts a notice names: the authority, its emergency line and contact page (any may be unset). */
export type HomeContact = Pick<Identity, 'authorityName' | 'authorityShortName' | 'emergencyPhone' | 'contactUrl'>;

/** "Who to contact instead": the publishing authority's own emergency line and contact page, when configured. */
function contactInstead(home: HomeContact | undefined, tr: Translator): SafeHtml | '' {
  if (!home || (!home.emergencyPhone && !home.contactUrl)) return '';
  const page = home.contactUrl ? html`<a href="${home.contactUrl}">${tr.t('mission.contactPage', { authority: home.authorityShortName })}</a>` : '';
  return html`<p class="missions-instead">${tr.t('mission.contactInstead', { authority: home.authorityName })}${
    home.emergencyPhone ? html`: ${message(tr, 'mission.call', { phone: html`<a href="${telHref(home.emergencyPhone)}"><strong>${home.emergencyPhone}</strong></a>` })}` : ''}${
    page ? html`${home.emergencyPhone ? ', ' : ' '}${message(tr, home.emergencyPhone ? 'mission.orWrite' : 'mission.through', { link: page })}` : ''}.</p>`;
}

/** Who to turn to when no mission is open: the emergency lines still answered, and the authority at home. */
function allDownNotice(name: string, missions: readonly Mission[], home: HomeContact | undefined, tr: Translator): SafeHtml {
  const lines = emergencyLines(missions);
  const instead = contactInstead(home, tr);
  return html`<div class="banner-urgent missions-down" role="note">
<h3>${tr.t('mission.noneInPerson')}</h3>
<p class="banner-quote">${tr.t('mission.allDown', { name })}</p>
${instead}
${lines.length
    ? html`<p>${message(tr, 'mission.inEmergency', { lines: html`${lines.map((line, i) => html`${i ? ` ${tr.t('mission.or')} ` : ''}<strong>${line.number}</strong> (${line.mission}${line.label ? `, ${line.label}` : ''})`)}` })}</p>`
    : instead ? '' : html`<p>${tr.t('mission.neighbour')}</p>`}
</div>`;
}

/** The box, with the configured authority (`home`) as who to contact when every mission is down. */
export function missionsBox(name: string, missions: readonly Mission[], home?: HomeContact, tr: Translator = translator(DEFAULT_LOCALE)): SafeHtml {
  if (missions.length === 0) return html``;
  return html`<section class="panel missions" aria-labelledby="missions-title">
<h2 id="missions-title">${tr.t('dest.missions')}</h2>
${allMissionsDown(missions) ? allDownNotice(name, missions, home, tr) : ''}
<ul class="mission-list">${missions.map((mission) => missionItem(mission, tr))}</ul>
</section>`;
}

/** Quick facts as a compact definition list in the page's side column; nothing when none are given. */
export function quickFactsBox(facts: QuickFacts | null | undefined, tr: Translator = translator(DEFAULT_LOCALE)): SafeHtml {
  if (!facts || isEmptyQuickFacts(facts)) return html``;
  const rows = QUICK_FACT_TEXTS.map(([key]) => [tr.t(`facts.${key}`), factText(facts, key, tr)] as const)
    .filter(([, value]) => value);
  return html`<section class="aside-box quick-facts" aria-labelledby="quick-facts-title">
<h2 id="quick-facts-title">${tr.t('facts.title')}</h2>
<dl>${rows.map(([label, value]) => html`<div><dt>${label}</dt><dd>${value}</dd></div>`)}</dl>
</section>`;
}

/** What the panel says for one field (src/domain/quick-facts.ts's quickFactText), with "our bank cards work" in the reader's language. */
function factText(facts: QuickFacts, key: (typeof QUICK_FACT_TEXTS)[number][0], tr: Translator): string {
  if (key !== 'bankCardsNote') return facts[key];
  const works = facts.bankCardsWork === null ? '' : tr.t(facts.bankCardsWork ? 'facts.cardsWork' : 'facts.cardsDoNotWork');
  return [works, facts.bankCardsNote].filter(Boolean).join(' ');
}
