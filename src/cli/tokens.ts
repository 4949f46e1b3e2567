import { Command, InvalidArgumentError } from 'commander';
import { COMMAND_LINE, EditorialError } from '../publishing/context.ts';
import { createToken, listTokens, revokeToken } from '../staff/tokens.ts';
import { findUserByEmail } from '../staff/users.ts';
import { withStore } from './users.ts';

/** `waypost tokens create --email E [--name N]`, `waypost tokens list [--email E]`, `waypost tokens revoke --id N` */
export function tokensCommand(): Command {
  const command = new Command('tokens').description('API bearer tokens of staff accounts (Authorization: Bearer <token>)');
  command
    .command('create')
    .description('create a token for a staff account and print it once (only its hash is kept)')
    .requiredOption('--email <address>', 'the staff account it acts as')
    .option('--name <name>', 'what it is for, e.g. "newsroom import script"')
    .action(async (options: { email: string; name?: string }) => {
      await withStore(async (store) => {
        const user = await findUserByEmail(store.db, options.email);
        if (!user) throw new Error(`no staff account has the address ${options.email} (waypost users add --email … --role …)`);
        if (user.disabled) throw new Error(`the account ${user.email} is disabled`);
        const { token, id } = await createToken(store.db, user, options.name, COMMAND_LINE);
        console.error(`token ${id} for ${user.email} (${user.role}); it is shown once, store it now:`);
        console.log(token);
      });
    });
  command
    .command('list')
    .description('list tokens (never the tokens themselves)')
    .option('--email <address>', 'only this account\'s')
    .action(async (options: { email?: string }) => {
      await withStore(async (store) => {
        const user = options.email ? await findUserByEmail(store.db, options.email) : undefined;
        if (options.email && !user) throw new Error(`no staff account has the address ${options.email}`);
        for (const token of await listTokens(store.db, user?.id)) {
          console.log(`${String(token.id).padStart(4)}  ${token.userEmail}  ${token.name}  created ${token.createdAt.slice(0, 16)}  ${token.revokedAt ? `revoked ${token.revokedAt.slice(0, 16)}` : `last used ${token.lastUsedAt?.slice(0, 16) ?? 'never'}`}`);
        }
      });
    });
  command
    .command('revoke')
    .description('revoke a token by its id')
    .requiredOption('--id <n>', 'token id (see tokens list)', (value) => {
      const id = Number(value);
      if (!Number.isSafeInteger(id) || id < 1) throw new InvalidArgumentError('a token id is a positive whole number');
      return id;
    })
    .action(async (options: { id: number }) => {
      await withStore(async (store) => {
        const token = (await listTokens(store.db)).find((t) => t.id === options.id);
        if (!token) throw new Error(`there is no token ${options.id}`);
        await revokeToken(store.db, options.id, COMMAND_LINE).catch((error: unknown) => {
          throw error instanceof EditorialError ? new Error(error.message) : error;
        });
        console.log(`revoked token ${options.id} of ${token.userEmail}`);
      });
    });
  return command;
}
