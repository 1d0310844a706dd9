/**
 * PostgreSQL type OIDs whose text form sluice decodes itself (dates, times, JSON, 64-bit and
 * exact numbers), so every PostgreSQL driver hands columns the same input.
 */
export const PG_RAW_TEXT_OIDS = [
  20, 1700, 114, 3802, 1082, 1083, 1114, 1184, 1186, 1266,
  1016, 1231, 199, 3807, 1182, 1183, 1115, 1185, 1187, 1270,
] as const;
