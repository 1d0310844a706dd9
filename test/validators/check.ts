/** One way to run a zod or a valibot schema: whether it took the value, and the paths its issues name. */
import * as v from 'valibot';
import type { z } from 'zod';

export interface Outcome {
  ok: boolean;
  output?: unknown;
  paths: string[];
}

export function zodCheck(schema: z.ZodType, value: unknown): Outcome {
  const r = schema.safeParse(value);
  return r.success ? { ok: true, output: r.data, paths: [] } : { ok: false, paths: r.error.issues.map((i) => i.path.map(String).join('.')) };
}

export function valibotCheck(schema: v.GenericSchema, value: unknown): Outcome {
  const r = v.safeParse(schema, value);
  return r.success ? { ok: true, output: r.output, paths: [] } : { ok: false, paths: r.issues.map((i) => (i.path ?? []).map((p) => String(p.key)).join('.')) };
}
