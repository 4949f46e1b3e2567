import type { MessageId } from '../../i18n/catalog.ts';
import type { Translator } from '../../i18n/translator.ts';
import { html, type SafeHtml } from '../html.ts';
import { errorSummary, type FieldMessage } from './layout.ts';
import { refusalText, type RefusalPattern } from '../refusal-text.ts';

/**
 * The refusals the administration pages show (sign-in, staff accounts, tokens, identity and logo,
 * organisations) in the staff member's language. The domain (src/staff, src/domain/identity.ts,
 * logo.ts, src/enrolment/verification.ts) speaks English, as the API's problem details do; pages
 * translate here, at the edge, by the English text: one exact text, or a pattern with the parts it
 * quotes. The console's language test holds each catalogue English text to the domain's. A
 * refusal not listed is shown as written.
 */

const EXACT: Record<string, MessageId> = {
  'That e-mail address and password do not match a staff account that can sign in.': 'consoleAdmin.signIn.wrong',
  'is not a valid e-mail address': 'consoleAdmin.users.badEmail',
  'Give a valid e-mail address, like analyst@example.org.': 'consoleAdmin.users.badEmailSentence',
  'is not a role': 'consoleAdmin.users.notARole',
  'already has an account': 'consoleAdmin.users.taken',
  'You cannot remove your own admin role or disable your own account: ask another admin.': 'consoleAdmin.users.self',
  'must be a non-empty text': 'consoleAdmin.identity.nonEmpty',
  'must not contain control characters': 'consoleAdmin.identity.control',
  'must be a text of 1 to 60 characters': 'consoleAdmin.identity.linkLabel',
  'must be an http or https URL': 'consoleAdmin.identity.url',
  'must be a colour like #1d4f91 (a # and six hex digits)': 'consoleAdmin.identity.colour',
  'must be a phone number (digits, spaces, +, dashes, brackets) or null': 'consoleAdmin.identity.phone',
  'must be an http or https URL, or null': 'consoleAdmin.identity.urlOrNull',
  'choose an SVG or PNG file': 'consoleAdmin.identity.chooseLogo',
  'an SVG logo may not declare a DOCTYPE or entities': 'consoleAdmin.identity.logoDoctype',
  'the SVG logo is not well-formed XML': 'consoleAdmin.identity.logoXml',
  'the logo file is empty': 'consoleAdmin.identity.logoEmpty',
  'the file is not a PNG image (its signature is wrong)': 'consoleAdmin.identity.logoPng',
  'the logo must be an SVG (image/svg+xml) or PNG (image/png) image': 'consoleAdmin.identity.logoType',
  'There is no such organisation.': 'consoleAdmin.orgs.noSuch',
  'Only staff admins can verify organisations or withdraw their verification.': 'consoleAdmin.orgs.onlyAdmins',
  'Someone else changed this organisation at the same moment; reload and try again.': 'consoleAdmin.orgs.race',
};


const PATTERNS: readonly RefusalPattern[] = [
  [/^Too many failed sign-ins for this address from here\. Try again in (\d+) minutes\.$/, 'consoleAdmin.signIn.tooManyAddress', (m) => ({ minutes: Number(m[1]) })],
  [/^Too many failed sign-ins from here\. Try again in (\d+) minutes\.$/, 'consoleAdmin.signIn.tooMany', (m) => ({ minutes: Number(m[1]) })],
  [/^must be one of (.*)$/, 'consoleAdmin.users.roleOneOf', (m) => ({ roles: m[1] })],
  [/^The role must be one of (.*)\.$/, 'consoleAdmin.users.roleOneOfSentence', (m) => ({ roles: m[1] })],
  [/^There is already a staff account for (.*)\.$/s, 'consoleAdmin.users.takenSentence', (m) => ({ email: m[1] })],
  [/^There is no staff account (\d+)\.$/, 'consoleAdmin.users.noAccount', (m) => ({ id: m[1] })],
  [/^There is no token (\d+) of yours\.$/, 'consoleAdmin.tokens.notYours', (m) => ({ id: m[1] })],
  [/^must be at most (\d+) characters$/, 'consoleAdmin.identity.tooLong', (m) => ({ max: Number(m[1]) })],
  [/^white header text on (.*) has a contrast of ([\d.]+):1; WCAG AA needs 4\.5:1, so pick a darker colour$/s, 'consoleAdmin.identity.contrast', (m) => ({ colour: m[1], ratio: m[2]!.replace('.', ',') })],
  [/^the logo file is not an SVG document \(its root element must be (<svg>)\)$/, 'consoleAdmin.identity.logoRoot', (m) => ({ root: m[1] })],
  [/^the logo must be at most (\d+) KB \(this one is (\d+) KB\)$/, 'consoleAdmin.identity.logoSize', (m) => ({ max: Number(m[1]), size: Number(m[2]) })],
];

/** One refusal of the administration pages in the staff member's language. */
export const adminRefusalText = (tr: Translator, message: string): string => refusalText(tr, message, EXACT, PATTERNS);

export const adminRefusals = (tr: Translator, errors: readonly FieldMessage[]): FieldMessage[] =>
  errors.map((e) => ({ field: e.field, message: adminRefusalText(tr, e.message) }));

/**
 * The error summary of an administration form: layout.ts's in English (byte for byte), in French
 * the same markup with the field named by `label` (layout.ts's field labels are English only).
 */
export function adminErrorSummary(tr: Translator, errors: readonly FieldMessage[], label: (field: string) => string): SafeHtml | '' {
  if (tr.locale === 'en') return errorSummary(errors);
  if (errors.length === 0) return '';
  return html`<div class="problem" role="alert" tabindex="-1" id="errors"><h2>${tr.t('console.errorSummary')}</h2><ul>${errors.map((e) =>
    html`<li>${e.field ? html`<a href="#f-${e.field.replace(/\./g, '-')}">${label(e.field)}</a> : ` : ''}${e.message}</li>`)}</ul></div>`;
}

/** For the test: every refusal this module knows. */
export const KNOWN_ADMIN_REFUSALS = { EXACT, PATTERNS };
