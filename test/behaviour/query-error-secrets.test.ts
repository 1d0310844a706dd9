/**
 * A failed statement's SluiceQueryError carries its SQL in the message, but its parameter values
 * only when the database asks (`debugParams: true`, or a logger, which prints them anyway), so
 * personal data does not land in logs that print errors. `err.params` stays readable by code.
 */
import { inspect } from 'node:util';
import { sql, SluiceQueryError } from 'sluice';
import { integer, pgTable, text } from 'sluice/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { behaviourTargets, openBehaviourTarget, sqlFor, StatementLog, type BehaviourTarget } from '../support/behaviour.js';

const vault = pgTable('vault', { id: integer('id').primaryKey(), secret: text('secret') });
const SECRET = 'hunter2-4111-1111-1111-1111';

/** The error a transaction rejects with when its insert of the secret fails (the body rethrows it). */
async function failedInTransaction(db: Awaited<ReturnType<BehaviourTarget['open']>>): Promise<SluiceQueryError> {
  const e = await db
    .transaction(async (tx) => {
      throw await failedInsert(tx as never);
    })
    .then(
      () => undefined,
      (err: unknown) => err,
    );
  expect(e).toBeInstanceOf(SluiceQueryError);
  return e as SluiceQueryError;
}

/** The error a failing insert of the secret rejects with: its id is taken. */
async function failedInsert(db: Awaited<ReturnType<BehaviourTarget['open']>>): Promise<SluiceQueryError> {
  const e = await db
    .insert(vault)
    .values({ id: 1, secret: SECRET })
    .then(
      () => undefined,
      (err: unknown) => err,
    );
  expect(e).toBeInstanceOf(SluiceQueryError);
  return e as SluiceQueryError;
}

for (const { name, dialect } of behaviourTargets()) {
  describe(`query errors without secrets on ${name}`, () => {
    let target: BehaviourTarget;
    const S = (text: string) => sqlFor(dialect, text);
    beforeAll(async () => {
      target = await openBehaviourTarget(name);
      await target.exec(dialect === 'mysql' ? 'create table vault (id int primary key, secret text)' : 'create table vault (id integer primary key, secret text)');
      await target.exec("insert into vault (id, secret) values (1, 'first')");
    });
    afterAll(() => target.close());

    it('by default the message, util.inspect and JSON.stringify leave the values out; err.params keeps them', async () => {
      const db = await target.open();
      const err = await failedInsert(db);
      expect(err.message).toContain(`query: ${S('insert into "vault" ("id", "secret") values ($1, $2)')}`);
      expect(err.message).toContain('params: 2 hidden (err.params holds them; drizzle({ debugParams: true }) or a logger shows them here)');
      expect(err.message).not.toContain(SECRET);
      expect(inspect(err, { depth: 10 })).not.toContain(SECRET);
      expect(JSON.stringify(err)).not.toContain(SECRET);
      expect(err.params).toEqual([1, SECRET]);
      expect(err.query).toBe(S('insert into "vault" ("id", "secret") values ($1, $2)'));
      // Inside a transaction too.
      const inTx = await failedInTransaction(db);
      expect(inTx.message).not.toContain(SECRET);
      expect(inspect(inTx, { depth: 10 })).not.toContain(SECRET);
    });

    it('debugParams: true shows them in the message', async () => {
      const db = await target.open({ debugParams: true } as never);
      const err = await failedInsert(db);
      expect(err.message).toContain(`params: [1,"${SECRET}"]`);
      const inTx = await failedInTransaction(db);
      expect(inTx.message).toContain(`params: [1,"${SECRET}"]`);
    });

    it('a logger shows them, as it prints them anyway; debugParams: false hides them even then', async () => {
      const err = await failedInsert(await target.open({ logger: new StatementLog() }));
      expect(err.message).toContain(`params: [1,"${SECRET}"]`);
      const quiet = await failedInsert(await target.open({ logger: new StatementLog(), debugParams: false } as never));
      expect(quiet.message).not.toContain(SECRET);
    });

    it.runIf(name === 'libsql')('a failed libsql batch hides the values of all its statements', async () => {
      const db = (await target.open()) as unknown as { batch(q: unknown[]): Promise<unknown> } & Awaited<ReturnType<BehaviourTarget['open']>>;
      const err = await db.batch([db.insert(vault).values({ id: 7, secret: 'other' }), db.insert(vault).values({ id: 1, secret: SECRET })]).then(
        () => undefined,
        (e: unknown) => e as SluiceQueryError,
      );
      expect(err).toBeInstanceOf(SluiceQueryError);
      expect(err!.message).toContain('params: 4 hidden');
      expect(inspect(err, { depth: 10 })).not.toContain(SECRET);
      expect(err!.params).toEqual([7, 'other', 1, SECRET]);
    });

    it('a statement without parameters says so', async () => {
      const db = await target.open();
      const err = await db.execute(sql`select * from no_such_table`).then(
        () => undefined,
        (e: unknown) => e as SluiceQueryError,
      );
      expect(err!.message).toMatch(/\nparams: \[\]$/);
    });
  });
}
