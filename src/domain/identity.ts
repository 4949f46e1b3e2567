import { checkBrandColour } from './contrast.ts';

/**
 * Who publishes on this deployment (docs/identity.md): the authority's names, the noun generated
 * text uses for the people it advises, the brand colour, how to reach it. Advisories published
 * here are credited to `authorityName`; "Waypost" is only the software ("Powered by Waypost").
 */
export interface Identity {
  authorityName: string;
  authorityShortName: string;
  /** "U.S. citizens", "British nationals": generated text says "<citizenNoun> should leave immediately". */
  citizenNoun: string;
  /** Six-digit hex; white text on it reaches WCAG AA (src/domain/contrast.ts). */
  brandColour: string;
  emergencyPhone: string | null;
  contactUrl: string | null;
  footerLinks: FooterLink[];
}

export interface FooterLink {
  label: string;
  url: string;
}

export type IdentityField = keyof Identity;

/** What a deployment is before anyone configures it: the software's own name and the site's default navy. */
export const DEFAULT_IDENTITY: Identity = {
  authorityName: 'Waypost',
  authorityShortName: 'Waypost',
  citizenNoun: 'Citizens',
  brandColour: '#0c2d48',
  emergencyPhone: null,
  contactUrl: null,
  footerLinks: [],
};

export interface FieldError {
  field: string;
  message: string;
}

const TEXT_LIMITS: Record<'authorityName' | 'authorityShortName' | 'citizenNoun', number> = { authorityName: 120, authorityShortName: 40, citizenNoun: 60 };
const MAX_FOOTER_LINKS = 8;
// Control characters would reach headers (e-mail From) and XML (CAP, Atom): none in a name.
const CONTROL = { test: (text: string) => [...text].some((c) => { const code = c.codePointAt(0)!; return code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029; }) };

function readText(value: unknown, field: keyof typeof TEXT_LIMITS, errors: FieldError[]): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return void errors.push({ field, message: 'must be a non-empty text' });
  const text = value.trim().replace(/\s+/g, ' ');
  if (CONTROL.test(value.replace(/[\t\n\r]/g, ' '))) return void errors.push({ field, message: 'must not contain control characters' });
  if (text.length > TEXT_LIMITS[field]) return void errors.push({ field, message: `must be at most ${TEXT_LIMITS[field]} characters` });
  return text;
}

/** Public links only: http(s), no credentials in them. */
export function readPublicUrl(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 500 || CONTROL.test(value)) return null;
  try {
    const url = new URL(value.trim());
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password) return null;
    return url.href;
  } catch {
    return null;
  }
}

function readNullable<T>(value: unknown, field: string, errors: FieldError[], read: (v: unknown) => T | null, message: string): T | null | undefined {
  if (value === null || value === '') return null;
  const parsed = read(value);
  if (parsed === null) return void errors.push({ field, message });
  return parsed;
}

/** A phone number as people write it: digits, spaces, +, dots, dashes, brackets; at least 3 digits (112) and at most 20. */
function readPhone(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  const digits = text.replace(/\D/g, '').length;
  return /^\+?[\d\s().-]{3,30}$/.test(text) && digits >= 3 && digits <= 20 ? text : null;
}

function readFooterLinks(value: unknown, errors: FieldError[]): FooterLink[] | undefined {
  if (!Array.isArray(value) || value.length > MAX_FOOTER_LINKS) return void errors.push({ field: 'footerLinks', message: `must be a list of at most ${MAX_FOOTER_LINKS} { label, url }` });
  const links: FooterLink[] = [];
  value.forEach((item: unknown, index) => {
    const { label, url } = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
    const text = typeof label === 'string' ? label.trim() : '';
    const href = readPublicUrl(url);
    if (!text || text.length > 60 || CONTROL.test(text)) errors.push({ field: `footerLinks.${index}.label`, message: 'must be a text of 1 to 60 characters' });
    else if (!href) errors.push({ field: `footerLinks.${index}.url`, message: 'must be an http or https URL' });
    else links.push({ label: text, url: href });
  });
  return links;
}

/** The colour rule's refusal, with the figures an admin needs to pick a darker shade. */
export function brandColourError(value: unknown): string | null {
  const check = typeof value === 'string' ? checkBrandColour(value) : null;
  if (!check) return 'must be a colour like #1d4f91 (a # and six hex digits)';
  if (!check.legible) return `white header text on ${String(value)} has a contrast of ${check.white}:1; WCAG AA needs 4.5:1, so pick a darker colour`;
  return null;
}

/**
 * Reads the changes an admin asks for (any subset of the fields); unknown fields are refused so a
 * misspelt one is not silently ignored. Every problem is reported, each naming its field.
 */
export function readIdentityChanges(body: unknown): { ok: true; changes: Partial<Identity> } | { ok: false; errors: FieldError[] } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, errors: [{ field: 'body', message: 'must be a JSON object' }] };
  const input = body as Record<string, unknown>;
  const errors: FieldError[] = [];
  const changes: Partial<Identity> = {};
  for (const key of Object.keys(input)) if (!(key in DEFAULT_IDENTITY)) errors.push({ field: key, message: 'is not an identity setting' });
  for (const field of ['authorityName', 'authorityShortName', 'citizenNoun'] as const) {
    if (field in input) {
      const text = readText(input[field], field, errors);
      if (text !== undefined) changes[field] = text;
    }
  }
  if ('brandColour' in input) {
    const error = brandColourError(input.brandColour);
    if (error) errors.push({ field: 'brandColour', message: error });
    else changes.brandColour = (input.brandColour as string).toLowerCase();
  }
  if ('emergencyPhone' in input) {
    const phone = readNullable(input.emergencyPhone, 'emergencyPhone', errors, readPhone, 'must be a phone number (digits, spaces, +, dashes, brackets) or null');
    if (phone !== undefined) changes.emergencyPhone = phone;
  }
  if ('contactUrl' in input) {
    const url = readNullable(input.contactUrl, 'contactUrl', errors, readPublicUrl, 'must be an http or https URL, or null');
    if (url !== undefined) changes.contactUrl = url;
  }
  if ('footerLinks' in input) {
    const links = readFooterLinks(input.footerLinks, errors);
    if (links !== undefined) changes.footerLinks = links;
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, changes };
}

/**
 * The environment's defaults (docs/deployment.md): AUTHORITY_NAME, AUTHORITY_SHORT_NAME,
 * CITIZEN_NOUN, BRAND_COLOUR, EMERGENCY_PHONE, CONTACT_URL, FOOTER_LINKS ("Label|https://…"
 * pairs separated by ";"). Settings saved in the console win over them. A bad value stops start-up
 * with the field's message rather than serving an illegible or unattributed site.
 */
export function identityFromEnvironment(env: Record<string, string | undefined>): Identity {
  const raw: Record<string, unknown> = {};
  const names: [IdentityField, string][] = [
    ['authorityName', 'AUTHORITY_NAME'], ['authorityShortName', 'AUTHORITY_SHORT_NAME'], ['citizenNoun', 'CITIZEN_NOUN'],
    ['brandColour', 'BRAND_COLOUR'], ['emergencyPhone', 'EMERGENCY_PHONE'], ['contactUrl', 'CONTACT_URL'],
  ];
  for (const [field, name] of names) if (env[name]) raw[field] = env[name];
  if (env.FOOTER_LINKS) {
    raw.footerLinks = env.FOOTER_LINKS.split(';').filter((pair) => pair.trim()).map((pair) => {
      const at = pair.indexOf('|');
      return at < 0 ? { label: pair, url: '' } : { label: pair.slice(0, at), url: pair.slice(at + 1).trim() };
    });
  }
  const read = readIdentityChanges(raw);
  if (!read.ok) {
    const variable = (field: string) => names.find(([f]) => field === f)?.[1] ?? 'FOOTER_LINKS';
    throw new Error(read.errors.map((e) => `${variable(e.field.split('.')[0]!)} ${e.message}`).join('; '));
  }
  // With only a full name set, the short name follows it rather than staying "Waypost".
  const named = read.changes.authorityName && !read.changes.authorityShortName ? { authorityShortName: read.changes.authorityName.slice(0, TEXT_LIMITS.authorityShortName) } : {};
  return { ...DEFAULT_IDENTITY, ...named, ...read.changes };
}
