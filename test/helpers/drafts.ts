import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { consoleGet, consolePost, type apiCall, type ConsoleSession, type FormFields, type TestStaff } from './editorial-setup.ts';

/**
 * Drafts in a given state, made the way staff make them (staff API or console), for tests whose
 * subject is what happens next. Each step checks its own status, so a test whose set-up broke
 * says which step did rather than failing later on a missing id.
 */

type Call = ReturnType<typeof apiCall>;

/** The editor and reviewer who write and approve a draft (two people: the two-person rule holds). */
export interface DraftTeam {
  editor: TestStaff;
  reviewer: TestStaff;
}

/** A new draft of `code` started by `author` with `patch`, then changed by each of `edits` in turn; returns its id. */
export async function newDraft(call: Call, author: TestStaff, code: string, patch: Record<string, unknown> = {}, ...edits: [TestStaff, Record<string, unknown>][]): Promise<number> {
  const created = await call('POST', `/api/v1/advisories/${code}/drafts`, author.token, patch);
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as number;
  for (const [who, edit] of edits) {
    const saved = await call('PATCH', `/api/v1/drafts/${id}`, who.token, edit, { 'if-match': '*' });
    expect(saved.statusCode, saved.body).toBe(200);
  }
  return id;
}

/** A draft of `code` with `patch`, written and submitted by the editor; returns its id. */
export async function submittedDraft(call: Call, team: DraftTeam, code: string, patch: Record<string, unknown> = {}): Promise<number> {
  const id = await newDraft(call, team.editor, code, patch);
  const submitted = await call('POST', `/api/v1/drafts/${id}/submit`, team.editor.token);
  expect(submitted.statusCode, submitted.body).toBe(200);
  return id;
}

/** A draft of `code` with `patch`, written and submitted by the editor and approved by the reviewer; returns its id. */
export async function approvedDraft(call: Call, team: DraftTeam, code: string, patch: Record<string, unknown> = {}): Promise<number> {
  const id = await submittedDraft(call, team, code, patch);
  const approved = await call('POST', `/api/v1/drafts/${id}/approve`, team.reviewer.token);
  expect(approved.statusCode, approved.body).toBe(200);
  return id;
}

/** Starts a draft of `code` in the console and reads its edit form back as the browser would send it. */
export async function startConsoleDraft(app: FastifyInstance, session: ConsoleSession, code: string): Promise<{ id: number; fields: FormFields }> {
  const started = await consolePost(app, session, `/console/destinations/${code}/drafts`);
  expect(started.statusCode, started.body.slice(0, 300)).toBe(303);
  const id = Number(/\/console\/drafts\/(\d+)\/edit/.exec(String(started.headers.location))![1]);
  const page = await consoleGet(app, session, `/console/drafts/${id}/edit`);
  expect(page.statusCode).toBe(200);
  return { id, fields: formFields(page.body) };
}

/** The editor form as the browser sends it, from what the edit page rendered. */
export function formFields(html: string): FormFields {
  const fields: FormFields = {};
  const add = (name: string, value: string) => {
    const existing = fields[name];
    fields[name] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  };
  const decode = (text: string) => text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  const form = html.slice(html.indexOf('<form method="post" action="/console/drafts/'), html.indexOf('</form>', html.indexOf('id="editor"')));
  for (const match of form.matchAll(/<input([^>]*)>/g)) {
    const attrs = match[1]!;
    const name = /name="([^"]+)"/.exec(attrs)?.[1];
    const value = decode(/value="([^"]*)"/.exec(attrs)?.[1] ?? '');
    const type = /type="([^"]+)"/.exec(attrs)?.[1];
    if (!name || name === '_csrf') continue;
    if ((type === 'checkbox' || type === 'radio') && !/\schecked/.test(attrs)) continue;
    add(name, value);
  }
  for (const match of form.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g)) add(match[1]!, decode(match[2]!));
  for (const match of form.matchAll(/<select[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const selected = /<option value="([^"]*)" selected>/.exec(match[2]!);
    if (selected) add(match[1]!, selected[1]!);
  }
  return fields;
}
