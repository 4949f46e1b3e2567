import type { EmergencyContact, Profile } from '../../enrolment/profile.ts';
import { LANGUAGES } from '../../enrolment/validation.ts';
import { findByCode } from '../../domain/destinations.ts';
import { destinationName } from '../../i18n/destination-names.ts';
import type { Translator } from '../../i18n/translator.ts';
import { html, type SafeHtml } from '../html.ts';
import { csrfField } from './layout.ts';

/**
 * The profile form (its page is /account/profile; it posts to /account/profile, home.ts). The
 * languages offered are those messages are written in; for a stored language no longer offered (an
 * "es" from before) none is selected, the browser shows English, and that is what they are sent.
 */
export function profileForm(tr: Translator, profile: Profile, csrf: string): SafeHtml {
  const citizenships = [0, 1, 2].map((i) => {
    const code = profile.citizenships[i];
    return code ? (findByCode(code) ? destinationName(code, tr.locale) : code) : '';
  });
  const contacts = [0, 1].map((i): EmergencyContact => profile.emergencyContacts[i] ?? { name: '', phone: '', relation: '' });
  const languages = Object.entries(LANGUAGES);
  const contactField = (i: number, key: string, label: string, input: SafeHtml) =>
    html`<div class="field"><label for="contact-${key}-${i}">${label}<span class="visually-hidden"> ${tr.t('accountSettings.profile.ofContact', { n: i + 1 })}</span></label>${input}</div>`;
  return html`<form method="post" action="/account/profile">${csrfField(csrf)}
<div class="form-grid">
<div class="field"><label for="name">${tr.t('accountSettings.profile.name')}</label><input id="name" name="name" type="text" autocomplete="name" maxlength="200" value="${profile.name}"></div>
<div class="field"><label for="phone">${tr.t('accountSettings.profile.phone')}</label><input id="phone" name="phone" type="tel" autocomplete="tel" maxlength="30" value="${profile.phone ?? ''}"></div>
<div class="field"><label for="language">${tr.t('accountSettings.profile.language')}</label><select id="language" name="language">${languages.map(([code, name]) => html`<option value="${code}" lang="${code}"${code === profile.language ? html` selected` : ''}>${name}</option>`)}</select></div>
</div>
<fieldset class="field"><legend>${tr.t('accountSettings.profile.citizenships')}</legend><p class="hint">${tr.t('accountSettings.profile.citizenshipsHint')}</p>
<div class="form-grid">${citizenships.map((value, i) => html`<input name="citizenship" type="text" list="destination-names" autocomplete="off" aria-label="${tr.t('accountSettings.profile.citizenship', { n: i + 1 })}" value="${value}">`)}</div></fieldset>
<fieldset class="field"><legend>${tr.t('accountSettings.profile.contacts')}</legend>
${contacts.map((c, i) => html`<div class="form-grid">
${contactField(i, 'name', tr.t('accountSettings.profile.name'), html`<input id="contact-name-${i}" name="contact_name" type="text" maxlength="200" value="${c.name}">`)}
${contactField(i, 'phone', tr.t('accountSettings.profile.contactPhone'), html`<input id="contact-phone-${i}" name="contact_phone" type="tel" maxlength="30" value="${c.phone}">`)}
${contactField(i, 'relation', tr.t('accountSettings.profile.relation'), html`<input id="contact-relation-${i}" name="contact_relation" type="text" maxlength="100" value="${c.relation}">`)}
${contactField(i, 'email', tr.t('accountSettings.profile.email'), html`<input id="contact-email-${i}" name="contact_email" type="email" maxlength="254" value="${c.email ?? ''}">`)}
<div class="field"><label><input type="checkbox" name="contact_ask" value="${i}"${c.askInCrisis ? html` checked` : ''}> ${tr.t('accountSettings.profile.ask')}</label></div>
</div>`)}</fieldset>
<button type="submit">${tr.t('accountSettings.profile.save')}</button>
</form>`;
}
