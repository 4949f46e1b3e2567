import type { Kysely } from 'kysely';
import type { AlertStatus, FieldError, ReferenceInput } from '../domain/alerts.ts';
import { EditorialError } from '../publishing/context.ts';
import type { Database } from '../store/schema.ts';

// What an Update or a Cancel refers to (docs/alerts.md): the alerts it names, and whether they
// may still be replaced.

export interface ReferencedRow {
  id: number;
  status: string;
  msg_type: string;
  superseded_by: number | null;
  expires: string;
}

/** Finds what the references name (ids or CAP identifiers), with field messages for those that name nothing. */
export async function resolveReferences(db: Kysely<Database>, references: readonly ReferenceInput[]): Promise<{ rows: ReferencedRow[]; errors: FieldError[] }> {
  const rows: ReferencedRow[] = [];
  const errors: FieldError[] = [];
  for (const [i, ref] of references.entries()) {
    const row = await db
      .selectFrom('alerts')
      .select(['id', 'status', 'msg_type', 'superseded_by', 'expires'])
      .where(typeof ref === 'number' ? 'id' : 'identifier', '=', ref)
      .executeTakeFirst();
    if (!row) errors.push({ field: `references.${i}`, message: `there is no alert ${typeof ref === 'number' ? ref : `"${ref.slice(0, 60)}"`}` });
    else if (!rows.some((r) => r.id === row.id)) rows.push(row);
  }
  return { rows, errors };
}

/**
 * Refuses references an Update or Cancel sent at `sent` may not make: to another status (400), to
 * a cancellation, to an alert already replaced or expired (409).
 */
export function checkReplaceable(rows: readonly ReferencedRow[], status: AlertStatus, sent: string): void {
  for (const row of rows) {
    if (row.status !== status) {
      throw new EditorialError(400, `Alert ${row.id} is ${row.status}; an ${status} message cannot refer to it.`, [{ field: 'references', message: `alert ${row.id} is ${row.status}, this message is ${status}` }]);
    }
    // A cancellation is final: updating or cancelling it would bring the alert back.
    if (row.msg_type === 'Cancel') throw new EditorialError(409, `Alert ${row.id} is a cancellation; it cannot be updated or cancelled.`);
    if (row.superseded_by !== null) throw new EditorialError(409, `Alert ${row.id} was already replaced by alert ${row.superseded_by}; refer to that one instead.`);
    if (row.expires <= sent) throw new EditorialError(409, `Alert ${row.id} has expired; issue a new alert instead.`);
  }
}
