import type { IndexModel, SchemaModel } from './model.js';

/**
 * The model with some unique indexes as unique constraints: where the catalog keeps one form of
 * both (MySQL's unique keys, SQLite's `<...>_unique` indexes), introspection reads such an index
 * as a constraint, and the schema's side must be spelled the same way to compare with it.
 * `accept` says which indexes the dialect's introspection reads as constraints.
 */
export function uniqueIndexesAsConstraints(model: SchemaModel, accept: (index: IndexModel) => boolean): SchemaModel {
  return {
    ...model,
    tables: model.tables.map((table) => {
      const keys = table.indexes.filter((i) => plainColumns(i) !== undefined && accept(i));
      if (keys.length === 0) return table;
      return {
        ...table,
        indexes: table.indexes.filter((i) => !keys.includes(i)),
        uniques: [...table.uniques, ...keys.map((i) => ({ name: i.name, columns: plainColumns(i)!, nullsNotDistinct: false }))],
      };
    }),
  };
}

/** The column names of a unique index on whole columns in ascending order without WHERE; undefined for any other index. */
export function plainColumns(index: IndexModel): string[] | undefined {
  if (!index.unique || index.where !== undefined || (index.method !== undefined && index.method.toLowerCase() !== 'btree')) return undefined;
  const names: string[] = [];
  for (const c of index.columns) {
    const m = /^(["`])((?:(?!\1).|\1\1)+)\1$/.exec(c.expression);
    if (c.isExpression || c.order !== 'asc' || m === null) return undefined;
    names.push(m[2]!.split(`${m[1]}${m[1]}`).join(m[1]));
  }
  return names;
}
