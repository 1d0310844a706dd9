import { entityKind, is } from '../../core/entity.js';
import { SchemaError } from '../../core/errors.js';
import { Name, SQL, StringChunk } from '../../core/sql.js';

/** The options of `create sequence`. */
export interface PgSequenceOptions {
  increment?: number | string;
  minValue?: number | string;
  maxValue?: number | string;
  startWith?: number | string;
  cache?: number | string;
  cycle?: boolean;
}

/**
 * A sequence, for the migration kit. Inside `sql` it renders as its quoted, schema-qualified
 * name: `` sql`drop sequence ${seq}` ``.
 */
export class PgSequence {
  static readonly [entityKind] = 'PgSequence';
  constructor(
    readonly seqName: string,
    readonly seqOptions: PgSequenceOptions | undefined,
    readonly schema: string | undefined,
  ) {}

  getSQL(): SQL {
    return new SQL(this.schema === undefined ? [new Name(this.seqName)] : [new Name(this.schema), new StringChunk('.'), new Name(this.seqName)]);
  }
}

/**
 * Declares a sequence.
 *
 * @example
 * export const orderNumbers = pgSequence('order_numbers', { startWith: 1000, increment: 1 });
 */
export function pgSequence(name: string, options?: PgSequenceOptions, schema?: string): PgSequence {
  if (typeof name !== 'string' || name.length === 0) throw new SchemaError('pgSequence() needs a non-empty sequence name');
  return new PgSequence(name, options, schema);
}

/** Whether a value is a `pgSequence()` object. */
export function isPgSequence(value: unknown): value is PgSequence {
  return is(value, PgSequence);
}
