import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';
import type { Engine } from '../connect.ts';
import { idColumnType } from './columns.ts';

/**
 * Embassy alerts (docs/alerts.md), one row per CAP message: an Alert, or an Update or Cancel that
 * refers to earlier ones (`reference_ids`; the referenced row gets `superseded_by`). Messages are
 * never edited after they are issued, like CAP messages. `alert_destinations` lets the public
 * lists find a destination's alerts with an index; times are UTC text to the second, so "active"
 * is a text comparison with now on both engines.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const id = idColumnType(engine);
  const key = (c: ColumnDefinitionBuilder) => (engine === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey());
  const ref = engine === 'sqlite' ? 'integer' : 'bigint';

  await db.schema
    .createTable('alerts')
    .addColumn('id', id, key)
    .addColumn('identifier', 'text', (c) => c.notNull().unique())
    .addColumn('sender', 'text', (c) => c.notNull())
    .addColumn('sent', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('Actual', 'Exercise', 'Test')`))
    .addColumn('msg_type', 'text', (c) => c.notNull().check(sql`msg_type in ('Alert', 'Update', 'Cancel')`))
    .addColumn('reference_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('note', 'text')
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('urgency', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('certainty', 'text', (c) => c.notNull())
    .addColumn('headline', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('instruction', 'text')
    .addColumn('contact', 'text')
    .addColumn('sender_name', 'text', (c) => c.notNull())
    .addColumn('web', 'text')
    .addColumn('effective', 'text', (c) => c.notNull())
    .addColumn('onset', 'text')
    .addColumn('expires', 'text', (c) => c.notNull())
    .addColumn('destinations', 'text', (c) => c.notNull())
    .addColumn('regions', 'text', (c) => c.notNull())
    .addColumn('region_destinations', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('area_desc', 'text', (c) => c.notNull())
    .addColumn('polygon', 'text')
    .addColumn('circle', 'text')
    .addColumn('superseded_by', ref, (c) => c.references('alerts.id'))
    .addColumn('created_by', ref, (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('alerts_public').on('alerts').columns(['status', 'expires']).execute();
  await db.schema.createIndex('alerts_expires').on('alerts').column('expires').execute();

  await db.schema
    .createTable('alert_destinations')
    .addColumn('alert_id', ref, (c) => c.notNull().references('alerts.id'))
    .addColumn('destination_code', 'text', (c) => c.notNull().references('destinations.code'))
    .addPrimaryKeyConstraint('alert_destinations_pk', ['alert_id', 'destination_code'])
    .execute();
  await db.schema.createIndex('alert_destinations_code').on('alert_destinations').columns(['destination_code', 'alert_id']).execute();
}
