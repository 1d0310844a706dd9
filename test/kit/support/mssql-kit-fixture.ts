/**
 * The SQL Server kit fixture: one schema in two versions, as the source a project would hold.
 * Version 1 has identity keys (one with its own seed), nvarchar(max) and varchar(max), a bit
 * default, decimals, datetime2 defaulting to getdate(), a foreign key with cascade, a unique
 * column, a check, an index, a filtered unique index, a view and a second schema (`billing`).
 * Version 2 adds a column (`users.phone`), renames one (`posts.title` -> `posts.headline`),
 * widens a type (`users.name` nvarchar(100) -> nvarchar(150), which has a default and an index),
 * drops an index (`posts_author_id_index`) and adds a foreign key (`posts.editor_id`).
 */
export function mssqlFixtureSource(version: 1 | 2): string {
  const v2 = version === 2;
  return `import { eq, sql } from 'sluice';
import { bigint, bit, check, datetime2, decimal, index, int, mssqlSchema, mssqlTable, mssqlView, nvarchar, uniqueIndex, varbinary, varchar } from 'sluice/mssql-core';

export const billing = mssqlSchema('billing');

export const users = mssqlTable(
  'users',
  {
    id: int('id').identity().primaryKey(),
    email: nvarchar('email', { length: 255 }).notNull().unique(),
    name: nvarchar('name', { length: ${v2 ? 150 : 100} }).notNull().default('anon'),
    bio: nvarchar('bio', { length: 'max' }),
    notes: varchar('notes', { length: 'max' }),
    active: bit('active').notNull().default(true),
    balance: decimal('balance', { precision: 10, scale: 2 }).notNull().default('0.00'),
    createdAt: datetime2('created_at', { precision: 3 }).notNull().defaultGetDate(),
    deletedAt: datetime2('deleted_at', { precision: 3 }),
    avatar: varbinary('avatar', { length: 'max' }),${v2 ? "\n    phone: nvarchar('phone', { length: 32 })," : ''}
  },
  (t) => [
    check('users_balance_check', sql\`\${t.balance} >= 0\`),
    index('users_name_index').on(t.name),
    uniqueIndex('users_email_live_unique').on(t.email).where(sql\`\${t.deletedAt} is null\`),
  ],
);

export const posts = mssqlTable(
  'posts',
  {
    id: bigint('id', { mode: 'number' }).identity({ seed: 1000, increment: 1 }).primaryKey(),
    authorId: int('author_id').notNull().references(() => users.id, { onDelete: 'cascade' }),${v2 ? "\n    editorId: int('editor_id').references(() => users.id)," : ''}
    ${v2 ? "headline: nvarchar('headline'" : "title: nvarchar('title'"}, { length: 200 }).notNull(),
    body: nvarchar('body', { length: 'max' }),
    published: bit('published').notNull().default(false),
  },
  ${v2 ? '() => []' : "(t) => [index('posts_author_id_index').on(t.authorId)]"},
);

export const invoices = billing.table('invoices', {
  id: int('id').identity().primaryKey(),
  userId: int('user_id').notNull().references(() => users.id),
  amount: decimal('amount', { precision: 12, scale: 2 }).notNull(),
  issuedAt: datetime2('issued_at').notNull().defaultGetDate(),
});

export const activeUsers = mssqlView('active_users').as((qb) => qb.select({ id: users.id, email: users.email }).from(users).where(eq(users.active, true)));
`;
}
