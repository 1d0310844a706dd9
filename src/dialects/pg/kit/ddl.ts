import type { Change, RenderContext, Statement } from '../../../kit/changes.js';

// Contract placeholder, replaced by the implementation.
export function pgRender(changes: readonly Change[], ctx: RenderContext): Statement[] {
  void changes, ctx;
  throw new Error('pgRender: not built yet');
}
