import { loadConfig } from '../../config.ts';
import { COMMAND_LINE, EditorialError } from '../../publishing/context.ts';
import { addUser, listUsers } from '../../staff/users.ts';
import { connect, type Store } from '../../store/connect.ts';
import { migrate } from '../../store/migrate.ts';

export async function addStaffUser(options: { email: string; role: string; name?: string; passwordStdin?: boolean }): Promise<void> {
  const password = options.passwordStdin ? await readStdin() : undefined;
  await withStore(async (store) => {
    const { user, password: generated } = await addUser(store.db, { email: options.email, role: options.role, name: options.name, password }, COMMAND_LINE).catch(explain);
    console.log(`added ${user.role} ${user.email} (id ${user.id})`);
    if (generated) {
      console.log(`password (shown once; they sign in at /console/sign-in): ${generated}`);
    }
  });
}

export async function listStaffUsers(): Promise<void> {
  await withStore(async (store) => {
    const users = await listUsers(store.db);
    if (users.length === 0) console.log('no staff accounts yet: waypost users add --email E --role admin');
    for (const user of users) console.log(`${String(user.id).padStart(4)}  ${user.role.padEnd(8)}  ${user.email}${user.disabled ? '  (disabled)' : ''}`);
  });
}

export async function withStore<T>(run: (store: Store) => Promise<T>): Promise<T> {
  const store = connect(loadConfig().databaseUrl);
  try {
    await migrate(store);
    return await run(store);
  } finally {
    await store.close();
  }
}

/** Reads a password piped in (`--password-stdin`): everything up to the end, without the final newline. */
async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new Error('--password-stdin reads the password from standard input: pipe it in, e.g. `pass show waypost | waypost users add …`');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

function explain(error: unknown): never {
  if (error instanceof EditorialError) throw new Error(error.message);
  throw error;
}
