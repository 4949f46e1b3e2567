import { COMMAND_LINE, EditorialError } from '../../publishing/context.ts';
import { createToken, listTokens, revokeToken } from '../../staff/tokens.ts';
import { findUserByEmail } from '../../staff/users.ts';
import { withStore } from './users.ts';

export async function createApiToken(options: { email: string; name?: string }): Promise<void> {
  await withStore(async (store) => {
    const user = await findUserByEmail(store.db, options.email);
    if (!user) throw new Error(`no staff account has the address ${options.email} (waypost users add --email … --role …)`);
    if (user.disabled) throw new Error(`the account ${user.email} is disabled`);
    const { token, id } = await createToken(store.db, user, options.name, COMMAND_LINE);
    console.error(`token ${id} for ${user.email} (${user.role}); it is shown once, store it now:`);
    console.log(token);
  });
}

export async function listApiTokens(options: { email?: string }): Promise<void> {
  await withStore(async (store) => {
    const user = options.email ? await findUserByEmail(store.db, options.email) : undefined;
    if (options.email && !user) throw new Error(`no staff account has the address ${options.email}`);
    for (const token of await listTokens(store.db, user?.id)) {
      console.log(`${String(token.id).padStart(4)}  ${token.userEmail}  ${token.name}  created ${token.createdAt.slice(0, 16)}  ${token.revokedAt ? `revoked ${token.revokedAt.slice(0, 16)}` : `last used ${token.lastUsedAt?.slice(0, 16) ?? 'never'}`}`);
    }
  });
}

export async function revokeApiToken(options: { id: number }): Promise<void> {
  await withStore(async (store) => {
    const token = (await listTokens(store.db)).find((t) => t.id === options.id);
    if (!token) throw new Error(`there is no token ${options.id}`);
    await revokeToken(store.db, options.id, COMMAND_LINE).catch((error: unknown) => {
      throw error instanceof EditorialError ? new Error(error.message) : error;
    });
    console.log(`revoked token ${options.id} of ${token.userEmail}`);
  });
}
