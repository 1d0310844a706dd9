import { nameAndConfig, type BuilderConfig, type ColumnCodec } from '../../core/column.js';
import { SchemaError } from '../../core/errors.js';
import { PgColumnBuilder } from './columns.js';

type NameOf<A extends unknown[]> = A extends [infer N extends string, ...unknown[]] ? N : '';
type ModeOf<A extends unknown[], TDefault extends string> = A extends [...unknown[], { mode: infer M extends string }] ? M : TDefault;

/** Splits PostgreSQL's text of a point `(x,y)` or a line `{a,b,c}` into numbers. */
function numbers(text: string, count: number, type: string): number[] {
  const parts = text.slice(1, -1).split(',').map(Number.parseFloat);
  if (parts.length !== count || parts.some(Number.isNaN)) throw new SchemaError(`Cannot read ${type} value "${text}"`);
  return parts;
}

// node-postgres parses points into `{ x, y }` itself; the other drivers hand on the text.
const readPoint = (v: unknown): [number, number] => {
  if (typeof v === 'string') return numbers(v, 2, 'point') as [number, number];
  const p = v as { x: number; y: number };
  return [p.x, p.y];
};

const pointTuple: ColumnCodec = {
  mapFromDriverValue: readPoint,
  mapToDriverValue: (v) => `(${(v as number[])[0]},${(v as number[])[1]})`,
};
const pointXY: ColumnCodec = {
  mapFromDriverValue: (v) => {
    const [x, y] = readPoint(v);
    return { x, y };
  },
  mapToDriverValue: (v) => `(${(v as { x: number }).x},${(v as { y: number }).y})`,
};
const lineTuple: ColumnCodec = {
  mapFromDriverValue: (v) => numbers(String(v), 3, 'line'),
  mapToDriverValue: (v) => `{${(v as number[]).join(',')}}`,
};
const lineABC: ColumnCodec = {
  mapFromDriverValue: (v) => {
    const [a, b, c] = numbers(String(v), 3, 'line');
    return { a, b, c };
  },
  mapToDriverValue: (v) => {
    const l = v as { a: number; b: number; c: number };
    return `{${l.a},${l.b},${l.c}}`;
  },
};

function modeOf(a: readonly unknown[], modes: readonly string[], type: string): string {
  const mode = nameAndConfig<{ mode?: string }>(a)[1]?.mode ?? modes[0]!;
  if (!modes.includes(mode)) throw new SchemaError(`${type}(): mode must be ${modes.map((m) => `'${m}'`).join(' or ')}, not '${mode}'`);
  return mode;
}

type PointArgs = [name?: string, config?: { mode?: 'tuple' | 'xy' }] | [config?: { mode?: 'tuple' | 'xy' }];
type PointData<M> = M extends 'xy' ? { x: number; y: number } : [number, number];

/** `point`, as `[x, y]` (default, `mode: 'tuple'`) or `{ x, y }` (`mode: 'xy'`). */
export function point<A extends PointArgs>(
  ...a: A
): PgColumnBuilder<BuilderConfig<NameOf<A>, PointData<ModeOf<A, 'tuple'>>, ModeOf<A, 'tuple'> extends 'xy' ? 'PgPointObject' : 'PgPointTuple', ModeOf<A, 'tuple'> extends 'xy' ? 'json' : 'array'>> {
  const xy = modeOf(a, ['tuple', 'xy'], 'point') === 'xy';
  const b = new PgColumnBuilder<BuilderConfig<NameOf<A>, PointData<ModeOf<A, 'tuple'>>, ModeOf<A, 'tuple'> extends 'xy' ? 'PgPointObject' : 'PgPointTuple', ModeOf<A, 'tuple'> extends 'xy' ? 'json' : 'array'>>(
    nameAndConfig(a)[0],
    xy ? 'PgPointObject' : 'PgPointTuple',
    xy ? 'json' : 'array',
    'point',
    xy ? pointXY : pointTuple,
  );
  b.config.extra = { mode: xy ? 'xy' : 'tuple' };
  return b;
}

type LineArgs = [name?: string, config?: { mode?: 'tuple' | 'abc' }] | [config?: { mode?: 'tuple' | 'abc' }];
type LineData<M> = M extends 'abc' ? { a: number; b: number; c: number } : [number, number, number];

/** `line` (`ax + by + c = 0`), as `[a, b, c]` (default, `mode: 'tuple'`) or `{ a, b, c }` (`mode: 'abc'`). */
export function line<A extends LineArgs>(...a: A): PgColumnBuilder<BuilderConfig<NameOf<A>, LineData<ModeOf<A, 'tuple'>>, ModeOf<A, 'tuple'> extends 'abc' ? 'PgLineABC' : 'PgLine', ModeOf<A, 'tuple'> extends 'abc' ? 'json' : 'array'>> {
  const abc = modeOf(a, ['tuple', 'abc'], 'line') === 'abc';
  const b = new PgColumnBuilder<BuilderConfig<NameOf<A>, LineData<ModeOf<A, 'tuple'>>, ModeOf<A, 'tuple'> extends 'abc' ? 'PgLineABC' : 'PgLine', ModeOf<A, 'tuple'> extends 'abc' ? 'json' : 'array'>>(
    nameAndConfig(a)[0],
    abc ? 'PgLineABC' : 'PgLine',
    abc ? 'json' : 'array',
    'line',
    abc ? lineABC : lineTuple,
  );
  b.config.extra = { mode: abc ? 'abc' : 'tuple' };
  return b;
}
