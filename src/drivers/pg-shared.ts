/**
 * PostgreSQL type OIDs whose text form sluice decodes itself in mapped queries (dates, times,
 * 64-bit and exact numbers), so every PostgreSQL driver hands columns the same input. Arrays are
 * among them only where Drizzle's drivers keep them as text too, and JSON is not: a value read
 * through a raw `sql` expression then arrives as a Drizzle user gets it (JSON parsed, `int8[]` as
 * an array), and the columns decode the driver's arrays and parsed JSON as they come.
 */
export const PG_RAW_TEXT_OIDS = [20, 1700, 1082, 1083, 1114, 1184, 1186, 1266, 1231, 1182, 1115, 1185, 1187] as const;

/**
 * The types that `db.execute()` returns as PostgreSQL's text on every driver: timestamps, dates,
 * intervals and numeric arrays, the set Drizzle's drivers keep as text for raw queries. Every
 * other type comes back as the driver parses it.
 */
export const PG_EXECUTE_TEXT_OIDS = [1082, 1114, 1184, 1186, 1182, 1115, 1185, 1187, 1231] as const;
