import type { Kysely, Selectable } from 'kysely';
import { isStaffRole, STAFF_ROLES, type StaffRole } from '../domain/roles.ts';
import { recordAudit } from '../publishing/audit.ts';
import { EditorialError, isUniqueViolation, type Actor } from '../publishing/context.ts';
import type { Database, UsersTable } from '../store/schema.ts';
import { generatePassword, hashPassword, MIN_PASSWORD_LENGTH } from './passwords.ts';

export interface StaffUser {
  id: number;
  email: string;
  name: string;
  role: StaffRole;
  disabled: boolean;
  createdAt: string;
}

export function toUser(row: Pick<Selectable<UsersTable>, 'id' | 'email' | 'name' | 'role' | 'disabled' | 'created_at'>): StaffUser {
  return { id: row.id, email: row.email, name: row.name, role: row.role, disabled: row.disabled === 1, createdAt: row.created_at };
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

const EMAIL = /^[^\s@<>"'`]{1,64}@[^\s@<>"'`]{1,190}\.[^\s@<>"'`]{2,63}$/;

export function validStaffEmail(email: unknown): string | null {
  if (typeof email !== 'string') return null;
  const normalised = normaliseEmail(email);
  return EMAIL.test(normalised) && normalised.length <= 254 ? normalised : null;
}

export interface NewUser {
  email: unknown;
  role: unknown;
  name?: unknown;
  /** Omit to generate a strong one (returned once). */
  password?: string | undefined;
}

/** Adds a staff account; returns it and, when the password was generated, the password (shown once). */
export async function addUser(db: Kysely<Database>, input: NewUser, by: Actor, now = new Date()): Promise<{ user: StaffUser; password: string | null }> {
  const email = validStaffEmail(input.email);
  if (!email) throw new EditorialError(400, 'Give a valid e-mail address, like analyst@example.org.', [{ field: 'email', message: 'is not a valid e-mail address' }]);
  if (!isStaffRole(input.role)) throw new EditorialError(400, `The role must be one of ${STAFF_ROLES.join(', ')}.`, [{ field: 'role', message: `must be one of ${STAFF_ROLES.join(', ')}` }]);
  const name = typeof input.name === 'string' ? input.name.trim().slice(0, 120) : '';
  const generated = input.password === undefined ? generatePassword() : null;
  const password = input.password ?? generated!;
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new EditorialError(400, `The password must be at least ${MIN_PASSWORD_LENGTH} characters long.`, [{ field: 'password', message: `must be at least ${MIN_PASSWORD_LENGTH} characters` }]);
  }
  if (password.length > 1024) throw new EditorialError(400, 'The password is too long.', [{ field: 'password', message: 'is too long' }]);
  const passwordHash = await hashPassword(password);
  try {
    const row = await db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('users')
        .values({ email, name, role: input.role as StaffRole, password_hash: passwordHash, created_at: now.toISOString(), disabled: 0 })
        .returning(['id', 'email', 'name', 'role', 'disabled', 'created_at'])
        .executeTakeFirstOrThrow();
      await recordAudit(trx, { actor: by, action: 'user-created', subject: email, at: now, detail: { userId: inserted.id, role: inserted.role } });
      return inserted;
    });
    return { user: toUser(row), password: generated };
  } catch (error) {
    if (isUniqueViolation(error)) throw new EditorialError(409, `There is already a staff account for ${email}.`, [{ field: 'email', message: 'already has an account' }]);
    throw error;
  }
}

export async function findUserByEmail(db: Kysely<Database>, email: string): Promise<(StaffUser & { passwordHash: string }) | undefined> {
  const row = await db.selectFrom('users').selectAll().where('email', '=', normaliseEmail(email)).executeTakeFirst();
  return row && { ...toUser(row), passwordHash: row.password_hash };
}

export async function findUser(db: Kysely<Database>, id: number): Promise<StaffUser | undefined> {
  const row = await db.selectFrom('users').select(['id', 'email', 'name', 'role', 'disabled', 'created_at']).where('id', '=', id).executeTakeFirst();
  return row && toUser(row);
}

export async function listUsers(db: Kysely<Database>): Promise<StaffUser[]> {
  const rows = await db.selectFrom('users').select(['id', 'email', 'name', 'role', 'disabled', 'created_at']).orderBy('email').execute();
  return rows.map(toUser);
}

/** E-mail addresses of staff by id, for showing who did what. */
export async function userLabels(db: Kysely<Database>, ids: Iterable<number | null | undefined>): Promise<Map<number, string>> {
  const wanted = [...new Set([...ids].filter((id): id is number => typeof id === 'number'))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'email']).where('id', 'in', wanted).execute();
  return new Map(rows.map((row) => [row.id, row.email]));
}

/** Changes a staff member's role or disables the account (admins only; an admin cannot lock themself out). */
export async function updateUser(db: Kysely<Database>, id: number, change: { role?: unknown; disabled?: boolean }, by: Actor, now = new Date()): Promise<StaffUser> {
  const user = await findUser(db, id);
  if (!user) throw new EditorialError(404, `There is no staff account ${id}.`);
  if (change.role !== undefined && !isStaffRole(change.role)) throw new EditorialError(400, `The role must be one of ${STAFF_ROLES.join(', ')}.`, [{ field: 'role', message: 'is not a role' }]);
  if (by.id === id && ((change.role !== undefined && change.role !== 'admin') || change.disabled)) {
    throw new EditorialError(409, 'You cannot remove your own admin role or disable your own account: ask another admin.');
  }
  const role = (change.role as StaffRole | undefined) ?? user.role;
  const disabled = change.disabled ?? user.disabled;
  if (role === user.role && disabled === user.disabled) return user;
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ role, disabled: disabled ? 1 : 0 }).where('id', '=', id).execute();
    // A disabled account is signed out everywhere at once.
    if (disabled) await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
    await recordAudit(trx, { actor: by, action: 'user-updated', subject: user.email, at: now, detail: { userId: id, role, disabled, before: { role: user.role, disabled: user.disabled } } });
  });
  return { ...user, role, disabled };
}

/** The line `waypost serve` prints about the staff console. */
export async function signInHint(db: Kysely<Database>, url: string): Promise<string> {
  const any = await db.selectFrom('users').select('id').where('disabled', '=', 0).limit(1).executeTakeFirst();
  return any
    ? `Staff console: ${url}/console (sign in with a staff account)`
    : `Staff console: ${url}/console — no staff account yet; create one with: npx waypost users add --email you@example.org --role admin`;
}
