/**
 * The CockroachDB kit's fixture schema, as source text for a project: version 1 holds every kind
 * of object the acceptance test names; version 2 adds a column, renames one (with a hint), changes
 * a type and drops an index.
 */
export const cockroachSchemaV1 = `import { sql } from 'sluice';
import { check, cockroachEnum, cockroachTable, cockroachView, decimal, index, int8, jsonb, string, timestamp, unique, uuid } from 'sluice/cockroach-core';

export const orderStatus = cockroachEnum('order_status', ['new', 'paid', 'shipped']);

export const customers = cockroachTable('customers', {
  id: int8('id', { mode: 'number' }).primaryKey().defaultUniqueRowid(),
  email: string('email').notNull(),
  name: string('name', { length: 100 }),
  tags: string('tags').array(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [unique('customers_email_unique').on(t.email)]);

export const orders = cockroachTable('orders', {
  id: uuid('id').primaryKey().defaultRandom(),
  customerId: int8('customer_id', { mode: 'number' }).notNull().references(() => customers.id, { onDelete: 'cascade' }),
  total: decimal('total', { precision: 10, scale: 2 }).notNull(),
  status: orderStatus('status').notNull().default('new'),
  payload: jsonb('payload').notNull().default({}),
  note: string('note'),
  placedAt: timestamp('placed_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  check('orders_total_not_negative', sql\`\${t.total} >= 0\`),
  index('orders_placed_at_idx').using('hash', t.placedAt).with({ bucket_count: 8 }),
  index('orders_payload_idx').using('gin', t.payload),
  index('orders_note_idx').on(t.note),
]);

export const paidOrders = cockroachView('paid_orders').as((qb) => qb.select({ id: orders.id, total: orders.total }).from(orders).where(sql\`\${orders.status} = 'paid'\`));
`;

/** Version 2: \`customers.phone\` added, \`orders.note\` renamed to \`comment\`, \`orders.total\` widened, \`orders_note_idx\` dropped. */
export const cockroachSchemaV2 = cockroachSchemaV1
  .replace("  tags: string('tags').array(),", "  tags: string('tags').array(),\n  phone: string('phone', { length: 32 }),")
  .replace("  note: string('note'),", "  comment: string('comment'),")
  .replace("total: decimal('total', { precision: 10, scale: 2 })", "total: decimal('total', { precision: 12, scale: 2 })")
  .replace("  index('orders_note_idx').on(t.note),\n", '');
