import { findByCode } from '../../domain/destinations.ts';
import { allMissionsDown, emergencyLines, isDown, STATUS_LABELS, TYPE_LABELS, type Mission } from '../../domain/missions.ts';
import type { Identity } from '../../domain/identity.ts';
import { isEmptyQuickFacts, QUICK_FACT_TEXTS, quickFactText, type QuickFacts } from '../../domain/quick-facts.ts';
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

function missionItem(mission: Mission): SafeHtml {
  const host = mission.hostCountry ? findByCode(mission.hostCountry)?.name ?? mission.hostCountry : null;
  return html`<li class="mission mission-${mission.status}">
<h3>${mission.name}</h3>
<p class="mission-status"><strong class="${isDown(mission.status) ? 'tag-urgent' : ''}">${STATUS_LABELS[mission.status]}</strong>${mission.statusSince ? html` since ${dateTag(mission.statusSince)}` : ''}</p>
${mission.statusNote ? html`<p>${mission.statusNote}</p>` : ''}
<p class="small">${TYPE_LABELS[mission.type]}, ${mission.city}${host ? html` (hosted by ${host}'s embassy)` : ''}${mission.address ? html` · ${mission.address}` : ''}</p>
${mission.phones.length || mission.email ? html`<ul class="mission-contacts">
${mission.phones.map((phone) => html`<li>${phone.label ? html`${phone.label}: ` : ''}<a href="${telHref(phone.number)}">${phone.number}</a>${phone.emergency ? html` <strong>(24/7 emergencies)</strong>` : ''}</li>`)}
${mission.email ? html`<li>E-mail: <a href="mailto:${mission.email}">${mission.email}</a></li>` : ''}
</ul>` : ''}
${mission.hours ? html`<p class="small">Hours: ${mission.hours}</p>` : ''}
${mission.services.length ? html`<p class="small">Services: ${mission.services.join(', ')}</p>` : ''}
</li>`;
}

/** The identity's contacts a notice names: the authority, its emergency line and contact page (any may be unset). */
export type HomeContact = Pick<Identity, 'authorityName' | 'authorityShortName' | 'emergencyPhone' | 'contactUrl'>;

/** "Who to contact instead": the publishing authority's own emergency line and contact page, when configured. */
function contactInstead(home: HomeContact | undefined): SafeHtml | '' {
  if (!home || (!home.emergencyPhone && !home.contactUrl)) return '';
  return html`<p class="missions-instead">Contact ${home.authorityName} instead${
    home.emergencyPhone ? html`: call <a href="${telHref(home.emergencyPhone)}"><strong>${home.emergencyPhone}</strong></a>, day and night` : ''}${
    home.contactUrl ? html`${home.emergencyPhone ? ', or write through ' : ' through '}<a href="${home.contactUrl}">the ${home.authorityShortName} contact page</a>` : ''}.</p>`;
}

/** Who to turn to when no mission is open: the emergency lines still answered, and the authority at home. */
function allDownNotice(destinationName: string, missions: readonly Mission[], home: HomeContact | undefined): SafeHtml {
  const lines = emergencyLines(missions);
  const instead = contactInstead(home);
  return html`<div class="banner-urgent missions-down" role="note">
<h3>No embassy or consulate can help in person</h3>
<p class="banner-quote">All our embassies and consulates in ${destinationName} are suspended or closed.</p>
${instead}
${lines.length
    ? html`<p>In an emergency call ${lines.map((line, i) => html`${i ? ' or ' : ''}<strong>${line.number}</strong> (${line.mission}${line.label ? `, ${line.label}` : ''})`)}.</p>`
    : instead ? '' : html`<p>In an emergency contact the ministry at home, or the embassy of a neighbouring country.</p>`}
</div>`;
}

/** The box, with the configured authority (`home`) as who to contact when every mission is down. */
export function missionsBox(destinationName: string, missions: readonly Mission[], home?: HomeContact): SafeHtml {
  if (missions.length === 0) return html``;
  return html`<section class="panel missions" aria-labelledby="missions-title">
<h2 id="missions-title">Embassies and consulates</h2>
${allMissionsDown(missions) ? allDownNotice(destinationName, missions, home) : ''}
<ul class="mission-list">${missions.map(missionItem)}</ul>
</section>`;
}

/** Quick facts as a compact definition list in the page's side column; nothing when none are given. */
export function quickFactsBox(facts: QuickFacts | null | undefined): SafeHtml {
  if (!facts || isEmptyQuickFacts(facts)) return html``;
  const rows = QUICK_FACT_TEXTS.map(([key, label]) => [label, quickFactText(facts, key)] as const)
    .filter(([, value]) => value);
  return html`<section class="aside-box quick-facts" aria-labelledby="quick-facts-title">
<h2 id="quick-facts-title">Quick facts</h2>
<dl>${rows.map(([label, value]) => html`<div><dt>${label}</dt><dd>${value}</dd></div>`)}</dl>
</section>`;
}
