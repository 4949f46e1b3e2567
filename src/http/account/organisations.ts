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
import { organisationCrises, type OrganisationCrisis } from '../../crises/organisation-view.ts';
import type { CrisisAnswer } from '../../domain/crises.ts';
import { getProfile } from '../../enrolment/profile.ts';
import type { Translator } from '../../i18n/translator.ts';
import { first, formOf, type FormBody } from '../forms.ts';
import { html, type SafeHtml } from '../html.ts';
import { sendProblem } from '../problem.ts';
import { page } from '../replies.ts';
import { accountPage, badge, csrfField, dates, flash, messagePage, readerOf, type Flash, type Reader } from './layout.ts';
import { hide, idOf, organisationMenuHref, wantsJson, type AccountScope } from './scope.ts';
import { enrolmentErrorText } from './errors.ts';
import { reasonText } from './reasons.ts';

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

  /** The signed-in admin's reader: their profile language after the request's own choice (src/http/account/layout.ts). */
  const readerFor = async (request: FastifyRequest, travellerId: number): Promise<Reader> =>
    readerOf(request, (await getProfile(ctx, travellerId))?.language, organisationMenuHref(request));
  const notFound = (reader: Reader, error: EnrolmentError) => messagePage(publicUrl, reader.tr.t('accountOrganisations.notFound'), [enrolmentErrorText(reader.tr, error)], undefined, reader);

  app.post('/account/organisations', hide, action(async (session, body) => {
    const id = await createOrganisation(ctx, session.travellerId, first(body.name));
    return { notice: 'organisation', to: `/account/organisations/${id}`, json: { id }, status: 201 };
  }));

  app.get('/account/organisations/:id', hide, async (request, reply) => {
    const session = await requireSession(request, reply);
    if (!session) return reply;
    const reader = await readerFor(request, session.travellerId);
    try {
      const organisation = await adminOrganisation(ctx, session.travellerId, idOf(request));
      const rows = await exposure(ctx, organisation.id);
      // Only a verified organisation sees its people's check-ins: an unverified one may be anybody.
      const crises = organisation.state === 'verified' ? await organisationCrises(ctx.db, organisation.id) : [];
      const messages = await organisationMessages(ctx.db, organisation.id);
      if (wantsJson(request)) return { organisation, exposure: rows, crises, messages };
      const sent = Number((request.query as Record<string, unknown>).sent);
      const notice = Number.isInteger(sent) && sent > 0 ? { notice: reader.tr.t('accountOrganisations.queued', { count: sent }) } : {};
      return page(reply, organisationPage(publicUrl, reader, { organisation, exposure: rows, crises, csrf: session.csrfToken, messages }, notice));
    } catch (error) {
      if (!(error instanceof EnrolmentError)) throw error;
      if (wantsJson(request)) return sendProblem(reply, error.status, error.message);
      return page(reply, notFound(reader, error), error.status);
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
      return wantsJson(request) ? sendProblem(reply, error.status, error.message) : page(reply, notFound(await readerFor(request, session.travellerId), error), error.status);
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
  const importing = (read: (body: FormBody, request: FastifyRequest, tr: Translator) => { records: string | Buffer | CsvRecord[] } | { problem: string }, run: (options: { dateFormat: DateFormat; organisation: string; welcome: true; language: string }, input: string | Buffer | CsvRecord[]) => Promise<CsvImportResult>) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      const session = await requireSession(request, reply);
      if (!session) return reply;
      const reader = await readerFor(request, session.travellerId);
      const { tr } = reader;
      let organisation: OrganisationSummary;
      try {
        organisation = await adminOrganisation(ctx, session.travellerId, idOf(request));
      } catch (error) {
        if (!(error instanceof EnrolmentError)) throw error;
        return wantsJson(request) ? sendProblem(reply, error.status, error.message) : page(reply, notFound(reader, error), error.status);
      }
      const body = formOf(request);
      const format = readDateFormat(first(body.dateFormat)) ?? DEFAULT_DATE_FORMAT;
      const render = async (status: number, message: Flash, report?: CsvImportReport) =>
        page(reply, organisationPage(publicUrl, reader, { organisation, exposure: await exposure(ctx, organisation.id), csrf: session.csrfToken, report, dateFormat: format }, message), status);
      const refuse = (status: number, message: string): Promise<FastifyReply> | FastifyReply =>
        (wantsJson(request) ? sendProblem(reply, status, message) : render(status, { problem: message }));
      if (readDateFormat(first(body.dateFormat)) === null) return refuse(400, tr.t('accountOrganisations.problem.dateFormat', { formats: DATE_FORMATS.join(', ') }));
      const input = read(body, request, tr);
      if ('problem' in input) return refuse(400, input.problem);
      try {
        const { report, mailing: sending } = await run({ dateFormat: format, organisation: organisation.name, welcome: true, language: tr.locale }, input.records);
        mailing.add(sending);
        void sending.finally(() => mailing.delete(sending));
        if (wantsJson(request)) return report;
        return render(200, { notice: tr.t('accountOrganisations.report.done', { done: report.enrolledOrInvited, unchanged: report.unchanged, rejected: report.rejected.length }) }, report);
      } catch (error) {
        if (error instanceof DailyLimitError) {
          reply.header('retry-after', String(error.retryAfterSeconds));
          return refuse(429, enrolmentErrorText(tr, error));
        }
        if (error instanceof EnrolmentError) return refuse(error.status, enrolmentErrorText(tr, error));
        if (error instanceof CsvFileError) return refuse(400, tr.t('accountOrganisations.problem.file', { reason: reasonText(tr, error.message) }));
        throw error;
      }
    };

  // Welcomes always go from here: only the operator's CLI may skip them (--no-welcome). They are
  // written in the importing admin's language, invitations in the invitee's own (docs/enrolment.md).
  app.post('/account/organisations/:id/import', { ...hide, bodyLimit: 25 * 1024 * 1024 }, importing((body, request, tr) => {
    const file = body.file;
    const csv = typeof file === 'object' && file !== null && !Array.isArray(file) ? file.data : typeof request.body === 'string' ? request.body : first(body.csv);
    if (!csv || csv.length === 0) return { problem: tr.t(wantsJson(request) ? 'accountOrganisations.problem.sendFile' : 'accountOrganisations.problem.chooseFile') };
    return { records: csv };
  }, (options, csv) => importEnrolmentCsv(ctx, csv as string | Buffer, options)));

  app.post('/account/organisations/:id/fix', hide, importing((body, _request, tr) => {
    const records = recordsFromForm(body);
    if (!records) return { problem: tr.t('accountOrganisations.problem.fixUnreadable') };
    if (records.length === 0) return { problem: tr.t('accountOrganisations.problem.fixEmpty') };
    return { records };
  }, (options, records) => importEnrolmentRows(ctx, records as CsvRecord[], options)));
}

/** The organisations card of the account page. */
export function organisationsSection(tr: Translator, memberships: readonly Membership[], csrf: string): SafeHtml {
  return html`<section class="card" id="organisations" aria-labelledby="orgs-title">
<h2 id="orgs-title">${tr.t('accountOrganisations.card.title')}</h2>
${memberships.length ? html`<ul class="items">${memberships.map((m) => html`<li><div class="item-main"><span class="item-title">${m.name}</span><span class="item-meta">${tr.t(m.role === 'admin' ? 'accountOrganisations.card.admin' : 'accountOrganisations.card.enrolledYou')}</span></div>${m.role === 'admin' ? html`<a class="btn secondary" href="/account/organisations/${m.organisationId}">${tr.t('accountOrganisations.card.open')}</a>` : ''}</li>`)}</ul>` : html`<p class="empty">${tr.t('accountOrganisations.card.none')}</p>`}
<form method="post" action="/account/organisations" class="form-grid">${csrfField(csrf)}
<div class="field"><label for="org-name">${tr.t('accountOrganisations.card.start')}</label><input id="org-name" name="name" type="text" maxlength="${ORGANISATION_NAME_MAX}" aria-describedby="org-name-hint">
<p class="small" id="org-name-hint">${tr.t('accountOrganisations.card.startHint', { max: ORGANISATION_NAME_MAX })}</p></div>
<div class="field"><button type="submit" class="secondary">${tr.t('accountOrganisations.card.create')}</button></div></form>
</section>`;
}

const STATE_NOTE = {
  unverified: 'accountOrganisations.state.unverified',
  withdrawn: 'accountOrganisations.state.withdrawn',
  verified: 'accountOrganisations.state.verified',
} as const satisfies Record<VerificationState, string>;

const ANSWERS = { safe: 'accountAnswers.answer.safe', need_help: 'accountAnswers.answer.needHelp', left: 'accountAnswers.answer.left' } as const satisfies Record<CrisisAnswer, string>;

function crisesSection(tr: Translator, crises: readonly OrganisationCrisis[]): SafeHtml {
  if (crises.length === 0) return html``;
  const strong = (n: number) => html`<strong>${tr.number(n)}</strong>`;
  return html`<section class="card" id="crises" aria-labelledby="crises-title"><h2 id="crises-title">${tr.t('accountOrganisations.crises.title')}</h2>
${crises.map((c) => html`<h3>${c.exercise ? tr.t('accountOrganisations.crises.exercise') : ''}${c.title}</h3><p class="small">${c.area} · ${tr.parts('accountOrganisations.crises.counts', { needHelp: strong(c.counts.needHelp), noAnswer: strong(c.counts.noAnswer), safe: c.counts.safe, left: c.counts.left })}</p>
<table class="stack"><thead><tr><th scope="col">${tr.t('accountOrganisations.crises.person')}</th><th scope="col">${tr.t('accountOrganisations.crises.latest')}</th><th scope="col">${tr.t('accountOrganisations.crises.when')}</th></tr></thead><tbody>
${c.members.map((m) => html`<tr><th scope="row">${m.name || m.email}<br><span class="small">${m.email}</span></th><td data-label="${tr.t('accountOrganisations.crises.latest')}">${m.answer ? tr.t(ANSWERS[m.answer]) : tr.t('accountOrganisations.crises.noAnswer')}</td><td data-label="${tr.t('accountOrganisations.crises.when')}">${m.answeredAt ? `${m.answeredAt.slice(0, 16).replace('T', ' ')}` : '—'}</td></tr>`)}
</tbody></table>`)}</section>`;
}

function exposureRow(tr: Translator, e: ExposureRow): SafeHtml {
  const label = (id: 'where' | 'when' | 'level' | 'alerts') => tr.t(`accountOrganisations.exposure.${id}`);
  return html`<tr><th scope="row">${e.name || e.email}<br><span class="small">${e.email}</span></th><td data-label="${label('where')}">${e.destination}${e.region ? html`<br><span class="small">${e.region}</span>` : ''}</td>
<td data-label="${label('when')}">${dates(e.start, e.end, tr)}${e.current ? html`<br><span class="small">${tr.t('accountOrganisations.exposure.underWay')}</span>` : ''}</td>
<td data-label="${label('level')}">${badge(e.level, tr)}${e.regionLevel !== null && e.regionLevel !== e.level ? html`<br><span class="small">${tr.parts('accountOrganisations.exposure.region', { badge: badge(e.regionLevel, tr) })}</span>` : ''}${e.departureUrged ? html` <span class="tag-urgent">${tr.t('accountOrganisations.exposure.leaveNow')}</span>` : ''}</td>
<td data-label="${label('alerts')}">${e.alerts.length ? html`<ul class="alerts-cell">${e.alerts.map((a) => html`<li><a href="/alerts/${a.id}/"><strong>${a.severity}</strong>: ${a.headline}</a></li>`)}</ul>` : html`<span class="small">${tr.t('accountOrganisations.exposure.noAlerts')}</span>`}</td></tr>`;
}

function organisationPage(publicUrl: string, reader: Reader, data: { organisation: OrganisationSummary; exposure: ExposureRow[]; crises?: OrganisationCrisis[]; csrf: string; report?: CsvImportReport | undefined; dateFormat?: DateFormat; messages?: SentMessageRecord[] }, message: Flash = {}): string {
  const { organisation, exposure, report } = data;
  const { tr } = reader;
  const urged = exposure.filter((e) => e.departureUrged).length;
  const level4 = exposure.filter((e) => e.level === 4 || e.regionLevel === 4).length;
  const mayImport = organisationMay(organisation.state, 'import').ok;
  const strong = (n: number) => html`<strong>${tr.number(n)}</strong>`;
  const th = (id: 'person' | 'where' | 'when' | 'level' | 'alerts') => html`<th scope="col">${tr.t(`accountOrganisations.exposure.${id}`)}</th>`;
  return accountPage(publicUrl, organisation.name, html`
<p class="back"><a href="/account#organisations">${tr.t('accountOrganisations.back')}</a></p>
<h1>${organisation.name}</h1>
<p class="${mayImport ? 'small' : 'problem'}" id="verification">${tr.t(STATE_NOTE[organisation.state])}</p>
${flash(message)}
${report ? importReport(tr, report, organisation.id, data.csrf, data.dateFormat ?? DEFAULT_DATE_FORMAT) : ''}
${crisesSection(tr, data.crises ?? [])}
<section class="card" aria-labelledby="exposure-title">
<h2 id="exposure-title">${tr.t('accountOrganisations.exposure.title')}</h2>
<p>${tr.parts('accountOrganisations.exposure.summary', { stops: exposure.length, level4: strong(level4), urged: strong(urged) })}</p>
${exposure.length ? html`<p><a class="btn secondary" href="/account/organisations/${organisation.id}/who-is-where.csv" download>${tr.t('accountOrganisations.exposure.download')}</a></p>
<table class="stack"><thead><tr>${th('person')}${th('where')}${th('when')}${th('level')}${th('alerts')}</tr></thead><tbody>
${exposure.map((e) => exposureRow(tr, e))}
</tbody></table>` : html`<p class="empty">${tr.t('accountOrganisations.exposure.nobody', { organisation: organisation.name })}</p>`}
</section>
${mayImport ? importForm(tr, organisation.id, data.csrf, data.dateFormat ?? DEFAULT_DATE_FORMAT) : ''}
${messagesSection(tr, organisation, data.messages ?? [])}`, reader);
}
