import type { mailOrganisation as en } from './mailOrganisation.en.ts';

export const mailOrganisation: Record<keyof typeof en, string> = {
  'mailOrganisation.onBehalfOf': 'Envoyé au nom de {organisation} par {authority}.',
  'mailOrganisation.why': 'Vous le recevez parce que {organisation} vous a inscrit aux conseils aux voyageurs de {authority} ; {authority} a vérifié qu\'elle y est autorisée. Les mots qui suivent sont ceux de l\'organisation.',
  'mailOrganisation.account': 'Vos voyages et organisations',
} as const;
