import type { mailCrisis as en } from './mailCrisis.en.ts';

export const mailCrisis: Record<keyof typeof en, string> = {
  'mailCrisis.ask': '{followUp, select, yes {Rappel : êtes-vous en sécurité ?} other {Êtes-vous en sécurité ?}}',
  'mailCrisis.intro': 'D’après nos informations, vous êtes peut-être dans la zone suivante : {area}. Merci de nous dire comment vous allez.',
  'mailCrisis.introFollowUp': 'Nous n’avons pas encore de nouvelles de vous. D’après nos informations, vous êtes peut-être dans la zone suivante : {area}. Merci de nous dire comment vous allez.',
  'mailCrisis.answer': '{answer, select, safe {Je suis en sécurité} need_help {J’ai besoin d’aide} other {Je ne suis pas sur place / je suis parti}}',
  'mailCrisis.linkOpens': 'Le lien ouvre une page où vous confirmez la réponse ; vous pourrez ensuite dire où vous êtes, qui est avec vous, et ajouter une note.',
  'mailCrisis.latestCounts': 'Si votre situation change, répondez à nouveau : c’est la dernière réponse qui compte.',
  'mailCrisis.departureSubject': 'Votre départ : {label} – {title}',
  'mailCrisis.departure': 'Départ :',
  'mailCrisis.meetingPoint': 'Point de rendez-vous :',
  'mailCrisis.meetingTime': 'Heure du rendez-vous :',
  'mailCrisis.departureLink': 'Votre demande et ce départ',
  'mailCrisis.contactSubject': 'Avez-vous des nouvelles de {person} ? – {title}',
  'mailCrisis.contactYourContact': 'votre proche',
  'mailCrisis.contactSomeone': 'une personne qui vous a désigné comme contact d’urgence',
  'mailCrisis.contactDear': 'Bonjour {name},',
  'mailCrisis.contactIntro': '{person} vous a désigné comme contact d’urgence et a accepté que nous vous interrogions si nous ne parvenions pas à le joindre. D’après nos informations, cette personne est peut-être dans la zone suivante : {area}, et elle n’a pas répondu à notre demande de nouvelles (« {title} »). Avez-vous de ses nouvelles ?',
  'mailCrisis.contactAnswer': '{answer, select, heard_safe {J’ai eu de ses nouvelles : elle est en sécurité} heard_need_help {J’ai eu de ses nouvelles : elle a besoin d’aide} other {Je n’ai pas eu de ses nouvelles}}',
  'mailCrisis.contactOnce': 'Le lien ouvre une page où vous confirmez la réponse. Nous ne vous interrogeons qu’une fois pour cette crise.',
};
