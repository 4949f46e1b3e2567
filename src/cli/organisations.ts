import { Command } from 'commander';
import { EnrolmentError } from '../enrolment/context.ts';
import { addOrganisation, changeVerification, listOrganisations, organisationByName } from '../enrolment/verification.ts';
import { COMMAND_LINE } from '../publishing/context.ts';
import type { Store } from '../store/connect.ts';
import { withStore } from './users.ts';

/**
 * `waypost organisations list|add|verify|withdraw`: the operator's side of organisation
 * verification (the console's Organisations page is the staff admins'). Every change is audited
 * as "command line". docs/security.md, "Organisations".
 */

function oneLine(error: unknown): never {
  if (error instanceof EnrolmentError) throw new Error(error.message);
  throw error;
}

async function byName(store: Store, name: string) {
  const organisation = await organisationByName(store.db, name);
  if (!organisation) throw new Error(`there is no organisation "${name}" (waypost organisations list)`);
  return organisation;
}

export function organisationsCommand(): Command {
  const command = new Command('organisations').description('organisations that enrol travellers: list, add, verify, withdraw verification');
  const ctx = (store: Store) => ({ db: store.db, now: () => new Date() });
  command
    .command('list')
    .description('every organisation with its verification state, members and creation date; those awaiting verification first')
    .action(async () => {
      await withStore(async (store) => {
        const organisations = await listOrganisations(store.db);
        if (organisations.length === 0) console.log('no organisations yet: waypost organisations add NAME, or a traveller starts one on their account page');
        for (const o of organisations) console.log(`${String(o.id).padStart(4)}  ${o.state.padEnd(10)}  ${String(o.members).padStart(6)} members  ${o.createdAt.slice(0, 10)}  ${o.name}`);
      });
    });
  command
    .command('add')
    .description('create an organisation (unverified, like one a traveller starts); the naming rules apply')
    .argument('<name>', 'its name: at most 100 characters, no web or e-mail address')
    .action(async (name: string) => {
      await withStore(async (store) => {
        const organisation = await addOrganisation(ctx(store), name, COMMAND_LINE).catch(oneLine);
        console.log(`added organisation "${organisation.name}" (id ${organisation.id}), unverified: waypost organisations verify "${organisation.name}" lets it import and invite`);
      });
    });
  for (const [change, description] of [['verify', 'let an organisation import and invite people (audited)'], ['withdraw', 'withdraw an organisation\'s verification: imports and invitations stop at once (audited)']] as const) {
    command
      .command(change)
      .description(description)
      .argument('<name>', 'the organisation\'s name (any case)')
      .action(async (name: string) => {
        await withStore(async (store) => {
          const organisation = await changeVerification(ctx(store), (await byName(store, name)).id, change, COMMAND_LINE).catch(oneLine);
          console.log(`organisation "${organisation.name}" is now ${organisation.state}`);
        });
      });
  }
  return command;
}
