import { Command } from 'commander';

/**
 * `waypost organisations list|add|verify|withdraw`: the operator's side of organisation
 * verification (the console's Organisations page is the staff admins'). Every change is audited
 * as "command line". docs/security.md, "Organisations".
 */

export function organisationsCommand(): Command {
  const command = new Command('organisations').description('organisations that enrol travellers: list, add, verify, withdraw verification');
  command
    .command('list')
    .description('every organisation with its verification state, members and creation date; those awaiting verification first')
    .action(async () => {
      await (await import('./run/organisations.ts')).listOrgs();
    });
  command
    .command('add')
    .description('create an organisation (unverified, like one a traveller starts); the naming rules apply')
    .argument('<name>', 'its name: at most 100 characters, no web or e-mail address')
    .action(async (name: string) => {
      await (await import('./run/organisations.ts')).addOrg(name);
    });
  for (const [change, description] of [['verify', 'let an organisation import and invite people (audited)'], ['withdraw', 'withdraw an organisation\'s verification: imports and invitations stop at once (audited)']] as const) {
    command
      .command(change)
      .description(description)
      .argument('<name>', 'the organisation\'s name (any case)')
      .action(async (name: string) => {
        await (await import('./run/organisations.ts')).changeOrgVerification(name, change);
      });
  }
  return command;
}
