import { nameAndConfig, type BuilderConfig, type ColumnCodec } from '../../core/column.js';
import { SchemaError } from '../../core/errors.js';
import { vectorCodec } from './codecs.js';
import { PgColumnBuilder } from './columns.js';

// The pgvector extension's types (`create extension vector`). Every driver hands their values on
// as PostgreSQL's text: `[1,2,3]` for vector and halfvec, `{1:1,3:2}/5` for sparsevec.

type NameOf<A extends unknown[]> = A extends [infer N extends string, ...unknown[]] ? N : '';
type Dimensions = { dimensions: number };
type VectorArgs = [name: string, config: Dimensions] | [config: Dimensions];
type Column<A extends unknown[], TData, TColumnType extends string, TDataType extends 'array' | 'string'> = PgColumnBuilder<BuilderConfig<NameOf<A>, TData, TColumnType, TDataType>>;

function dimensionsOf(a: readonly unknown[], type: string): [string, number] {
  const [name, config] = nameAndConfig<Dimensions>(a);
  const n = config?.dimensions;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) throw new SchemaError(`${type}("${name}"): { dimensions } must be a positive integer, not ${String(n)}`);
  return [name, n];
}

function build<TBuilder>(a: readonly unknown[], type: string, columnType: string, dataType: 'array' | 'string', codec?: ColumnCodec): TBuilder {
  const [name, dimensions] = dimensionsOf(a, type);
  const b = new PgColumnBuilder(name, columnType, dataType, `${type}(${dimensions})`, codec);
  // A bit string's length is its dimensions, which schema validators check.
  b.config.extra = type === 'bit' ? { dimensions, length: dimensions } : { dimensions };
  return b as TBuilder;
}

/** `vector(n)`: n single-precision numbers, as `number[]`. */
export function vector<A extends VectorArgs>(...a: A): Column<A, number[], 'PgVector', 'array'> {
  return build(a, 'vector', 'PgVector', 'array', vectorCodec);
}

/** `halfvec(n)`: n half-precision numbers, as `number[]`. */
export function halfvec<A extends VectorArgs>(...a: A): Column<A, number[], 'PgHalfVector', 'array'> {
  return build(a, 'halfvec', 'PgHalfVector', 'array', vectorCodec);
}

/** `sparsevec(n)`: pgvector's sparse text form, as a string (`'{1:1,3:2}/5'`). */
export function sparsevec<A extends VectorArgs>(...a: A): Column<A, string, 'PgSparseVector', 'string'> {
  return build(a, 'sparsevec', 'PgSparseVector', 'string');
}

/** `bit(n)`: a binary vector of n bits, as a string of `0` and `1`. */
export function bit<A extends VectorArgs>(...a: A): Column<A, string, 'PgBinaryVector', 'string'> {
  return build(a, 'bit', 'PgBinaryVector', 'string');
}
