/** The frame around an organisation's own message to its people (src/notify/organisation-messages.ts). */
export const mailOrganisation = {
  'mailOrganisation.onBehalfOf': 'Sent on behalf of {organisation} by {authority}.',
  'mailOrganisation.why': 'You get it because {organisation} enrolled you with {authority} travel advisories; {authority} verified it as allowed to do so. The words below are the organisation\'s own.',
  'mailOrganisation.account': 'Your trips and organisations',
} as const;
