import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { ENGINES, createTestStore, type TestStore } from '../helpers/databases.ts';
import { waypost } from '../helpers/cli.ts';
import { consoleSignIn } from '../helpers/editorial-setup.ts';

const work = mkdtempSync(join(tmpdir(), 'waypost-staff-cli-'));

describe.each(ENGINES)('waypost users and tokens on %s', (engine) => {
  let store: TestStore;
  let app: FastifyInstance;

  beforeAll(async () => {
    store = await createTestStore(engine, engine === 'sqlite' ? { file: join(work, 'waypost.db') } : {});
    app = await buildApp({ store, config: { publicUrl: 'http://waypost.test' } });
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  it('adds an account with a generated password, printed once, that signs in to the console', async () => {
    const result = await waypost(['users', 'add', '--email', 'Analyst@Example.org', '--role', 'editor'], store.url);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^added editor analyst@example\.org \(id \d+\)\n/);
    const password = /password \(shown once; they sign in at \/console\/sign-in\): (\S+)/.exec(result.stdout)![1]!;
    expect(password.length).toBeGreaterThanOrEqual(20);
    const session = await consoleSignIn(app, 'analyst@example.org', { password });
    expect((await app.inject({ method: 'GET', url: '/console', headers: { cookie: session.cookie } })).statusCode).toBe(200);
    const row = await store.db.selectFrom('users').selectAll().where('email', '=', 'analyst@example.org').executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$/);
    expect(row.password_hash).not.toContain(password);
  });

  it('takes a password from standard input, and refuses bad input with one line and a non-zero exit', async () => {
    const ok = await waypost(['users', 'add', '--email', 'publisher@example.org', '--role', 'reviewer', '--password-stdin'], store.url, 'a piped password of some length\n');
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).not.toContain('password');
    await consoleSignIn(app, 'publisher@example.org', { password: 'a piped password of some length' });

    const short = await waypost(['users', 'add', '--email', 'x@example.org', '--role', 'editor', '--password-stdin'], store.url, 'short\n');
    expect(short.code).not.toBe(0);
    expect(short.stderr).toBe('waypost: The password must be at least 12 characters long.\n');
    const twice = await waypost(['users', 'add', '--email', 'PUBLISHER@example.org', '--role', 'editor'], store.url);
    expect(twice.code).not.toBe(0);
    expect(twice.stderr).toBe('waypost: There is already a staff account for publisher@example.org.\n');
    const role = await waypost(['users', 'add', '--email', 'y@example.org', '--role', 'boss'], store.url);
    expect(role.code).not.toBe(0);
    expect(role.stderr).toContain("argument 'boss' is invalid. Allowed choices are editor, reviewer, admin, crisis, consular.");
  });

  it('creates an API token, printed once, that works with the staff API until revoked', async () => {
    const created = await waypost(['tokens', 'create', '--email', 'publisher@example.org', '--name', 'newsroom script'], store.url);
    expect(created.code, created.stderr).toBe(0);
    const token = created.stdout.trim();
    expect(token).toMatch(/^wp_[A-Za-z0-9_-]{43}$/);
    expect(created.stderr).toMatch(/^token \d+ for publisher@example\.org \(reviewer\); it is shown once/);
    const list = await app.inject({ method: 'GET', url: '/api/v1/drafts', headers: { authorization: `Bearer ${token}` } });
    expect(list.statusCode).toBe(200);
    const listed = await waypost(['tokens', 'list'], store.url);
    expect(listed.stdout).toContain('newsroom script');
    expect(listed.stdout).not.toContain(token);
    const id = /^token (\d+)/.exec(created.stderr)![1]!;
    expect((await waypost(['tokens', 'revoke', '--id', id], store.url)).code).toBe(0);
    expect((await app.inject({ method: 'GET', url: '/api/v1/drafts', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);
    const unknown = await waypost(['tokens', 'create', '--email', 'nobody@example.org'], store.url);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('no staff account has the address nobody@example.org');
    const actions = await store.db.selectFrom('audit_log').select(['action', 'actor_label']).where('action', 'in', ['user-created', 'token-created', 'token-revoked']).execute();
    expect(actions.every((a) => a.actor_label === 'command line')).toBe(true);
  });
});
