import type { SchemaModel, ViewModel } from '../model.js';
import { flatSnapshot, type Json, optStr, quoteDouble, str } from './drizzle-snapshot-common.js';

/** drizzle-kit 0.31's SQLite snapshot (version "6") as the kit's schema model. */
export function fromDrizzleSqlite(json: Json): SchemaModel {
  return flatSnapshot(json, {
    dialect: 'sqlite',
    column(col, c) {
      // drizzle-kit stores a generated column's expression with the parentheses DDL puts around it.
      if (col.generated) col.generated.as = unwrap(col.generated.as);
      // SQLite stores booleans as 1 and 0, which is how the model writes their defaults.
      if (typeof c.default === 'boolean') col.default = c.default ? '1' : '0';
    },
    checkKeys: ['checkConstraints'],
    quote: quoteDouble,
    view,
  });
}

/** `(x)` -> `x` when the outer parentheses enclose the whole text. */
function unwrap(text: string): string {
  if (!text.startsWith('(') || !text.endsWith(')')) return text;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
    if (depth === 0 && i < text.length - 1) return text;
  }
  return text.slice(1, -1);
}

function view(v: Json): ViewModel {
  return { schema: undefined, name: str(v, 'name', 'view'), definition: v.isExisting === true ? undefined : optStr(v, 'definition'), materialized: false, options: {} };
}
