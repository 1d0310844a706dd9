/**
 * A project's schema over ten migrations, for each dialect, for the down.sql round trips: create
 * tables with keys, a unique, an index, defaults and a foreign key (PostgreSQL: an enum and a
 * view); add a column; add a NOT NULL column with a default; rename a column (answered); change
 * a type; drop a column; add an index; add a foreign key; drop a table (PostgreSQL: add an enum
 * value). Each step is the whole schema after it, as `generate` would snapshot it.
 */
import type { RenameAnswers } from '../../../src/kit/diff.js';
import type { ColumnModel, KitDialectName as AnyKitDialectName, Snapshot, TableModel } from '../../../src/kit/model.js';

/** The dialects this suite covers (drizzle-kit 0.x's three; CockroachDB has its own suites). */
type KitDialectName = Exclude<AnyKitDialectName, 'cockroach'>;
import { column, enumModel, foreignKey, index, indexColumn, snapshot, table, unique, view } from './model-builders.js';

export interface SchemaStep {
  /** What the step changes, for test names. */
  name: string;
  schema: Snapshot;
  /** The rename answers the forward diff needs. */
  answers: RenameAnswers;
}

/** The type spellings that differ between the dialects. */
const types = {
  postgresql: { int: 'integer', short: 'varchar(100)', text: 'text', wider: 'bigint' },
  mysql: { int: 'int', short: 'varchar(100)', text: 'text', wider: 'bigint' },
  sqlite: { int: 'integer', short: 'text', text: 'text', wider: 'real' },
} as const;

export function schemaSteps(dialect: KitDialectName): SchemaStep[] {
  const pg = dialect === 'postgresql';
  const t = types[dialect];
  const schema = pg ? 'public' : undefined;
  const q = (name: string) => (pg ? `"${name}"` : `\`${name}\``);
  const key = (tableName: string) => ({ name: pg ? `${tableName}_pkey` : 'PRIMARY', columns: ['id'] });
  const tbl = (name: string, columns: ColumnModel[], extra: Partial<TableModel> = {}) => table(name, columns, { schema, primaryKey: key(name), ...extra });
  const fk = (name: string, from: string, to: string) => foreignKey(name, [from], to, ['id'], { schemaTo: schema, onDelete: 'cascade' });
  const idx = (name: string, col: string) => index(name, [indexColumn('', { expression: q(col) })]);
  const id = column('id', t.int, { notNull: true });

  let users: TableModel = tbl(
    'users',
    [id, column('name', t.short, { notNull: true }), column('email', t.short), column('score', t.int, { default: '0' }), ...(pg ? [column('mood', 'mood', { typeSchema: 'public', default: "'happy'" })] : [])],
    { uniques: [unique('users_email_unique', ['email'])] },
  );
  let posts: TableModel = tbl('posts', [id, column('user_id', t.int, { notNull: true }), column('title', t.short, { notNull: true, default: "'untitled'" })], {
    foreignKeys: [fk('posts_user_id_users_id_fk', 'user_id', 'users')],
    indexes: [idx('posts_title_idx', 'title')],
  });
  let tags: TableModel | undefined = tbl('tags', [id, column('label', t.text), column('user_id', t.int)]);
  let moods = ['happy', 'sad'];

  const steps: SchemaStep[] = [];
  const push = (name: string, answers: RenameAnswers = {}) =>
    steps.push({
      name,
      answers,
      schema: snapshot(dialect, {
        tables: [users, posts, ...(tags === undefined ? [] : [tags])],
        ...(pg ? { enums: [enumModel('mood', moods)], views: [view('post_titles', 'select "id", "title" from "posts"')] } : {}),
      }),
    });
  const withColumns = (tableModel: TableModel, columns: ColumnModel[]): TableModel => ({ ...tableModel, columns });

  push(pg ? 'create tables, an enum and a view' : 'create tables');
  users = withColumns(users, [...users.columns, column('bio', t.text)]);
  push('add a column');
  posts = withColumns(posts, [...posts.columns, column('likes', t.int, { notNull: true, default: '0' })]);
  push('add a NOT NULL column with a default');
  users = withColumns(
    users,
    users.columns.map((c) => (c.name === 'name' ? { ...c, name: 'full_name' } : c)),
  );
  push('rename a column', { [`column:${pg ? 'public.' : ''}users.full_name`]: 'name' });
  users = withColumns(
    users,
    users.columns.map((c) => (c.name === 'score' ? { ...c, type: t.wider } : c)),
  );
  push('change a column type');
  users = withColumns(
    users,
    users.columns.filter((c) => c.name !== 'bio'),
  );
  push('drop a column');
  users = { ...users, indexes: [idx('users_score_idx', 'score')] };
  push('add an index');
  tags = { ...tags, foreignKeys: [fk('tags_user_id_users_id_fk', 'user_id', 'users')] };
  push('add a foreign key');
  tags = undefined;
  push('drop a table');
  if (pg) {
    moods = ['happy', 'meh', 'sad'];
    push('add an enum value');
  }
  return steps;
}

/** Rows put in after the first step, so later steps (SQLite rebuilds, reversed changes) run against data. */
export const seedRows = [
  `insert into users (id, name, email, score) values (1, 'ann', 'ann@example.com', 3), (2, 'bob', 'bob@example.com', 5)`,
  `insert into posts (id, user_id, title) values (10, 1, 'hello'), (11, 2, 'again')`,
  `insert into tags (id, label, user_id) values (20, 'red', 1)`,
];
