import type { Change, RenderContext, Statement } from '../../../kit/changes.js';

// Contract placeholder, replaced by the implementation.
export function mysqlRender(changes: readonly Change[], ctx: RenderContext): Statement[] {
  void changes, ctx;
  throw new Error('mysqlRender: not built yet');
}
