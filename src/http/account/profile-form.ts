import type { EmergencyContact, Profile } from '../../enrolment/profile.ts';
import { LANGUAGES } from '../../enrolment/validation.ts';
import { DESTINATIONS } from '../../domain/destinations.ts';
import { html, type SafeHtml } from '../html.ts';
import { csrfField } from './layout.ts';

/** The profile form (its page is /account/profile; it posts to /account/profile, home.ts). */
export function profileForm(profile: Profile, csrf: string): SafeHtml {
  const citizenships = [0, 1, 2].map((i) => {
    const code = profile.citizenships[i];
    return code ? DESTINATIONS.find((d) => d.code === code)?.name ?? code : '';
  });
  const contacts = [0, 1].map((i): EmergencyContact => profile.emergencyContacts[i] ?? { name: '', phone: '', relation: '' });
  return html`<form method="post" action="/account/profile">${csrfField(csrf)}
<div class="form-grid">
<div class="field"><label for="name">Name</label><input id="name" name="name" type="text" autocomplete="name" maxlength="200" value="${profile.name}"></div>
<div class="field"><label for="phone">Phone (optional)</label><input id="phone" name="phone" type="tel" autocomplete="tel" maxlength="30" value="${profile.phone ?? ''}"></div>
<div class="field"><label for="language">Language of messages</label><select id="language" name="language">${Object.entries(LANGUAGES).map(([code, name]) => html`<option value="${code}"${code === profile.language ? html` selected` : ''}>${name}</option>`)}</select></div>
</div>
<fieldset class="field"><legend>Citizenships</legend><p class="hint">All of them: advisories for dual nationals can then reach you.</p>
<div class="form-grid">${citizenships.map((value, i) => html`<input name="citizenship" type="text" list="destination-names" autocomplete="off" aria-label="Citizenship ${i + 1}" value="${value}">`)}</div></fieldset>
<fieldset class="field"><legend>Emergency contacts</legend>
${contacts.map((c, i) => html`<div class="form-grid">
<div class="field"><label for="contact-name-${i}">Name<span class="visually-hidden"> of emergency contact ${i + 1}</span></label><input id="contact-name-${i}" name="contact_name" type="text" maxlength="200" value="${c.name}"></div>
<div class="field"><label for="contact-phone-${i}">Phone<span class="visually-hidden"> of emergency contact ${i + 1}</span></label><input id="contact-phone-${i}" name="contact_phone" type="tel" maxlength="30" value="${c.phone}"></div>
<div class="field"><label for="contact-relation-${i}">Relation<span class="visually-hidden"> of emergency contact ${i + 1}</span></label><input id="contact-relation-${i}" name="contact_relation" type="text" maxlength="100" value="${c.relation}"></div>
<div class="field"><label for="contact-email-${i}">E-mail<span class="visually-hidden"> of emergency contact ${i + 1}</span></label><input id="contact-email-${i}" name="contact_email" type="email" maxlength="254" value="${c.email ?? ''}"></div>
<div class="field"><label><input type="checkbox" name="contact_ask" value="${i}"${c.askInCrisis ? html` checked` : ''}> If I do not answer a crisis check-in, you may e-mail this contact once to ask whether they have heard from me</label></div>
</div>`)}</fieldset>
<button type="submit">Save profile</button>
</form>`;
}
