import { entityKind } from '../../core/entity.js';
import { SchemaError } from '../../core/errors.js';
import { Name, SQL } from '../../core/sql.js';
import type { AnyTable } from '../../core/table.js';

/** Options of `pgRole`: what `create role` grants, for the migration kit. */
export interface PgRoleConfig {
  createDb?: boolean;
  createRole?: boolean;
  inherit?: boolean;
}

/** A database role, for policies and the kit. Inside `sql` it renders as its quoted name. */
export class PgRole implements PgRoleConfig {
  static readonly [entityKind] = 'PgRole';
  createDb: boolean | undefined;
  createRole: boolean | undefined;
  inherit: boolean | undefined;
  /** @internal The role exists already; the kit leaves it alone. */
  _existing: boolean | undefined;

  constructor(
    readonly name: string,
    config?: PgRoleConfig,
  ) {
    this.createDb = config?.createDb;
    this.createRole = config?.createRole;
    this.inherit = config?.inherit;
  }

  /** Marks the role as one the database has already (the kit does not create it). */
  existing(): this {
    this._existing = true;
    return this;
  }

  getSQL(): SQL {
    return new SQL([new Name(this.name)]);
  }
}

/**
 * Declares a role.
 *
 * @example
 * export const admin = pgRole('admin', { createRole: true });
 */
export function pgRole(name: string, config?: PgRoleConfig): PgRole {
  if (typeof name !== 'string' || name.length === 0) throw new SchemaError('pgRole() needs a non-empty role name');
  return new PgRole(name, config);
}

/** Who a policy applies to: a built-in role name, any role name, a `pgRole`, or several. */
export type PgPolicyToOption = 'public' | 'current_role' | 'current_user' | 'session_user' | (string & {}) | PgRole | ('public' | 'current_role' | 'current_user' | 'session_user' | (string & {}) | PgRole)[];

/** The options of a row-level security policy. */
export interface PgPolicyConfig {
  as?: 'permissive' | 'restrictive';
  for?: 'all' | 'select' | 'insert' | 'update' | 'delete';
  to?: PgPolicyToOption;
  using?: SQL;
  withCheck?: SQL;
}

/** A row-level security policy; listed by `getTableConfig(table).policies` for the kit. */
export class PgPolicy implements PgPolicyConfig {
  static readonly [entityKind] = 'PgPolicy';
  as: PgPolicyConfig['as'];
  for: PgPolicyConfig['for'];
  to: PgPolicyConfig['to'];
  using: SQL | undefined;
  withCheck: SQL | undefined;
  /** @internal The table a policy declared outside it was linked to with `.link()`. */
  _linkedTable: AnyTable | undefined;

  constructor(
    readonly name: string,
    config?: PgPolicyConfig,
  ) {
    this.as = config?.as;
    this.for = config?.for;
    this.to = config?.to;
    this.using = config?.using;
    this.withCheck = config?.withCheck;
  }

  /** Attaches a policy declared outside a table's definition to that table. */
  link(table: AnyTable): this {
    this._linkedTable = table;
    return this;
  }
}

/**
 * Declares a row-level security policy; return it from the table's third argument.
 *
 * @example
 * export const posts = pgTable('posts', { id: serial().primaryKey(), owner: text().notNull() }, (t) => [
 *   pgPolicy('own posts', { for: 'select', to: 'public', using: sql`${t.owner} = current_user` }),
 * ]);
 */
export function pgPolicy(name: string, config?: PgPolicyConfig): PgPolicy {
  if (typeof name !== 'string' || name.length === 0) throw new SchemaError('pgPolicy() needs a non-empty policy name');
  return new PgPolicy(name, config);
}
