import type { SchemaModel, ViewModel } from '../model.js';
import { flatSnapshot, type Json, optStr, quoteBacktick, str } from './drizzle-snapshot-common.js';

/** drizzle-kit 0.31's MySQL snapshot (version "5") as the kit's schema model. */
export function fromDrizzleMysql(json: Json): SchemaModel {
  return flatSnapshot(json, {
    dialect: 'mysql',
    column(col, c) {
      if (c.onUpdate !== true) return;
      // drizzle-kit records only that the column has `on update current_timestamp`; its precision is the column's.
      const fsp = /^(?:timestamp|datetime)\((\d)\)/.exec(col.type)?.[1];
      col.onUpdate = fsp === undefined ? 'current_timestamp' : `current_timestamp(${fsp})`;
    },
    // drizzle-kit 0.31 spells this map in the singular for MySQL.
    checkKeys: ['checkConstraint', 'checkConstraints'],
    quote: quoteBacktick,
    view,
  });
}

function view(v: Json): ViewModel {
  const options: Record<string, string | boolean> = {};
  const algorithm = optStr(v, 'algorithm');
  const sqlSecurity = optStr(v, 'sqlSecurity');
  const checkOption = optStr(v, 'withCheckOption');
  if (algorithm !== undefined) options.algorithm = algorithm;
  if (sqlSecurity !== undefined) options.sqlSecurity = sqlSecurity;
  if (checkOption !== undefined) options.checkOption = checkOption;
  return { schema: undefined, name: str(v, 'name', 'view'), definition: v.isExisting === true ? undefined : optStr(v, 'definition'), materialized: false, options };
}
