import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Config } from '../../config.ts';
import { readIdentityChanges, type Identity } from '../../domain/identity.ts';
import { checkLogo, LOGO_MAX_BYTES } from '../../domain/logo.ts';
import { changeIdentity, changeLogo, logoVersion, readIdentity, readLogo } from '../../identity/settings.ts';
import type { EditorialContext } from '../../publishing/context.ts';
import { staffAuth } from '../../staff/guard.ts';
import type { Store } from '../../store/connect.ts';
import { sendProblem } from '../problem.ts';

/**
 * `/api/v1/settings/identity` (docs/identity.md): who publishes on this deployment. Anyone may
 * read it (it is what every public page shows); only admins change it, each change audited and
 * every cached page and feed rebuilt with it.
 */

const problems = (...codes: number[]) => Object.fromEntries(codes.map((code) => [code, Type.Ref('Problem')]));
const nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);
const FooterLink = Type.Object({ label: Type.String({ maxLength: 60 }), url: Type.String({ description: 'http or https URL' }) });

const IdentitySchema = Type.Object({
  authorityName: Type.String({ description: 'Credited on every advisory published here, e.g. "Ministry of Foreign Affairs"' }),
  authorityShortName: Type.String({ description: 'In page titles and short credits, e.g. "MFA"' }),
  citizenNoun: Type.String({ description: 'Used in generated text: "U.S. citizens", "British nationals"' }),
  brandColour: Type.String({ description: 'Header colour, #rrggbb; white text on it must reach WCAG AA 4.5:1' }),
  emergencyPhone: nullable(Type.String({ description: 'Emergency line for citizens abroad' })),
  contactUrl: nullable(Type.String({ description: 'The authority\'s contact page' })),
  footerLinks: Type.Array(FooterLink, { description: 'Extra links in every page footer (at most 8)' }),
  publicBaseUrl: Type.String({ description: 'Absolute base of every link in pages, feeds and e-mails (PUBLIC_URL; set in the environment)' }),
  logoUrl: nullable(Type.String({ description: 'The uploaded logo, or null' })),
  poweredBy: Type.Literal('Waypost'),
});

const ChangesSchema = Type.Object({
  authorityName: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
  authorityShortName: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
  citizenNoun: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
  brandColour: Type.Optional(Type.String({ pattern: '^#[0-9A-Fa-f]{6}$' })),
  emergencyPhone: Type.Optional(nullable(Type.String())),
  contactUrl: Type.Optional(nullable(Type.String())),
  footerLinks: Type.Optional(Type.Array(FooterLink, { maxItems: 8 })),
}, { description: 'Any subset; a field not named is left as it is. Unknown fields are refused.' });

export function identityRoutes(store: Store, config: Pick<Config, 'publicUrl'>, options: { now?: () => Date } = {}) {
  return async function register(instance: FastifyInstance): Promise<void> {
    const app = instance.withTypeProvider<TypeBoxTypeProvider>();
    const now = options.now ?? (() => new Date());
    const ctx: EditorialContext = { db: store.db, now };
    const admin = staffAuth(instance, { db: store.db, now }).requirePermission('administer');
    const base = config.publicUrl.replace(/\/+$/, '');
    // Logos arrive as the file itself; only these two types, and only here.
    instance.addContentTypeParser(['image/svg+xml', 'image/png'], { parseAs: 'buffer', bodyLimit: LOGO_MAX_BYTES * 2 }, (_request, body, done) => done(null, body));

    const asJson = async (identity: Identity) => {
      const [version, logo] = await Promise.all([logoVersion(store.db), readLogo(store.db)]);
      return {
        ...identity, publicBaseUrl: config.publicUrl, poweredBy: 'Waypost' as const,
        logoUrl: version && logo ? `${base}/identity/logo-${version}.${logo.type === 'image/png' ? 'png' : 'svg'}` : null,
      };
    };
    const security = 'Admins only: `Authorization: Bearer <token>`; changes are recorded in the audit log.';

    app.get('/api/v1/settings/identity', {
      schema: { summary: 'The deployment identity: who publishes here, their colour, logo and contacts', tags: ['public'], response: { 200: IdentitySchema } },
    }, async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=60');
      return asJson(await readIdentity(store.db));
    });

    app.patch('/api/v1/settings/identity', {
      preValidation: admin,
      // The domain reader checks every field and names it; the schema is for the documentation.
      attachValidation: true,
      schema: {
        summary: 'Change the deployment identity', description: `${security} Bad input: 400 naming each field, nothing changed.`,
        tags: ['staff'], body: ChangesSchema, response: { 200: IdentitySchema, ...problems(400, 401, 403) },
      },
    }, async (request, reply) => {
      reply.header('cache-control', 'private, no-store');
      const read = readIdentityChanges(request.body);
      if (!read.ok) return sendProblem(reply, 400, read.errors.map((e) => `${e.field} ${e.message}`).join('; '), read.errors);
      const { identity } = await changeIdentity(ctx, request.staff!.actor, read.changes);
      return asJson(identity);
    });

    app.put('/api/v1/settings/identity/logo', {
      preValidation: admin,
      schema: {
        summary: 'Upload the logo (the file itself, Content-Type image/svg+xml or image/png, at most 100 KB)',
        description: `${security} An SVG is rebuilt from an allow-list of drawing elements (no script, event handlers, external references or foreignObject); a PNG must carry the PNG signature.`,
        tags: ['staff'], response: { 200: IdentitySchema, ...problems(400, 401, 403, 413, 415) },
      },
    }, async (request, reply) => {
      reply.header('cache-control', 'private, no-store');
      const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      const checked = checkLogo(type, Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0));
      if (!checked.ok) return sendProblem(reply, 400, `The logo was not saved: ${checked.reason}.`, [{ field: 'logo', message: checked.reason }]);
      await changeLogo(ctx, request.staff!.actor, checked.logo);
      return asJson(await readIdentity(store.db));
    });

    app.delete('/api/v1/settings/identity/logo', {
      preValidation: admin,
      schema: { summary: 'Remove the logo', description: security, tags: ['staff'], response: { 200: IdentitySchema, ...problems(401, 403) } },
    }, async (request, reply) => {
      reply.header('cache-control', 'private, no-store');
      await changeLogo(ctx, request.staff!.actor, null);
      return asJson(await readIdentity(store.db));
    });
  };
}
