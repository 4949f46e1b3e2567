import type { mailOrganisation as en } from './mailOrganisation.en.ts';

export const mailOrganisation: Record<keyof typeof en, string> = {
  'mailOrganisation.onBehalfOf': 'Envoyé au nom de {organisation} par {authority}.',
  'mailOrganisation.why': 'Vous le recevez parce que {organisation} vous a inscrit aux conseils aux voyageurs de {authority} ; {authority} a vérifié qu\'elle y est autorisée. Les mots qui suivent sont ceux de l\'organisation.',
  'mailOrganisation.account': 'Vos voyages et organisations',
  'mailOrganisation.welcomeSubject': 'Vous avez été inscrit aux messages de sécurité des voyageurs',
  'mailOrganisation.invitationSubject': 'Une organisation vous invite à partager vos voyages pour les messages de sécurité des voyageurs',
  'mailOrganisation.welcomeIntro': 'Une organisation qui se présente comme {organisation} a inscrit cette adresse aux conseils aux voyageurs de {authority} pour des voyages à l\'étranger, afin que vous receviez les changements de conseils, les alertes et les demandes de nouvelles pour les lieux qu\'elle a indiqués.',
  'mailOrganisation.welcomeVerified': 'Le nom entre guillemets est celui que l\'organisation s\'est donné ; les administrateurs de {site} ont vérifié qu\'elle est autorisée à inscrire des personnes.',
  'mailOrganisation.neverAsks': 'Ce message ne vous demande jamais de payer, de donner un mot de passe ni de vous connecter ailleurs.',
  'mailOrganisation.details': 'Vos coordonnées et vos voyages',
  'mailOrganisation.signInWith': '(connectez-vous avec cette adresse)',
  'mailOrganisation.choose': 'Choisir ce que vous recevez',
  'mailOrganisation.chooseNoSignIn': 'Choisir ce que vous recevez, sans vous connecter',
  'mailOrganisation.stopAll': 'Ne plus rien recevoir',
  'mailOrganisation.invitationIntro': 'Une organisation qui se présente comme {organisation} a inscrit cette adresse parmi les voyageurs qu\'elle veut tenir informés de leurs voyages à l\'étranger. Vous avez déjà un compte aux conseils aux voyageurs de {authority} : rien n\'y a donc été ajouté, et l\'organisation ne voit rien de votre compte tant que vous n\'acceptez pas.',
  'mailOrganisation.invitationAccept': 'Si vous acceptez, vous en devenez membre auprès des conseils aux voyageurs de {authority}, elle voit les voyages qu\'elle a indiqués pour vous (où et quand) avec leurs niveaux de conseil, et vous recevez des messages à leur sujet.',
  'mailOrganisation.seeTrips': 'Voir les voyages, puis accepter ou refuser',
  'mailOrganisation.linkWorks': '(le lien fonctionne pendant {days, plural, one {# jour} other {# jours}})',
  'mailOrganisation.orSignIn': 'Ou connectez-vous à votre compte',
  'mailOrganisation.doNothing': 'Si vous ne connaissez pas cette organisation, ne faites rien : l\'invitation expire d\'elle-même.',
};
