/**
 * A throwaway MariaDB/MySQL database made from a schema by the kit itself (serialize, diff from
 * empty, render, run), with a session to introspect it: the round trip the introspection tests
 * check against the serializer's model.
 */
import mysql from 'mysql2/promise';
import { mysqlRender } from '../../../src/dialects/mysql/kit/ddl.js';
import { mysqlSerialize } from '../../../src/dialects/mysql/kit/serialize.js';
import { diffSnapshots } from '../../../src/kit/diff.js';
import { emptySnapshot, type SchemaModel, type Snapshot } from '../../../src/kit/model.js';
import type { MigrationSession } from '../../../src/kit/runner.js';
import { mysql2Session } from '../../../src/kit/runner-session-mysql.js';
import { createMysqlDatabase, mysqlServerUrl } from '../../support/behaviour.js';

export const mysqlUrl: string | undefined = mysqlServerUrl;

export interface IntrospectDb {
  name: string;
  session: MigrationSession;
  /** Runs SQL on the database directly. */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

/** An empty database of its own with a session over one connection. */
export async function introspectDb(): Promise<IntrospectDb> {
  const database = await createMysqlDatabase();
  const conn = await mysql.createConnection({ uri: database.url, multipleStatements: true });
  return {
    name: database.name,
    session: mysql2Session(conn),
    exec: async (sql) => {
      await conn.query(sql);
    },
    close: async () => {
      await conn.end();
      await database.drop();
    },
  };
}

const asSnapshot = (model: SchemaModel): Snapshot => ({ ...emptySnapshot('mysql'), ...model });

/** The statements the kit runs to create `model` in an empty database. */
export function createStatements(model: SchemaModel): string[] {
  const from = emptySnapshot('mysql');
  const diff = diffSnapshots(from, model, {});
  if (diff.status !== 'ok') throw new Error(`diffing from empty asked questions: ${JSON.stringify(diff.questions)}`);
  return mysqlRender(diff.changes, { from, to: asSnapshot(model) }).map((s) => s.sql);
}

/** Serializes `entities`, creates them in `db` with the kit's own DDL, and returns the serializer's model. */
export async function createFromSchema(db: IntrospectDb, entities: readonly unknown[]): Promise<SchemaModel> {
  const model = mysqlSerialize(entities, { casing: undefined });
  for (const sql of createStatements(model)) await db.exec(sql);
  return model;
}

/** A session that counts the queries run through it. */
export function countingSession(inner: MigrationSession): { session: MigrationSession; count(): number } {
  let n = 0;
  const session: MigrationSession = {
    dialect: inner.dialect,
    execute: (sql) => {
      n++;
      return inner.execute(sql);
    },
    query: (sql, params) => {
      n++;
      return inner.query(sql, params);
    },
    transaction: (fn, options) => inner.transaction(fn, options),
  };
  return { session, count: () => n };
}
