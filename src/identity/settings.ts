import type { Kysely } from 'kysely';
import { DEFAULT_IDENTITY, identityFromEnvironment, type Identity, type IdentityField } from '../domain/identity.ts';
import type { Logo } from '../domain/logo.ts';
import { recordAudit } from '../publishing/audit.ts';
import type { Actor, EditorialContext } from '../publishing/context.ts';
import { noteLocalPublication } from '../publishing/revisions.ts';
import type { Database } from '../store/schema.ts';

/**
 * The deployment identity as stored (docs/identity.md): what an admin saved in the console or
 * through the API, over the environment's defaults. Every change is audited and bumps
 * `identity_version`, which is part of the publication stamp, so every cached page and feed is
 * rebuilt with the new name, colour and logo.
 */
const IDENTITY = 'identity';
const LOGO = 'identity_logo';
export const IDENTITY_VERSION = 'identity_version';

let fromEnvironment: Identity | undefined;

/** The environment's defaults, read once (a bad value already stopped start-up in loadConfig). */
export function environmentIdentity(): Identity {
  fromEnvironment ??= identityFromEnvironment(process.env);
  return fromEnvironment;
}

async function setting(db: Kysely<Database>, key: string): Promise<string | undefined> {
  return (await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst())?.value;
}

async function save(db: Kysely<Database>, key: string, value: string): Promise<void> {
  await db.insertInto('settings').values({ key, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
}

async function savedIdentity(db: Kysely<Database>): Promise<Partial<Identity>> {
  const text = await setting(db, IDENTITY);
  return text ? JSON.parse(text) as Partial<Identity> : {};
}

export async function readIdentity(db: Kysely<Database>): Promise<Identity> {
  return { ...environmentIdentity(), ...await savedIdentity(db) };
}

async function bumpVersion(trx: Kysely<Database>): Promise<void> {
  await save(trx, IDENTITY_VERSION, String(Number(await setting(trx, IDENTITY_VERSION) ?? 0) + 1));
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Applies an admin's changes (already validated by readIdentityChanges) with one audit entry
 * naming each changed field's old and new value, in one transaction. Returns the identity now in
 * force and which fields changed (none: nothing written, nothing recorded).
 */
export async function changeIdentity(ctx: EditorialContext, actor: Actor, changes: Partial<Identity>): Promise<{ identity: Identity; changed: IdentityField[] }> {
  const result = await ctx.db.transaction().execute(async (trx) => {
    const before = await readIdentity(trx);
    const changed = (Object.keys(changes) as IdentityField[]).filter((field) => field in DEFAULT_IDENTITY && !same(before[field], changes[field]));
    if (changed.length === 0) return { identity: before, changed };
    await save(trx, IDENTITY, JSON.stringify({ ...await savedIdentity(trx), ...Object.fromEntries(changed.map((f) => [f, changes[f]])) }));
    await bumpVersion(trx);
    await recordAudit(trx, {
      actor, action: 'settings-changed', subject: 'deployment identity', at: ctx.now(),
      detail: { identity: Object.fromEntries(changed.map((f) => [f, { from: before[f], to: changes[f] }])) },
    });
    return { identity: await readIdentity(trx), changed };
  });
  // Part of the publication stamp: this process's pages show it at once, others' within the stamp's age.
  if (result.changed.length > 0) noteLocalPublication();
  return result;
}

export async function readLogo(db: Kysely<Database>): Promise<Logo | null> {
  const text = await setting(db, LOGO);
  if (!text) return null;
  const stored = JSON.parse(text) as { type: Logo['type']; data: string };
  return { type: stored.type, data: Buffer.from(stored.data, 'base64') };
}

/** Replaces (or with null removes) the logo, already checked by checkLogo, with its audit entry. */
export async function changeLogo(ctx: EditorialContext, actor: Actor, logo: Logo | null): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    if (logo) await save(trx, LOGO, JSON.stringify({ type: logo.type, data: logo.data.toString('base64') }));
    else await trx.deleteFrom('settings').where('key', '=', LOGO).execute();
    await bumpVersion(trx);
    await recordAudit(trx, {
      actor, action: 'settings-changed', subject: 'deployment logo', at: ctx.now(),
      detail: logo ? { logo: { type: logo.type, bytes: logo.data.length } } : { logo: null },
    });
  });
  noteLocalPublication();
}

/** Which version of the logo is current, for its cache-busting URL; null without one. */
export async function logoVersion(db: Kysely<Database>): Promise<string | null> {
  const [logo, version] = await Promise.all([setting(db, LOGO), setting(db, IDENTITY_VERSION)]);
  return logo ? version ?? '0' : null;
}
