/**
 * Every message, per language, gathered from the per-area files in messages/ (`<area>.<locale>.ts`).
 * Each area's French file is typed as a record of the English file's keys, so a missing or extra
 * message fails the type check; catalog.test.ts also checks that every message parses as ICU
 * MessageFormat with the same arguments in both languages, and that no two areas share a key.
 */
import type { Locale } from './locales.ts';
import { common as commonEn } from './messages/common.en.ts';
import { common as commonFr } from './messages/common.fr.ts';
import { mail as mailEn } from './messages/mail.en.ts';
import { mail as mailFr } from './messages/mail.fr.ts';
import { mailAdvisory as mailAdvisoryEn } from './messages/mailAdvisory.en.ts';
import { mailAdvisory as mailAdvisoryFr } from './messages/mailAdvisory.fr.ts';
import { mailAlert as mailAlertEn } from './messages/mailAlert.en.ts';
import { mailAlert as mailAlertFr } from './messages/mailAlert.fr.ts';
import { mailCrisis as mailCrisisEn } from './messages/mailCrisis.en.ts';
import { mailCrisis as mailCrisisFr } from './messages/mailCrisis.fr.ts';
import { mailEnrolment as mailEnrolmentEn } from './messages/mailEnrolment.en.ts';
import { mailEnrolment as mailEnrolmentFr } from './messages/mailEnrolment.fr.ts';
import { mailTravel as mailTravelEn } from './messages/mailTravel.en.ts';
import { mailTravel as mailTravelFr } from './messages/mailTravel.fr.ts';
import { mailOrganisation as mailOrganisationEn } from './messages/mailOrganisation.en.ts';
import { mailOrganisation as mailOrganisationFr } from './messages/mailOrganisation.fr.ts';
import { sms as smsEn } from './messages/sms.en.ts';
import { sms as smsFr } from './messages/sms.fr.ts';
import { account as accountEn } from './messages/account.en.ts';
import { account as accountFr } from './messages/account.fr.ts';
import { accountTrips as accountTripsEn } from './messages/account-trips.en.ts';
import { accountTrips as accountTripsFr } from './messages/account-trips.fr.ts';
import { accountSettings as accountSettingsEn } from './messages/account-settings.en.ts';
import { accountSettings as accountSettingsFr } from './messages/account-settings.fr.ts';
import { accountErrors as accountErrorsEn } from './messages/account-errors.en.ts';
import { accountErrors as accountErrorsFr } from './messages/account-errors.fr.ts';
import { accountReasons as accountReasonsEn } from './messages/account-reasons.en.ts';
import { accountReasons as accountReasonsFr } from './messages/account-reasons.fr.ts';
import { accountAnswers as accountAnswersEn } from './messages/account-answers.en.ts';
import { accountAnswers as accountAnswersFr } from './messages/account-answers.fr.ts';
import { accountOrganisations as accountOrganisationsEn } from './messages/account-organisations.en.ts';
import { accountOrganisations as accountOrganisationsFr } from './messages/account-organisations.fr.ts';
import { translations as translationsEn } from './messages/translations.en.ts';
import { translations as translationsFr } from './messages/translations.fr.ts';
import { site as siteEn } from './messages/site.en.ts';
import { site as siteFr } from './messages/site.fr.ts';
import { siteHome as siteHomeEn } from './messages/site-home.en.ts';
import { siteHome as siteHomeFr } from './messages/site-home.fr.ts';
import { siteDestination as siteDestinationEn } from './messages/site-destination.en.ts';
import { siteDestination as siteDestinationFr } from './messages/site-destination.fr.ts';
import { console as consoleEn } from './messages/console.en.ts';
import { console as consoleFr } from './messages/console.fr.ts';
import { consoleAlerts as consoleAlertsEn } from './messages/console-alerts.en.ts';
import { consoleAlerts as consoleAlertsFr } from './messages/console-alerts.fr.ts';
import { consoleAlertErrors as consoleAlertErrorsEn } from './messages/console-alert-errors.en.ts';
import { consoleAlertErrors as consoleAlertErrorsFr } from './messages/console-alert-errors.fr.ts';
import { consoleAdmin as consoleAdminEn } from './messages/console-admin.en.ts';
import { consoleAdmin as consoleAdminFr } from './messages/console-admin.fr.ts';
import { consoleEditorial as consoleEditorialEn } from './messages/console-editorial.en.ts';
import { consoleEditorial as consoleEditorialFr } from './messages/console-editorial.fr.ts';
import { consoleDrafts as consoleDraftsEn } from './messages/console-drafts.en.ts';
import { consoleDrafts as consoleDraftsFr } from './messages/console-drafts.fr.ts';
import { consoleRefusals as consoleRefusalsEn } from './messages/console-refusals.en.ts';
import { consoleRefusals as consoleRefusalsFr } from './messages/console-refusals.fr.ts';
import { siteAlerts as siteAlertsEn } from './messages/site-alerts.en.ts';
import { siteAlerts as siteAlertsFr } from './messages/site-alerts.fr.ts';
import { consoleCrises as consoleCrisesEn } from './messages/console-crises.en.ts';
import { consoleCrises as consoleCrisesFr } from './messages/console-crises.fr.ts';
import { consoleCases as consoleCasesEn } from './messages/console-cases.en.ts';
import { consoleCases as consoleCasesFr } from './messages/console-cases.fr.ts';
import { consoleNotifications as consoleNotificationsEn } from './messages/console-notifications.en.ts';
import { consoleNotifications as consoleNotificationsFr } from './messages/console-notifications.fr.ts';
import { consoleCrisisErrors as consoleCrisisErrorsEn } from './messages/console-crisis-errors.en.ts';
import { consoleCrisisErrors as consoleCrisisErrorsFr } from './messages/console-crisis-errors.fr.ts';

/** Each area's catalogue per language; one line per area, so areas are added without touching others. */
export const AREAS = {
  common: { en: commonEn, fr: commonFr },
  mail: { en: mailEn, fr: mailFr },
  mailAdvisory: { en: mailAdvisoryEn, fr: mailAdvisoryFr },
  mailAlert: { en: mailAlertEn, fr: mailAlertFr },
  mailCrisis: { en: mailCrisisEn, fr: mailCrisisFr },
  mailEnrolment: { en: mailEnrolmentEn, fr: mailEnrolmentFr },
  mailTravel: { en: mailTravelEn, fr: mailTravelFr },
  mailOrganisation: { en: mailOrganisationEn, fr: mailOrganisationFr },
  sms: { en: smsEn, fr: smsFr },
  account: { en: accountEn, fr: accountFr },
  accountTrips: { en: accountTripsEn, fr: accountTripsFr },
  accountSettings: { en: accountSettingsEn, fr: accountSettingsFr },
  accountErrors: { en: accountErrorsEn, fr: accountErrorsFr },
  accountReasons: { en: accountReasonsEn, fr: accountReasonsFr },
  accountAnswers: { en: accountAnswersEn, fr: accountAnswersFr },
  accountOrganisations: { en: accountOrganisationsEn, fr: accountOrganisationsFr },
  translations: { en: translationsEn, fr: translationsFr },
  site: { en: siteEn, fr: siteFr },
  siteHome: { en: siteHomeEn, fr: siteHomeFr },
  siteDestination: { en: siteDestinationEn, fr: siteDestinationFr },
  siteAlerts: { en: siteAlertsEn, fr: siteAlertsFr },
  console: { en: consoleEn, fr: consoleFr },
  consoleAlerts: { en: consoleAlertsEn, fr: consoleAlertsFr },
  consoleAlertErrors: { en: consoleAlertErrorsEn, fr: consoleAlertErrorsFr },
  consoleAdmin: { en: consoleAdminEn, fr: consoleAdminFr },
  consoleCrises: { en: consoleCrisesEn, fr: consoleCrisesFr },
  consoleCases: { en: consoleCasesEn, fr: consoleCasesFr },
  consoleNotifications: { en: consoleNotificationsEn, fr: consoleNotificationsFr },
  consoleCrisisErrors: { en: consoleCrisisErrorsEn, fr: consoleCrisisErrorsFr },
  consoleEditorial: { en: consoleEditorialEn, fr: consoleEditorialFr },
  consoleDrafts: { en: consoleDraftsEn, fr: consoleDraftsFr },
  consoleRefusals: { en: consoleRefusalsEn, fr: consoleRefusalsFr },
};

type Areas = typeof AREAS;
type EnglishOf<A> = A extends { en: infer E } ? E : never;
export type MessageId = { [K in keyof Areas]: keyof EnglishOf<Areas[K]> }[keyof Areas] & string;

function merged(locale: Locale): Record<MessageId, string> {
  return Object.assign({}, ...Object.values(AREAS).map((area) => area[locale])) as Record<MessageId, string>;
}

export const CATALOGS: Record<Locale, Record<MessageId, string>> = { en: merged('en'), fr: merged('fr') };
