import type { Statement } from '../changes.js';

/** drizzle-kit's separator between statements, which both migrators split on. */
export const BREAKPOINT = '--> statement-breakpoint';

/**
 * A migration.sql from rendered statements: each ends with `;`, breakpoint lines between them
 * (or plain newlines with `breakpoints: false`), a destructive one preceded by a
 * `-- destructive: <reason>` line.
 */
export function formatMigrationSql(statements: readonly Statement[], options: { breakpoints: boolean }): string {
  const parts = statements.map((s) => {
    const sql = s.sql.trim().replace(/;+$/, '');
    return s.destructive === undefined ? sql : `-- destructive: ${s.destructive.replace(/\s*\n\s*/g, ' ')}\n${sql}`;
  });
  if (parts.length === 0) return '';
  return `${parts.join(options.breakpoints ? `;\n${BREAKPOINT}\n` : ';\n')};\n`;
}
