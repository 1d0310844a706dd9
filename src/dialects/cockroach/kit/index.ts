import type { KitDialect } from '../../../kit/dialect.js';
import { ALTER_TYPE_SETTING, cockroachRender } from './ddl.js';
import { cockroachIntrospect } from './introspect.js';
import { cockroachAsDatabaseSpells, cockroachSerialize } from './serialize.js';

/** The CockroachDB dialect's part of the kit: PostgreSQL's module with CockroachDB's differences. */
export const cockroachKit: KitDialect = {
  name: 'cockroach',
  serialize: cockroachSerialize,
  render: cockroachRender,
  introspect: cockroachIntrospect,
  asDatabaseSpells: cockroachAsDatabaseSpells,
  // CockroachDB before 25.1 refuses a column type change that rewrites the column inside an explicit transaction.
  outsideTransaction: (statements) => statements.some((s) => s.sql === ALTER_TYPE_SETTING),
};
