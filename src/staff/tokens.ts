import type { Kysely } from 'kysely';
import { recordAudit } from '../publishing/audit.ts';
import { EditorialError, type Actor } from '../publishing/context.ts';
import type { Database } from '../store/schema.ts';
import { randomToken, sha256 } from './sessions.ts';
import { toUser, type StaffUser } from './users.ts';

/** API bearer tokens: `wp_` + 32 random bytes (base64url). Shown once; only the sha256 is kept. */
export const TOKEN_PREFIX = 'wp_';

export interface ApiToken {
  id: number;
  userId: number;
  userEmail: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export async function createToken(db: Kysely<Database>, user: Pick<StaffUser, 'id' | 'email'>, name: unknown, by: Actor, now = new Date()): Promise<{ token: string; id: number }> {
  const label = typeof name === 'string' && name.trim() ? name.trim().slice(0, 100) : `token of ${now.toISOString().slice(0, 10)}`;
  const token = `${TOKEN_PREFIX}${randomToken(32)}`;
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('api_tokens')
      .values({ user_id: user.id, name: label, token_hash: sha256(token), created_at: now.toISOString(), last_used_at: null, revoked_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actor: by, action: 'token-created', subject: `token ${row.id}`, at: now, detail: { tokenId: row.id, owner: user.email, name: label } });
    return row.id;
  });
  return { token, id };
}

/** The enabled staff member a bearer token belongs to, or null (unknown, revoked, or account disabled). */
export async function authenticateToken(db: Kysely<Database>, token: string, now = new Date()): Promise<{ user: StaffUser; tokenId: number } | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 100) return null;
  const row = await db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select(['t.id as token_id', 't.revoked_at', 't.last_used_at', 'u.id', 'u.email', 'u.name', 'u.role', 'u.disabled', 'u.created_at'])
    .where('t.token_hash', '=', sha256(token))
    .executeTakeFirst();
  if (!row || row.revoked_at !== null || row.disabled === 1) return null;
  // Note the last use, at most once a minute per token.
  if (!row.last_used_at || Date.parse(row.last_used_at) < now.getTime() - 60_000) {
    await db.updateTable('api_tokens').set({ last_used_at: now.toISOString() }).where('id', '=', row.token_id).execute();
  }
  return { user: toUser(row), tokenId: row.token_id };
}

/** Tokens of one staff member, or of everyone (admins), newest first. */
export async function listTokens(db: Kysely<Database>, userId?: number): Promise<ApiToken[]> {
  let query = db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select(['t.id', 't.user_id', 'u.email', 't.name', 't.created_at', 't.last_used_at', 't.revoked_at']);
  if (userId !== undefined) query = query.where('t.user_id', '=', userId);
  const rows = await query.orderBy('t.id', 'desc').limit(500).execute();
  return rows.map((row) => ({
    id: row.id, userId: row.user_id, userEmail: row.email, name: row.name, createdAt: row.created_at, lastUsedAt: row.last_used_at, revokedAt: row.revoked_at,
  }));
}

/** Revokes a token: its owner may, and so may an admin and the command line. Revoking twice is harmless. */
export async function revokeToken(db: Kysely<Database>, tokenId: number, by: Actor, now = new Date()): Promise<void> {
  const token = await db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select(['t.id', 't.user_id', 't.revoked_at', 'u.email'])
    .where('t.id', '=', tokenId)
    .executeTakeFirst();
  if (!token || (token.user_id !== by.id && by.role !== 'admin' && by.role !== 'system')) throw new EditorialError(404, `There is no token ${tokenId} of yours.`);
  if (token.revoked_at) return;
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('api_tokens').set({ revoked_at: now.toISOString() }).where('id', '=', tokenId).where('revoked_at', 'is', null).execute();
    await recordAudit(trx, { actor: by, action: 'token-revoked', subject: `token ${tokenId}`, at: now, detail: { tokenId, owner: token.email } });
  });
}
