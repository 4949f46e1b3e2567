import { EnrolmentError } from '../../enrolment/context.ts';
import { addOrganisation, changeVerification, listOrganisations, organisationByName } from '../../enrolment/verification.ts';
import { COMMAND_LINE } from '../../publishing/context.ts';
import type { Store } from '../../store/connect.ts';
import { withStore } from './users.ts';

const ctx = (store: Store) => ({ db: store.db, now: () => new Date() });

export async function listOrgs(): Promise<void> {
  await withStore(async (store) => {
    const organisations = await listOrganisations(store.db);
    if (organisations.length === 0) console.log('no organisations yet: waypost organisations add NAME, or a traveller starts one on their account page');
    for (const o of organisations) console.log(`${String(o.id).padStart(4)}  ${o.state.padEnd(10)}  ${String(o.members).padStart(6)} members  ${o.createdAt.slice(0, 10)}  ${o.name}`);
  });
}

export async function addOrg(name: string): Promise<void> {
  await withStore(async (store) => {
    const organisation = await addOrganisation(ctx(store), name, COMMAND_LINE).catch(oneLine);
    console.log(`added organisation "${organisation.name}" (id ${organisation.id}), unverified: waypost organisations verify "${organisation.name}" lets it import and invite`);
  });
}

export async function changeOrgVerification(name: string, change: 'verify' | 'withdraw'): Promise<void> {
  await withStore(async (store) => {
    const organisation = await changeVerification(ctx(store), (await byName(store, name)).id, change, COMMAND_LINE).catch(oneLine);
    console.log(`organisation "${organisation.name}" is now ${organisation.state}`);
  });
}

function oneLine(error: unknown): never {
  if (error instanceof EnrolmentError) throw new Error(error.message);
  throw error;
}

async function byName(store: Store, name: string) {
  const organisation = await organisationByName(store.db, name);
  if (!organisation) throw new Error(`there is no organisation "${name}" (waypost organisations list)`);
  return organisation;
}
