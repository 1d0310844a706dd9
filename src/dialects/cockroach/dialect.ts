import type { Dialect } from '../../core/dialect.js';
import { PG_JSON_AS_TEXT, pgDialect, textInJson, transactionModes } from '../pg/dialect.js';

/**
 * CockroachDB's hooks: PostgreSQL's, since CockroachDB speaks its protocol and SQL, except where
 * CockroachDB differs. What stays the same was checked against CockroachDB's grammar: `$n`
 * parameters, `on conflict`, `returning` (also of `update ... from` and in CTEs), lateral and full
 * joins, `distinct on`, `ilike`, `intersect/except all`, savepoints, the four `for ...` lock
 * strengths (CockroachDB takes `no key update` and `key share` as `update` and `share`),
 * materialized views and their refresh, and the JSON functions relational queries use.
 * Different: no `overriding system value`; `as of system time` on selects; and the JSON of
 * CockroachDB's own column types.
 */
export const cockroachDialect: Dialect = {
  ...pgDialect,
  name: 'cockroach',
  // PostgreSQL's refusal of NUL in text is not assumed of CockroachDB, which no test here reaches.
  textRefusesNul: false,
  begin: (config) => {
    const modes = transactionModes(config, 'cockroach');
    return modes ? `begin ${modes}` : 'begin';
  },
  setTransaction: (config) => {
    const modes = transactionModes(config, 'cockroach');
    return modes ? `set transaction ${modes}` : undefined;
  },
  supportsOverridingSystemValue: false,
  json: {
    ...pgDialect.json!,
    // Geometries go as their text (hex EWKB), which the geometry columns read, not as GeoJSON.
    // pg-core's tables work through sluice/cockroach too (a project moving from PostgreSQL), so
    // their column types are cast as on PostgreSQL.
    safe: textInJson([...PG_JSON_AS_TEXT, 'CockroachBigInt', 'CockroachDecimal', 'CockroachTimestamp', 'CockroachDate', 'CockroachTime', 'CockroachInterval', 'CockroachGeometry', 'CockroachGeometryObject'], ['PgArray', 'CockroachArray']),
  },
  asOfSystemTime: (time) => ` as of system time ${time}`,
};
