import type { SerializeOptions } from '../../../kit/dialect.js';
import type { SchemaModel } from '../../../kit/model.js';

// Contract placeholder, replaced by the implementation.
export function pgSerialize(entities: readonly unknown[], options: SerializeOptions): SchemaModel {
  void entities, options;
  throw new Error('pgSerialize: not built yet');
}
