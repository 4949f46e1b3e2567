import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ORGANISATION_NAME_MAX, organisationMay, type VerificationState } from '../../domain/organisations.ts';
import { EnrolmentError } from '../../enrolment/context.ts';
import { CsvFileError, type CsvRecord } from '../../enrolment/csv-check.ts';
import { importEnrolmentCsv, importEnrolmentRows, type CsvImportReport, type CsvImportResult } from '../../enrolment/csv-import.ts';
import { enrolmentTemplate } from '../../enrolment/csv-template.ts';
import { DATE_FORMATS, DEFAULT_DATE_FORMAT, readDateFormat, type DateFormat } from '../../domain/date-formats.ts';
import { today } from '../../enrolment/context.ts';
import { importForm, importReport, recordsFromForm } from './enrolment-forms.ts';
import { whoIsWhereCsv } from '../../enrolment/exposure-csv.ts';
import { recordAudit } from '../../publishing/audit.ts';
import { messagesSection } from './organisation-messages.ts';
import { organisationMessages, type SentMessageRecord } from '../../enrolment/organisation-messages.ts';
import { DailyLimitError } from '../../enrolment/daily-limit.ts';
import { adminOrganisation, createOrganisation, exposure, type ExposureRow, type Membership, type OrganisationSummary } from '../../enrolment/organisations.ts';
import { levelLabel, type Level } from '../../domain/levels.ts';
import { organisationCrises, type OrganisationCrisis } from '../../crises/organisation-view.ts';
import { ANSWER_LABELS } from '../../domain/crises.ts';
import { first, formOf, type FormBody } from '../forms.ts';
import { html, type SafeHtml } from '../html.ts';
import { sendProblem } from '../problem.ts';
import { page } from '../replies.ts';
import { accountPage, badge, csrfField, dates, flash, messagePage, type Flash } from './layout.ts';
import { hide, idOf, wantsJson, type AccountScope } from './scope.ts';

/**
 * Organisations (a university, a company, an NGO): a traveller starts one and is its admin, sees
 * where its people are at what level now, and, once a staff admin has verified it, enrols a group
 * from CSV (docs/security.md, "Organisations").
 */

export async function organisationRoutes(app: FastifyInstance, { ctx, publicUrl, requireSession, action }: AccountScope): Promise<void> {
  // Welcome and invitation e-mails go after the answer, so how long it takes never depends on who
  // had an account; closing the server waits for them.
  const mailing = new Set<Promise<unknown>>();
  app.addHook('onClose', async () => {
    await Promise.all(mailing);
  });

  app.post('/account/organisations', hide, action(async (session, body) => {
    const id = await createOrganisation(ctx, session.travellerId, first(body.name));
    return { notice: 'organisation', to: `/account/organisations/${id}`, json: { id }, status: 201 };
  }));

  app.get('/account/organisations/:id', hide, async (request, reply) => {
    const session = await requireSession(request, reply);
    if (!session) return reply;
    try {
      const organisation = await adminOrganisation(ctx, session.travellerId, idOf(request));
      const rows = await exposure(ctx, organisation.id);
      // Only a verified organisation sees its people's check-ins: an unverified one may be anybody.
      const crises = organisation.state === 'verified' ? await organisationCrises(ctx.db, organisation.id) : [];
      const messages = await organisationMessages(ctx.db, organisation.id);
      if (wantsJson(request)) return { organisation, exposure: rows, crises, messages };
      const sent = Number((request.query as Record<string, unknown>).sent);
      const notice = Number.isInteger(sent) && sent > 0 ? { notice: `Message queued: it goes to ${sent} ${sent === 1 ? 'person' : 'people'}, once per e-mail address or webhook.` } : {};
      return page(reply, organisationPage(publicUrl, { organisation, exposure: rows, crises, csrf: session.csrfToken, messages }, notice));
    } catch (error) {
      if (!(error instanceof EnrolmentError)) throw error;
      if (wantsJson(request)) return sendProblem(reply, error.status, error.message);
      return page(reply, messagePage(publicUrl, 'Not found', [error.message]), error.status);
    }
  });

  // Personal data (its own people's names, addresses and whereabouts), so admins only, never cached, and audited.
  app.get('/account/organisations/:id/who-is-where.csv', hide, async (request, reply) => {
    const session = await requireSession(request, reply);
    if (!session) return reply;
    try {
      const organisation = await adminOrganisation(ctx, session.travellerId, idOf(request));
      const rows = await exposure(ctx, organisation.id);
      const admin = await ctx.db.selectFrom('travellers').select('email').where('id', '=', session.travellerId).executeTakeFirstOrThrow();
      await recordAudit(ctx.db, { actor: { id: null, label: `organisation admin ${admin.email}`, role: 'system' }, action: 'organisation-exported', subject: `organisation ${organisation.id}`, at: ctx.now(), detail: { organisation: organisation.name, rows: rows.length } });
      return reply.type('text/csv; charset=utf-8').header('cache-control', 'no-store').header('content-disposition', 'attachment; filename="who-is-where.csv"').send(whoIsWhereCsv(rows));
    } catch (error) {
      if (!(error instanceof EnrolmentError)) throw error;
      return wantsJson(request) ? sendProblem(reply, error.status, error.message) : page(reply, messagePage(publicUrl, 'Not found', [error.message]), error.status);
    }
  });

  // The template is the same for everyone: no session needed, nothing personal in it.
  app.get('/account/organisations/template.csv', hide, async (request, reply) => {
    const format = readDateFormat((request.query as Record<string, unknown>).dateFormat) ?? DEFAULT_DATE_FORMAT;
    return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="enrolment-template.csv"')
      .send(enrolmentTemplate(format, today(ctx)));
  });

  /**
   * An import from the page, of a file (…/import) or of refused rows corrected on the page (…/fix):
   * the organisation must be one the traveller administers, and verified; the date format is the one chosen.
   */
  const importing = (read: (body: FormBody, request: FastifyRequest) => { records: string | Buffer | CsvRecord[] } | { problem: string }, run: (format: DateFormat, organisation: string, input: string | Buffer | CsvRecord[]) => Promise<CsvImportResult>) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      const session = await requireSession(request, reply);
      if (!session) return reply;
      let organisation: OrganisationSummary;
      try {
        organisation = await adminOrganisation(ctx, session.travellerId, idOf(request));
      } catch (error) {
        if (!(error instanceof EnrolmentError)) throw error;
        return wantsJson(request) ? sendProblem(reply, error.status, error.message) : page(reply, messagePage(publicUrl, 'Not found', [error.message]), error.status);
      }
      const body = formOf(request);
      const format = readDateFormat(first(body.dateFormat)) ?? DEFAULT_DATE_FORMAT;
      const render = async (status: number, message: Flash, report?: CsvImportReport) =>
        page(reply, organisationPage(publicUrl, { organisation, exposure: await exposure(ctx, organisation.id), csrf: session.csrfToken, report, dateFormat: format }, message), status);
      const refuse = (status: number, message: string): Promise<FastifyReply> | FastifyReply =>
        (wantsJson(request) ? sendProblem(reply, status, message) : render(status, { problem: message }));
      if (readDateFormat(first(body.dateFormat)) === null) return refuse(400, `Choose how the dates are written: ${DATE_FORMATS.join(', ')}.`);
      const input = read(body, request);
      if ('problem' in input) return refuse(400, input.problem);
      try {
        const { report, mailing: sending } = await run(format, organisation.name, input.records);
        mailing.add(sending);
        void sending.finally(() => mailing.delete(sending));
        if (wantsJson(request)) return report;
        return render(200, { notice: `Import done: ${report.enrolledOrInvited} enrolled or invited, ${report.unchanged} unchanged, ${report.rejected.length} rejected.` }, report);
      } catch (error) {
        if (error instanceof DailyLimitError) {
          reply.header('retry-after', String(error.retryAfterSeconds));
          return refuse(429, error.message);
        }
        if (error instanceof EnrolmentError) return refuse(error.status, error.message);
        if (error instanceof CsvFileError) return refuse(400, `The file was not imported: ${error.message}.`);
        throw error;
      }
    };

  // Welcomes always go from here: only the operator's CLI may skip them (--no-welcome).
  app.post('/account/organisations/:id/import', { ...hide, bodyLimit: 25 * 1024 * 1024 }, importing((body, request) => {
    const file = body.file;
    const csv = typeof file === 'object' && file !== null && !Array.isArray(file) ? file.data : typeof request.body === 'string' ? request.body : first(body.csv);
    if (!csv || csv.length === 0) return { problem: wantsJson(request) ? 'Send a CSV file.' : 'Choose a CSV file to import.' };
    return { records: csv };
  }, (dateFormat, organisation, csv) => importEnrolmentCsv(ctx, csv as string | Buffer, { organisation, welcome: true, dateFormat })));

  app.post('/account/organisations/:id/fix', hide, importing((body) => {
    const records = recordsFromForm(body);
    if (!records) return { problem: 'The corrected rows could not be read; import the file again.' };
    if (records.length === 0) return { problem: 'Every row was emptied: there is nothing to import.' };
    return { records };
  }, (dateFormat, organisation, records) => importEnrolmentRows(ctx, records as CsvRecord[], { organisation, welcome: true, dateFormat })));
}

/** The organisations card of the account page. */
export function organisationsSection(memberships: readonly Membership[], csrf: string): SafeHtml {
  return html`<section class="card" id="organisations" aria-labelledby="orgs-title">
<h2 id="orgs-title">Organisations</h2>
${memberships.length ? html`<ul class="items">${memberships.map((m) => html`<li><div class="item-main"><span class="item-title">${m.name}</span><span class="item-meta">${m.role === 'admin' ? 'You are an admin' : 'Enrolled you'}</span></div>${m.role === 'admin' ? html`<a class="btn secondary" href="/account/organisations/${m.organisationId}">People, exposure and CSV import</a>` : ''}</li>`)}</ul>` : html`<p class="empty">You belong to no organisation.</p>`}
<form method="post" action="/account/organisations" class="form-grid">${csrfField(csrf)}
<div class="field"><label for="org-name">Start an organisation (university, company, NGO)</label><input id="org-name" name="name" type="text" maxlength="${ORGANISATION_NAME_MAX}" aria-describedby="org-name-hint">
<p class="small" id="org-name-hint">Its name alone, at most ${ORGANISATION_NAME_MAX} characters, without web or e-mail addresses. The service's administrators verify a new organisation before it can enrol anyone.</p></div>
<div class="field"><button type="submit" class="secondary">Create organisation</button></div></form>
</section>`;
}

const STATE_NOTE: Record<VerificationState, string> = {
  unverified: 'Awaiting verification by the service\'s administrators: you can\'t import or invite people yet.',
  withdrawn: 'The service\'s administrators withdrew this organisation\'s verification: you can\'t import or invite people.',
  verified: 'Verified by the service\'s administrators: you can enrol people from CSV.',
};

function crisesSection(crises: readonly OrganisationCrisis[]): SafeHtml {
  if (crises.length === 0) return html``;
  return html`<section class="card" id="crises" aria-labelledby="crises-title"><h2 id="crises-title">Crises affecting your people</h2>
${crises.map((c) => html`<h3>${c.exercise ? 'EXERCISE – ' : ''}${c.title}</h3><p class="small">${c.area} · <strong>${c.counts.needHelp}</strong> need help · <strong>${c.counts.noAnswer}</strong> not heard from · ${c.counts.safe} safe · ${c.counts.left} not there / left</p>
<table class="stack"><thead><tr><th scope="col">Person</th><th scope="col">Latest answer</th><th scope="col">When (UTC)</th></tr></thead><tbody>
${c.members.map((m) => html`<tr><th scope="row">${m.name || m.email}<br><span class="small">${m.email}</span></th><td data-label="Latest answer">${m.answer ? ANSWER_LABELS[m.answer] : 'No answer yet'}</td><td data-label="When (UTC)">${m.answeredAt ? `${m.answeredAt.slice(0, 16).replace('T', ' ')}` : '—'}</td></tr>`)}
</tbody></table>`)}</section>`;
}

function organisationPage(publicUrl: string, data: { organisation: OrganisationSummary; exposure: ExposureRow[]; crises?: OrganisationCrisis[]; csrf: string; report?: CsvImportReport | undefined; dateFormat?: DateFormat; messages?: SentMessageRecord[] }, message: Flash = {}): string {
  const { organisation, exposure, report } = data;
  const urged = exposure.filter((e) => e.departureUrged).length;
  const level4 = exposure.filter((e) => e.level === 4 || e.regionLevel === 4).length;
  const mayImport = organisationMay(organisation.state, 'import').ok;
  return accountPage(publicUrl, organisation.name, html`
<p class="back"><a href="/account#organisations">← Back to your account</a></p>
<h1>${organisation.name}</h1>
<p class="${mayImport ? 'small' : 'problem'}" id="verification">${STATE_NOTE[organisation.state]}</p>
${flash(message)}
${report ? importReport(report, organisation.id, data.csrf, data.dateFormat ?? DEFAULT_DATE_FORMAT) : ''}
${crisesSection(data.crises ?? [])}
<section class="card" aria-labelledby="exposure-title">
<h2 id="exposure-title">Where your people are</h2>
<p>${exposure.length} trip stop${exposure.length === 1 ? '' : 's'} under way or ahead · <strong>${level4}</strong> at Level 4 · <strong>${urged}</strong> where departure is urged.</p>
${exposure.length ? html`<p><a class="btn secondary" href="/account/organisations/${organisation.id}/who-is-where.csv" download>Download as CSV</a></p>
<table class="stack"><thead><tr><th scope="col">Person</th><th scope="col">Where</th><th scope="col">When</th><th scope="col">Level now</th><th scope="col">Alerts</th></tr></thead><tbody>
${exposure.map((e) => html`<tr><th scope="row">${e.name || e.email}<br><span class="small">${e.email}</span></th><td data-label="Where">${e.destination}${e.region ? html`<br><span class="small">${e.region}</span>` : ''}</td>
<td data-label="When">${dates(e.start, e.end)}${e.current ? html`<br><span class="small">under way</span>` : ''}</td>
<td data-label="Level now">${badge(e.level)}${e.regionLevel !== null && e.regionLevel !== e.level ? html`<br><span class="small">region: Level ${e.regionLevel} ${levelLabel(e.regionLevel as Level)}</span>` : ''}${e.departureUrged ? html` <span class="tag-urgent">Leave now</span>` : ''}</td>
<td data-label="Alerts">${e.alerts.length ? html`<ul class="alerts-cell">${e.alerts.map((a) => html`<li><a href="/alerts/${a.id}/"><strong>${a.severity}</strong>: ${a.headline}</a></li>`)}</ul>` : html`<span class="small">None</span>`}</td></tr>`)}
</tbody></table>` : html`<p class="empty">Nobody enrolled by ${organisation.name} is travelling now or soon.</p>`}
</section>
${mayImport ? importForm(organisation.id, data.csrf, data.dateFormat ?? DEFAULT_DATE_FORMAT) : ''}
${messagesSection(organisation, data.messages ?? [])}`);
}
