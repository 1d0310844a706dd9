import type { KitDialect } from '../../../kit/dialect.js';
import { cockroachRender } from './ddl.js';
import { cockroachIntrospect } from './introspect.js';
import { cockroachAsDatabaseSpells, cockroachSerialize } from './serialize.js';

/** The CockroachDB dialect's part of the kit: PostgreSQL's module with CockroachDB's differences. */
export const cockroachKit: KitDialect = { name: 'cockroach', serialize: cockroachSerialize, render: cockroachRender, introspect: cockroachIntrospect, asDatabaseSpells: cockroachAsDatabaseSpells };
