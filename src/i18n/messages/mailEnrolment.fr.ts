import type { mailEnrolment as en } from './mailEnrolment.en.ts';

export const mailEnrolment: Record<keyof typeof en, string> = {
  'mailEnrolment.signInSubject': 'Votre lien de connexion à {service}',
  'mailEnrolment.confirmSubject': 'Confirmez votre adresse e-mail pour {service}',
  'mailEnrolment.signInIntro': 'Quelqu’un (vous, nous l’espérons) a demandé à se connecter à {service} avec cette adresse.',
  'mailEnrolment.confirmIntro': 'Quelqu’un (vous, nous l’espérons) a demandé à s’inscrire aux conseils aux voyageurs de {authority} avec cette adresse.',
  'mailEnrolment.signIn': 'Se connecter',
  'mailEnrolment.confirm': 'Confirmer votre adresse',
  'mailEnrolment.within': '{action} : ouvrez ce lien dans les 15 minutes. Il ne fonctionne qu’une fois.',
  'mailEnrolment.worksOnce': '(le lien ne fonctionne qu’une fois, pendant 15 minutes).',
  'mailEnrolment.notYou': 'Si ce n’était pas vous, ignorez cet e-mail : rien ne se passe sans le lien.',
  'mailEnrolment.tripSubject': 'Voyage enregistré : {where}',
  'mailEnrolment.enrolledFor': 'Vous êtes inscrit pour {where}, {when}.',
  'mailEnrolment.dates': 'du {start} au {end}',
  'mailEnrolment.residing': 'à partir du {start}, résidant à l’étranger',
  'mailEnrolment.advisoriesNow': 'Les conseils aux voyageurs actuels :',
  'mailEnrolment.noAdvisory': 'pas de conseils publiés',
  'mailEnrolment.level': '{level, select, 4 {Niveau 4 (Ne pas voyager)} other {Niveau {level}}}',
  'mailEnrolment.whileThere': 'Vous recevrez les changements de conseils et les alertes pour ces lieux pendant votre séjour.',
  'mailEnrolment.account': 'Votre compte',
};
