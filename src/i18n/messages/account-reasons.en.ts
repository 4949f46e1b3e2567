/**
 * Why a row, a file, a webhook address or a place was refused, as the enrolment, webhook and place
 * code words it (lower case, no full stop: each is shown inside a sentence or after "Row 4:").
 * Pages translate by these texts (src/http/account/reasons.ts); reasons.test.ts holds each English
 * text to the code's own, so a reworded reason fails a test instead of showing in English on a French page.
 */
export const accountReasons = {
  // Rows of an enrolment CSV (src/enrolment/csv-check.ts)
  'accountReasons.row.count': 'expected {expected} values, found {found}',
  'accountReasons.row.missing': 'missing {columns}',
  'accountReasons.row.email': 'invalid e-mail "{typed}"',
  'accountReasons.row.nameLong': 'name longer than 200 characters',
  'accountReasons.row.destination': 'unknown destination "{typed}"',
  'accountReasons.row.start': 'start date: {typed} is not a date in {format}',
  'accountReasons.row.end': 'end date: {typed} is not a date in {format} (leave it empty for people residing abroad)',
  'accountReasons.row.endBeforeStart': 'end before start',
  'accountReasons.row.past': 'trip wholly in the past',
  'accountReasons.row.channel': 'unknown channel "{typed}" (use email, or webhook:https://…)',
  'accountReasons.row.webhook': 'unsafe webhook address: {reason}',
  // An enrolment CSV as a whole
  'accountReasons.file.size': 'the file is larger than {megabytes} MB',
  'accountReasons.file.binary': 'this is not a CSV text file (it contains binary data)',
  'accountReasons.file.malformedAt': 'malformed CSV at line {line}: {detail}',
  'accountReasons.file.malformed': 'malformed CSV: {detail}',
  'accountReasons.file.empty': 'the file is empty; expected a header line: {columns}',
  'accountReasons.file.missingColumns': 'missing columns {missing}; the header must name {columns}',
  'accountReasons.file.missingColumn': 'missing column {missing}; the header must name {columns}',
  'accountReasons.file.rows': 'the file has more than {max} rows; split it',
  // Webhook addresses (src/webhooks/address-guard.ts, src/enrolment/channels.ts) and their challenge (src/webhooks/send.ts)
  'accountReasons.webhook.long': 'the URL is longer than 2000 characters',
  'accountReasons.webhook.notUrl': 'not a valid URL',
  'accountReasons.webhook.scheme': 'must start with https:// (or http://)',
  'accountReasons.webhook.credentials': 'must not contain a user name or password',
  'accountReasons.webhook.noHost': 'has no host',
  'accountReasons.webhook.unresolved': 'host {host} does not resolve',
  'accountReasons.webhook.isRange': 'is a {range} address ({address})',
  'accountReasons.webhook.resolvesTo': 'host {host} resolves to a {range} address ({address})',
  'accountReasons.webhook.status': 'the endpoint answered HTTP {status}',
  'accountReasons.webhook.noEcho': 'the endpoint did not echo the challenge back',
  'accountReasons.webhook.timeout': 'no answer within {seconds} s',
  'accountReasons.webhook.refused': 'connect ECONNREFUSED {address}',
  'accountReasons.webhook.bounced': 'bounced: {detail}',
  // Address ranges a webhook may not reach (src/webhooks/address-guard.ts)
  'accountReasons.range.inside': '{range} (IPv4 inside IPv6)',
  'accountReasons.range.thisNetwork': 'unspecified ("this network")',
  'accountReasons.range.private': 'private',
  'accountReasons.range.cgnat': 'carrier-grade NAT',
  'accountReasons.range.loopback': 'loopback',
  'accountReasons.range.linkLocal': 'link-local',
  'accountReasons.range.ietf': 'IETF protocol assignments',
  'accountReasons.range.documentation': 'documentation',
  'accountReasons.range.relay': '6to4 relay',
  'accountReasons.range.benchmarking': 'benchmarking',
  'accountReasons.range.multicast': 'multicast',
  'accountReasons.range.reserved': 'reserved',
  'accountReasons.range.unspecified': 'unspecified',
  'accountReasons.range.discard': 'discard-only',
  'accountReasons.range.uniqueLocal': 'unique-local',
  'accountReasons.range.siteLocal': 'site-local',
  // SMS codes (src/enrolment/sms-verification.ts)
  'accountReasons.sms.none': 'no SMS provider is configured on this site',
  'accountReasons.sms.late': 'the SMS centre did not answer in time',
  'accountReasons.sms.failed': 'the code could not be sent ({detail}); try again in a few minutes',
  // Places (src/enrolment/regions.ts): where else the place is, or what to type instead
  'accountReasons.place.elsewhereIn': 'unknown region "{typed}" in {destination}: we know it as {place} ({subdivision}) in {where}; choose {where} as the destination, or check the spelling',
  'accountReasons.place.elsewhere': 'unknown region "{typed}" in {destination}: we know it as {place} in {where}; choose {where} as the destination, or check the spelling',
  'accountReasons.place.unknownBoth': 'unknown region "{typed}" in {destination}: we know no city or region of that name there; type a city, a region or an ISO 3166-2 code such as {capital} or {code}, or leave it empty for the whole country',
  'accountReasons.place.unknownCapital': 'unknown region "{typed}" in {destination}: we know no city or region of that name there; type a city, a region or an ISO 3166-2 code such as {capital}, or leave it empty for the whole country',
  'accountReasons.place.unknown': 'unknown region "{typed}" in {destination}: we know no city or region of that name there; type a city, a region or an ISO 3166-2 code, or leave it empty for the whole country',
};
