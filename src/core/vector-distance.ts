import type { AnyColumn } from './column.js';
import { type Placeholder, sql, type SQL, type SQLWrapper } from './sql.js';

/**
 * pgvector's distance operators, as Drizzle exports them: `orderBy(cosineDistance(t.embedding,
 * [0.1, 0.2]))`. A number array is sent as the vector's text (`'[0.1,0.2]'`), which the operator
 * casts; a string, placeholder, column or subquery goes as it is.
 */
type VectorOperand = number[] | string[] | string | SQLWrapper | Placeholder;

function distance(op: string, column: SQLWrapper | AnyColumn, value: VectorOperand): SQL {
  const right = Array.isArray(value) ? JSON.stringify(value) : value;
  return sql`${column} ${sql.raw(op)} ${right}`;
}

/** Euclidean distance, `<->`. */
export function l2Distance(column: SQLWrapper | AnyColumn, value: VectorOperand): SQL {
  return distance('<->', column, value);
}
/** Taxicab distance, `<+>`. */
export function l1Distance(column: SQLWrapper | AnyColumn, value: VectorOperand): SQL {
  return distance('<+>', column, value);
}
/** Inner product: pgvector's `<#>` is its negation, so it is negated back. */
export function innerProduct(column: SQLWrapper | AnyColumn, value: VectorOperand): SQL {
  return sql`(${distance('<#>', column, value)}) * -1`;
}
/** Cosine distance, `<=>`. */
export function cosineDistance(column: SQLWrapper | AnyColumn, value: VectorOperand): SQL {
  return distance('<=>', column, value);
}
/** Hamming distance of bit vectors, `<~>`. */
export function hammingDistance(column: SQLWrapper | AnyColumn, value: VectorOperand): SQL {
  return distance('<~>', column, value);
}
/** Jaccard distance of bit vectors, `<%>`. */
export function jaccardDistance(column: SQLWrapper | AnyColumn, value: VectorOperand): SQL {
  return distance('<%>', column, value);
}
