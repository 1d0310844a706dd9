import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createModuleLoader } from './config-loader.js';
import { ConfigError } from './config-errors.js';
import type { Config } from './config-types.js';
import { resolveConfig, type ResolvedConfig } from './config-validate.js';

export type { CockroachConfig, CommonConfig, Config, MysqlConfig, MysqlCredentials, PgConfig, PgCredentials, PgSsl, SqliteConfig, SqliteCredentials, TursoConfig } from './config-types.js';
export { resolveConfig, type ResolvedConfig } from './config-validate.js';

/**
 * Types a config file's default export; returns it unchanged.
 *
 * @example
 * export default defineConfig({ dialect: 'postgresql', schema: './src/schema.ts', dbCredentials: { url: process.env.DATABASE_URL! } });
 */
export function defineConfig(config: Config): Config {
  return config;
}

/** The names looked for in the working directory, in this order. */
export const CONFIG_FILE_NAMES = ['sluice.config.ts', 'sluice.config.mts', 'sluice.config.js', 'sluice.config.mjs', 'drizzle.config.ts', 'drizzle.config.mts', 'drizzle.config.js', 'drizzle.config.mjs'] as const;

/** The config file `loadConfig` would read: `config` if given (must exist), else the first of `CONFIG_FILE_NAMES` in `cwd`. */
export function findConfigFile(options: { cwd: string; config?: string | undefined }): string {
  if (options.config !== undefined) {
    const file = resolve(options.cwd, options.config);
    if (!existsSync(file)) throw new ConfigError(`config file not found: ${file}`);
    return file;
  }
  for (const name of CONFIG_FILE_NAMES) {
    const file = join(options.cwd, name);
    if (existsSync(file)) return file;
  }
  throw new ConfigError(`no config file in ${options.cwd}: create sluice.config.ts (or drizzle.config.ts), or pass --config <path>`);
}

export interface LoadConfigOptions {
  /** Path of the config file (relative to `cwd`); found by name when omitted. */
  config?: string | undefined;
  /** Where the command runs; relative paths in the config resolve against it. Default `process.cwd()`. */
  cwd?: string | undefined;
}

/**
 * Finds, loads and validates the project's config.
 *
 * @example
 * const config = await loadConfig({ config: 'drizzle.config.ts' });
 */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<ResolvedConfig> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const file = findConfigFile({ cwd, config: options.config });
  const mod = await createModuleLoader(cwd).load(file);
  const value = 'default' in mod ? mod.default : undefined;
  if (value === undefined) throw new ConfigError(`${file}: no default export (export default defineConfig({ ... }))`);
  return resolveConfig(value, { cwd, configPath: file });
}
