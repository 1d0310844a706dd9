import type { SerializeOptions } from '../../../kit/dialect.js';
import type { SchemaModel } from '../../../kit/model.js';

// Contract placeholder, replaced by the implementation.
export function mysqlSerialize(entities: readonly unknown[], options: SerializeOptions): SchemaModel {
  void entities, options;
  throw new Error('mysqlSerialize: not built yet');
}
