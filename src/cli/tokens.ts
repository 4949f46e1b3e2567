import { Command, InvalidArgumentError } from 'commander';

/** `waypost tokens create --email E [--name N]`, `waypost tokens list [--email E]`, `waypost tokens revoke --id N` */
export function tokensCommand(): Command {
  const command = new Command('tokens').description('API bearer tokens of staff accounts (Authorization: Bearer <token>)');
  command
    .command('create')
    .description('create a token for a staff account and print it once (only its hash is kept)')
    .requiredOption('--email <address>', 'the staff account it acts as')
    .option('--name <name>', 'what it is for, e.g. "newsroom import script"')
    .action(async (options: { email: string; name?: string }) => {
      await (await import('./run/tokens.ts')).createApiToken(options);
    });
  command
    .command('list')
    .description('list tokens (never the tokens themselves)')
    .option('--email <address>', 'only this account\'s')
    .action(async (options: { email?: string }) => {
      await (await import('./run/tokens.ts')).listApiTokens(options);
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
      await (await import('./run/tokens.ts')).revokeApiToken(options);
    });
  return command;
}
