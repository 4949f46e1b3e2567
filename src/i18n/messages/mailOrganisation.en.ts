/**
 * What goes on an organisation's behalf: the frame around its own message to its people
 * (src/notify/organisation-messages.ts), and its welcome and invitation e-mails (src/enrolment/organisation-mail.ts).
 */
export const mailOrganisation = {
  'mailOrganisation.onBehalfOf': 'Sent on behalf of {organisation} by {authority}.',
  'mailOrganisation.why': 'You get it because {organisation} enrolled you with {authority} travel advisories; {authority} verified it as allowed to do so. The words below are the organisation\'s own.',
  'mailOrganisation.account': 'Your trips and organisations',
  'mailOrganisation.welcomeSubject': 'You have been enrolled for travel safety messages',
  'mailOrganisation.invitationSubject': 'An organisation invites you to share trips for travel safety messages',
  'mailOrganisation.welcomeIntro': 'An organisation that calls itself {organisation} has enrolled this address with {authority} travel advisories for trips abroad, so that you get advisory changes, alerts and safety check-ins for the places it listed.',
  'mailOrganisation.welcomeVerified': 'The name in quotes is the organisation\'s own; it was verified as allowed to enrol people by the administrators of {site}.',
  'mailOrganisation.neverAsks': 'This message never asks you to pay, to give a password or to sign in anywhere else.',
  'mailOrganisation.details': 'Your details and trips',
  'mailOrganisation.signInWith': '(sign in with this address)',
  'mailOrganisation.choose': 'Choose what you receive',
  'mailOrganisation.chooseNoSignIn': 'Choose what you receive, without signing in',
  'mailOrganisation.stopAll': 'Stop all messages',
  'mailOrganisation.invitationIntro': 'An organisation that calls itself {organisation} listed this address among travellers it wants to keep informed about their trips abroad. You already have an account with {authority} travel advisories, so nothing has been added to it: the organisation sees nothing of your account unless you accept.',
  'mailOrganisation.invitationAccept': 'If you accept, you become a member of it with {authority} travel advisories, it sees the trips it listed for you (where and when) with their advisory levels, and you get messages about them.',
  'mailOrganisation.seeTrips': 'See the trips, then accept or decline',
  'mailOrganisation.linkWorks': '(the link works for {days, plural, one {# day} other {# days}})',
  'mailOrganisation.orSignIn': 'Or sign in to your account',
  'mailOrganisation.doNothing': 'If you do not know this organisation, do nothing: the invitation expires by itself.',
} as const;
