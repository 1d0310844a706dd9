import type { KitCasing } from './dialect.js';
import type { SchemaModel, KitDialectName } from './model.js';

// Contract placeholder, replaced by the implementation.

export interface CodegenOptions {
  dialect: KitDialectName;
  /** How TypeScript keys are made from database names: camelCase (default) or as they are. */
  casing: 'camel' | 'preserve';
  /** Relations as v1 `relations()` (default) or v2 `defineRelations()`. */
  relations: 'v1' | 'v2';
  /** The config's casing, when the ORM derives names from keys. */
  configCasing?: KitCasing | undefined;
}

/** `schema.ts` and `relations.ts` source text for a model (what `sluice pull` writes). */
export function generateSchemaSource(model: SchemaModel, options: CodegenOptions): { schema: string; relations: string } {
  void model, options;
  throw new Error('generateSchemaSource: not built yet');
}
