import type { Statement } from '../changes.js';

/** drizzle-kit's separator between statements, which both migrators split on. */
export const BREAKPOINT = '--> statement-breakpoint';

/**
 * A migration.sql from rendered statements: each ends with `;`, breakpoint lines between them
 * (or plain newlines with `breakpoints: false`), a destructive one preceded by a
 * `-- destructive: <reason>` line (or the line `options.marker` makes of the reason: down.sql
 * writes the `-- sluice:destructive` marker rollback reads).
 */
export function formatMigrationSql(statements: readonly Statement[], options: { breakpoints: boolean; marker?: ((reason: string) => string) | undefined }): string {
  const marker = options.marker ?? ((reason: string) => `-- destructive: ${reason.replace(/\s*\n\s*/g, ' ')}`);
  const parts = statements.map((s) => {
    const sql = s.sql.trim().replace(/;+$/, '');
    return s.destructive === undefined ? sql : `${marker(s.destructive)}\n${sql}`;
  });
  if (parts.length === 0) return '';
  return `${parts.join(options.breakpoints ? `;\n${BREAKPOINT}\n` : ';\n')};\n`;
}
