import { Command, Option } from 'commander';
import { STAFF_ROLES } from '../domain/roles.ts';

/** `waypost users add --email E --role editor|reviewer|admin|crisis|consular [--password-stdin]`, `waypost users list` */
export function usersCommand(): Command {
  const command = new Command('users').description('staff accounts of the console and the staff API');
  command
    .command('add')
    .description('add a staff account; without --password-stdin a strong password is generated and printed once')
    .requiredOption('--email <address>', 'their e-mail address (the sign-in name)')
    .addOption(new Option('--role <role>', 'what they may do').choices([...STAFF_ROLES]).makeOptionMandatory())
    .option('--name <name>', 'display name')
    .option('--password-stdin', 'read the password from standard input instead of generating one')
    .action(async (options: { email: string; role: string; name?: string; passwordStdin?: boolean }) => {
      await (await import('./run/users.ts')).addStaffUser(options);
    });
  command
    .command('list')
    .description('list staff accounts')
    .action(async () => {
      await (await import('./run/users.ts')).listStaffUsers();
    });
  return command;
}
