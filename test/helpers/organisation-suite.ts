import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import { accountRoutes } from '../../src/http/account/index.ts';
import { installProblemHandlers } from '../../src/http/problem.ts';
import { outboxTransport } from '../../src/mail/transport.ts';
import type { MailTransport } from '../../src/mail/transport.ts';
import { changeVerification, organisationByName } from '../../src/enrolment/verification.ts';
import { COMMAND_LINE } from '../../src/publishing/context.ts';
import type { Engine } from '../../src/store/connect.ts';
import { createTestStore, type TestStore } from './databases.ts';
import { travellerSignIn, type TravellerSession } from './traveller.ts';

export const PUBLIC_URL = 'http://waypost.test';

/**
 * An organisation's travel manager on the account pages: a store, the account routes on a clock
 * the test moves, and `admin`, signed in, who started `name` (verified unless asked otherwise).
 */
export interface OrganisationSuite {
  store: TestStore;
  app: FastifyInstance;
  clock: { now: Date };
  admin: TravellerSession;
  organisationId: number;
  /** The page's upload form (multipart, CSRF field), optionally with a date format; HTML unless `json`. */
  upload(csv: string, fields?: Record<string, string>, json?: boolean): Promise<LightMyRequestResponse>;
  /** A urlencoded form post with repeated fields, as a browser sends the correction form. */
  post(url: string, fields: [string, string][], session?: TravellerSession): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function organisationSuite(engine: Engine, name: string, options: { verified?: boolean; mail?: (store: TestStore) => MailTransport; now?: Date; dailyMessageLimit?: number } = {}): Promise<OrganisationSuite> {
  const store = await createTestStore(engine);
  const clock = { now: options.now ?? new Date('2027-03-01T10:00:00Z') };
  const app = Fastify({ maxParamLength: 200 });
  installProblemHandlers(app);
  const settings = { tripRetentionDays: 30, allowPrivateWebhooks: false, dailyImportLimit: 2000, dailyMessageLimit: options.dailyMessageLimit ?? 3, lookup: async () => [{ address: '93.184.215.14', family: 4 as const }] };
  await app.register(accountRoutes(store, { publicUrl: PUBLIC_URL, secret: 'org-secret' }, { now: () => clock.now, mail: options.mail?.(store) ?? outboxTransport(store.db), settings, signInsPerMinute: 0 }));
  const admin = await travellerSignIn(app, store, `manager@${engine}.uni.example`);
  await travellerPostForm(app, admin, '/account/organisations', [['name', name]]);
  const organisation = await organisationByName(store.db, name);
  if (!organisation) throw new Error(`organisation ${name} was not created`);
  if (options.verified !== false) await changeVerification({ db: store.db, now: () => clock.now }, organisation.id, 'verify', COMMAND_LINE);
  const upload = (csv: string, fields: Record<string, string> = {}, json = false) => {
    const parts = Object.entries({ _csrf: admin.csrf, ...fields }).flatMap(([k, v]) => ['--b0undary', `Content-Disposition: form-data; name="${k}"`, '', v]);
    const multipart = [...parts, '--b0undary', 'Content-Disposition: form-data; name="file"; filename="group.csv"', 'Content-Type: text/csv', '', csv, '--b0undary--', ''].join('\r\n');
    return app.inject({
      method: 'POST', url: `/account/organisations/${organisation.id}/import`, payload: multipart,
      headers: { cookie: admin.cookie, 'content-type': 'multipart/form-data; boundary=b0undary', ...(json ? { accept: 'application/json' } : {}) },
    });
  };
  return {
    store, app, clock, admin, organisationId: organisation.id, upload,
    post: (url, fields, session = admin) => travellerPostForm(app, session, url, fields),
    close: async () => {
      await app.close();
      await store.close();
    },
  };
}

function travellerPostForm(app: FastifyInstance, session: TravellerSession, url: string, fields: [string, string][]): Promise<LightMyRequestResponse> {
  const body = new URLSearchParams([['_csrf', session.csrf], ...fields]);
  return app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: session.cookie }, payload: body.toString() });
}

/** The fields a browser sends for a form on a page: every input and selected option, in order, with the values as shown. */
export function formFields(body: string, action: string): [string, string][] {
  const form = new RegExp(`<form[^>]*action="${action.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*>([\\s\\S]*?)</form>`).exec(body);
  if (!form) throw new Error(`no form posting to ${action}`);
  const unescape = (text: string) => text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  const fields: [string, string][] = [];
  for (const match of form[1]!.matchAll(/<input[^>]*>|<select[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>|<textarea[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g)) {
    if (match[1]) {
      const selected = /<option value="([^"]*)"[^>]*selected/.exec(match[2]!) ?? /<option value="([^"]*)"/.exec(match[2]!);
      fields.push([match[1], unescape(selected?.[1] ?? '')]);
    } else if (match[3]) fields.push([match[3], unescape(match[4]!)]);
    else {
      const name = /name="([^"]+)"/.exec(match[0])?.[1];
      if (name && !/type="(checkbox|radio|file)"/.test(match[0])) fields.push([name, unescape(/value="([^"]*)"/.exec(match[0])?.[1] ?? '')]);
    }
  }
  return fields;
}
