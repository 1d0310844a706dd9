import type { Statement, TableRef } from '../../../kit/changes.js';
import type { PolicyModel, RoleModel } from '../../../kit/model.js';
import { ident, tableName } from './ddl-names.js';

/** `CREATE ROLE "r" WITH CREATEDB CREATEROLE NOINHERIT`: only what differs from PostgreSQL's defaults. */
export function createRole(role: RoleModel): Statement {
  const options = `${role.createDb ? ' CREATEDB' : ''}${role.createRole ? ' CREATEROLE' : ''}${role.inherit ? '' : ' NOINHERIT'}`;
  return { sql: `CREATE ROLE ${ident(role.name)}${options === '' ? '' : ` WITH${options}`}` };
}

/** `DROP ROLE "r"`. */
export function dropRole(role: RoleModel): Statement {
  return { sql: `DROP ROLE ${ident(role.name)}` };
}

/** `ALTER ROLE "a" RENAME TO "b"`. */
export function renameRole(from: string, to: string): Statement {
  return { sql: `ALTER ROLE ${ident(from)} RENAME TO ${ident(to)}` };
}

/** Every option spelled out, as drizzle-kit does, so the statement alone says the role's state. */
export function alterRole(role: RoleModel): Statement {
  return {
    sql: `ALTER ROLE ${ident(role.name)} WITH${role.createDb ? ' CREATEDB' : ' NOCREATEDB'}${role.createRole ? ' CREATEROLE' : ' NOCREATEROLE'}${role.inherit ? ' INHERIT' : ' NOINHERIT'}`,
  };
}

const roleKeywords = new Set(['public', 'current_user', 'current_role', 'session_user']);

function policyTargets(to: readonly string[]): string {
  return to.length === 0 ? 'public' : to.map((role) => (roleKeywords.has(role) ? role : ident(role))).join(', ');
}

/** `CREATE POLICY "p" ON "t" AS PERMISSIVE FOR SELECT TO ... USING (...) WITH CHECK (...)`. */
export function createPolicy(table: TableRef, p: PolicyModel): Statement {
  return {
    sql:
      `CREATE POLICY ${ident(p.name)} ON ${tableName(table)} AS ${p.as.toUpperCase()} FOR ${p.for.toUpperCase()} TO ${policyTargets(p.to)}` +
      `${p.using === undefined ? '' : ` USING (${p.using})`}${p.withCheck === undefined ? '' : ` WITH CHECK (${p.withCheck})`}`,
  };
}

/** `DROP POLICY "p" ON "t" CASCADE` (drizzle-kit's form). */
export function dropPolicy(table: TableRef, p: PolicyModel): Statement {
  return { sql: `DROP POLICY ${ident(p.name)} ON ${tableName(table)} CASCADE` };
}

/** `ALTER POLICY "a" ON "t" RENAME TO "b"`. */
export function renamePolicy(table: TableRef, from: string, to: string): Statement {
  return { sql: `ALTER POLICY ${ident(from)} ON ${tableName(table)} RENAME TO ${ident(to)}` };
}

/**
 * `ALTER POLICY ... TO ... USING ... WITH CHECK ...`. ALTER POLICY can replace a clause but not
 * remove one, nor change `AS`/`FOR`; those become drop + create.
 */
export function alterPolicy(table: TableRef, from: PolicyModel, to: PolicyModel): Statement[] {
  // A rename comes as its own change before this one, so the policy already has the new name.
  const current: PolicyModel = { ...from, name: to.name };
  const removesClause = (from.using !== undefined && to.using === undefined) || (from.withCheck !== undefined && to.withCheck === undefined);
  if (removesClause || from.as !== to.as || from.for !== to.for) return [dropPolicy(table, current), createPolicy(table, to)];
  return [
    {
      sql: `ALTER POLICY ${ident(current.name)} ON ${tableName(table)} TO ${policyTargets(to.to)}` + `${to.using === undefined ? '' : ` USING (${to.using})`}${to.withCheck === undefined ? '' : ` WITH CHECK (${to.withCheck})`}`,
    },
  ];
}
