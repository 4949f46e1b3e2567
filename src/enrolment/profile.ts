import { EnrolmentError, type EnrolmentContext } from './context.ts';
import { findDestination, LANGUAGES, validEmail, validPhone } from './validation.ts';

export interface EmergencyContact {
  name: string;
  phone: string;
  relation: string;
  /** Needed to ask them in a crisis (docs/crises.md, "Asking emergency contacts"). */
  email?: string;
  /** The traveller agrees we may e-mail this contact when they do not answer a check-in. */
  askInCrisis?: boolean;
}

export interface Profile {
  id: number;
  email: string;
  name: string;
  phone: string | null;
  language: string;
  citizenships: string[];
  emergencyContacts: EmergencyContact[];
  tripPreferences: { advisories: boolean; alerts: boolean; routine: boolean; frequency: 'immediate' | 'digest' };
  /** "Tell me when another government changes its advice for my destinations": off until chosen, digest by default. */
  peerChanges: { enabled: boolean; frequency: 'immediate' | 'digest' };
  confirmedBy: 'link' | 'organisation';
  createdAt: string;
  unsubscribedAt: string | null;
}

export async function getProfile(ctx: EnrolmentContext, travellerId: number): Promise<Profile | null> {
  const row = await ctx.db.selectFrom('travellers').selectAll().where('id', '=', travellerId).executeTakeFirst();
  if (!row) return null;
  const citizenships = await ctx.db.selectFrom('traveller_citizenships').select('country_code').where('traveller_id', '=', travellerId).orderBy('country_code').execute();
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    phone: row.phone,
    language: row.language,
    citizenships: citizenships.map((c) => c.country_code),
    emergencyContacts: JSON.parse(row.emergency_contacts) as EmergencyContact[],
    tripPreferences: { advisories: row.trip_advisories === 1, alerts: row.trip_alerts === 1, routine: row.trip_routine === 1, frequency: row.trip_frequency },
    peerChanges: { enabled: Number(row.peer_changes) === 1, frequency: row.peer_frequency },
    confirmedBy: row.confirmed_by,
    createdAt: row.created_at,
    unsubscribedAt: row.unsubscribed_at,
  };
}

export interface ProfileInput {
  name?: unknown;
  phone?: unknown;
  language?: unknown;
  /** Codes or names; several for dual nationals. */
  citizenships?: unknown;
  emergencyContacts?: unknown;
}

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/** Validates everything first and then writes it in one transaction: a bad field changes nothing. */
export async function updateProfile(ctx: EnrolmentContext, travellerId: number, input: ProfileInput): Promise<void> {
  const name = text(input.name);
  if (name.length > 200) throw new EnrolmentError('Your name can be at most 200 characters long.', 400, 'name');
  const phone = text(input.phone);
  if (phone && !validPhone(phone)) throw new EnrolmentError('Enter the phone number with digits only, ideally with the country code (+44 20 7946 0000).', 400, 'phone');
  const language = text(input.language) || 'en';
  if (!Object.hasOwn(LANGUAGES, language)) throw new EnrolmentError(`Unknown language "${language.slice(0, 20)}".`, 400, 'language');
  const given = Array.isArray(input.citizenships) ? input.citizenships : typeof input.citizenships === 'string' ? input.citizenships.split(/[,;]/) : [];
  const citizenships = new Set<string>();
  for (const entry of given) {
    if (typeof entry !== 'string' || !entry.trim()) continue;
    const destination = findDestination(entry);
    if (!destination) throw new EnrolmentError(`Unknown country "${entry.trim().slice(0, 60)}" among your citizenships.`, 400, 'citizenships');
    citizenships.add(destination.code);
  }
  if (citizenships.size > 10) throw new EnrolmentError('At most 10 citizenships.', 400, 'citizenships');
  const contacts: EmergencyContact[] = [];
  for (const entry of Array.isArray(input.emergencyContacts) ? input.emergencyContacts : []) {
    const contact = entry as Partial<Record<keyof EmergencyContact, unknown>>;
    const c: EmergencyContact = { name: text(contact.name), phone: text(contact.phone), relation: text(contact.relation) };
    const email = text(contact.email);
    if (!c.name && !c.phone && !c.relation && !email) continue;
    if (email) {
      const valid = validEmail(email);
      if (!valid) throw new EnrolmentError(`The e-mail address of ${(c.name || 'an emergency contact').slice(0, 60)} is not valid.`, 400, 'emergencyContacts');
      c.email = valid;
    }
    if (contact.askInCrisis === true) {
      if (!c.email) throw new EnrolmentError(`To let us ask ${(c.name || 'an emergency contact').slice(0, 60)} in a crisis, give their e-mail address.`, 400, 'emergencyContacts');
      c.askInCrisis = true;
    }
    if (!c.name || !c.phone) throw new EnrolmentError('Each emergency contact needs a name and a phone number.', 400, 'emergencyContacts');
    if (!validPhone(c.phone)) throw new EnrolmentError(`The phone number of ${c.name.slice(0, 60)} is not valid.`, 400, 'emergencyContacts');
    if (c.name.length > 200 || c.relation.length > 100) throw new EnrolmentError('Emergency contact names are at most 200 characters.', 400, 'emergencyContacts');
    contacts.push(c);
  }
  if (contacts.length > 5) throw new EnrolmentError('At most 5 emergency contacts.', 400, 'emergencyContacts');
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('travellers').set({ name, phone: phone || null, language, emergency_contacts: JSON.stringify(contacts) }).where('id', '=', travellerId).execute();
    await trx.deleteFrom('traveller_citizenships').where('traveller_id', '=', travellerId).execute();
    if (citizenships.size) {
      await trx.insertInto('traveller_citizenships').values([...citizenships].map((country_code) => ({ traveller_id: travellerId, country_code }))).execute();
    }
  });
}
