/**
 * What the drift checks run on besides the acceptance schemas: a table with a composite primary
 * key, a check, a unique index and defaults of several kinds (a quote in a string, a decimal, a
 * boolean), and a view, per dialect. Appended to the acceptance schema's v2, whose names it uses.
 */
import type { AcceptanceDialect } from '../acceptance/schemas.js';

export const driftExtras: Record<AcceptanceDialect, string> = {
  postgresql: `
import { gt, sql } from 'sluice';
import { boolean, check, numeric, pgView, primaryKey, uniqueIndex } from 'sluice/pg-core';

export const tags = pgTable('tags', {
  articleId: integer('article_id').notNull().references(() => articles.id),
  label: varchar('label', { length: 40 }).notNull().default("it's"),
  weight: numeric('weight', { precision: 6, scale: 2 }).default('1.50'),
  active: boolean('active').default(true),
}, (t) => [primaryKey({ columns: [t.articleId, t.label] }), check('tags_weight_positive', sql\`\${t.weight} > 0\`), uniqueIndex('tags_label_lower_idx').on(sql\`lower(\${t.label})\`)]);

export const adults = pgView('adults').as((qb) => qb.select({ id: users.id, fullName: users.fullName }).from(users).where(gt(users.age, 17)));
`,
  mysql: `
import { gt, sql } from 'sluice';
import { boolean, check, decimal, mysqlView, primaryKey, uniqueIndex } from 'sluice/mysql-core';

export const tags = mysqlTable('tags', {
  articleId: bigint('article_id', { mode: 'number', unsigned: true }).notNull().references(() => articles.id),
  label: varchar('label', { length: 40 }).notNull().default("it's"),
  weight: decimal('weight', { precision: 6, scale: 2 }).default('1.50'),
  active: boolean('active').default(true),
}, (t) => [primaryKey({ columns: [t.articleId, t.label] }), check('tags_weight_positive', sql\`\${t.weight} > 0\`), uniqueIndex('tags_label_active_idx').on(t.label, t.active)]);

export const adults = mysqlView('adults').as((qb) => qb.select({ id: users.id, fullName: users.fullName }).from(users).where(gt(users.age, 17)));
`,
  sqlite: `
import { gt } from 'sluice';
import { check, primaryKey, sqliteView, uniqueIndex } from 'sluice/sqlite-core';

export const tags = sqliteTable('tags', {
  articleId: integer('article_id').notNull().references(() => articles.id),
  label: text('label').notNull().default("it's"),
  weight: real('weight').default(1.5),
  active: integer('active', { mode: 'boolean' }).default(true),
}, (t) => [primaryKey({ columns: [t.articleId, t.label] }), check('tags_weight_positive', sql\`\${t.weight} > 0\`), uniqueIndex('tags_label_lower_idx').on(sql\`lower(\${t.label})\`)]);

export const adults = sqliteView('adults').as((qb) => qb.select({ id: users.id, fullName: users.fullName }).from(users).where(gt(users.age, 17)));
`,
};
