/**
 * `sluice/kit`: the config helper and the migration kit's commands as functions. The `sluice`
 * binary is a thin layer over these.
 */
export { CONFIG_FILE_NAMES, defineConfig, findConfigFile, loadConfig, resolveConfig } from './config.js';
export type { CockroachConfig, CommonConfig, Config, LoadConfigOptions, MysqlConfig, MysqlCredentials, PgConfig, PgCredentials, PgSsl, ResolvedConfig, SqliteConfig, SqliteCredentials, TursoConfig } from './config.js';
export { ConfigError, KitError, SchemaLoadError } from './config-errors.js';
export { filterModel, loadSchemaExports, loadSchemaModel, resolveSchemaFiles } from './load-schema.js';
export { CUSTOM_MIGRATION_SQL, defaultName, generate, renderMigration } from './api/generate.js';
export type { GenerateOptions, GenerateResult } from './api/generate.js';
export { exportSql } from './api/export.js';
export { check, type CheckResult } from './api/check.js';
export { checkDatabase, checkSchema, type DatabaseCheckResult, type Difference, type SchemaCheckResult } from './api/check-drift.js';
export { describeChange, type DiffSides } from './describe-change.js';
export { migrate, resolve, rollback, status } from './api/migrate.js';
export type { LockWaitOptions, MigrateOptions, RollbackOptions } from './api/migrate.js';
export { up, type UpResult } from './api/up.js';
export { lint, type LintOptions, type LintResult } from './api/lint.js';
export { knownColumnsOf, LINT_IGNORE, LINT_RULES, lintSql } from './lint/index.js';
export type { KnownColumns, LintFinding, LintRuleId, LintSqlOptions } from './lint/index.js';
export { BREAKPOINT, formatMigrationSql } from './api/sql-file.js';
export { CUSTOM_DOWN_SQL, downStatements, formatDownSql, MERGE_DOWN_SQL } from './api/down-sql.js';
export { reverseAnswers } from './diff-reverse.js';
export { DESTRUCTIVE, IRREVERSIBLE, NO_TRANSACTION } from './migrations/directives.js';
export { diffSnapshots, parseRenameHint, renameKey } from './diff.js';
export type { DiffResult, RenameAnswers, RenameEntity, RenameQuestion } from './diff.js';
export { MigrationChangedError, MigrationError, MigrationLockTimeoutError, RollbackError, UnresolvedMigrationError } from './runner.js';
export type { FailedMigration, MigrateResult, MigrationStatus, MigrationsTableOptions } from './runner.js';
export { ResolveError } from './runner-errors.js';
export type { ResolveOutcome } from './runner-resolve.js';
export type { RollbackResult } from './runner-rollback.js';
export { UpgradeError } from './migrations/upgrade.js';
export { DrizzleSnapshotError } from './migrations/drizzle-snapshot-common.js';
export { MigrationFolderError, readDown } from './migrations/folder.js';
export type { DownMigration, MigrationEntry, MigrationFormat } from './migrations/types.js';
export { emptySnapshot, SNAPSHOT_VERSION } from './model.js';
export type { KitDialectName, SchemaModel, Snapshot } from './model.js';
export type { KitCasing } from './dialect.js';
