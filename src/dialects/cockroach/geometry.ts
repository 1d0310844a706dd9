import { nameAndConfig, type BuilderConfig, type ColumnCodec } from '../../core/column.js';
import { SchemaError } from '../../core/errors.js';
import { CockroachColumnBuilder } from './columns.js';

type NameOf<A extends unknown[]> = A extends [infer N extends string, ...unknown[]] ? N : '';
type ModeOf<A extends unknown[]> = A extends [...unknown[], { mode: infer M extends string }] ? M : 'tuple';

/**
 * Reads a point as CockroachDB sends a geometry: hex EWKB (`0101000020E6100000...`), or the WKT
 * of `st_astext()` (`POINT(1 2)`).
 */
function readPoint(v: unknown): [number, number] {
  const text = String(v);
  const wkt = /^\s*(?:SRID=\d+;)?POINT\s*\(\s*(\S+)\s+(\S+)\s*\)\s*$/i.exec(text);
  if (wkt) return [Number(wkt[1]), Number(wkt[2])];
  if (!/^[0-9a-fA-F]+$/.test(text) || text.length < 42) throw new SchemaError(`Cannot read geometry value "${text}" as a point`);
  const bytes = Buffer.from(text, 'hex');
  const little = bytes[0] === 1;
  const type = little ? bytes.readUInt32LE(1) : bytes.readUInt32BE(1);
  // The EWKB flag 0x20000000 says an SRID follows the type.
  let at = type & 0x20000000 ? 9 : 5;
  if ((type & 0xffff) !== 1) throw new SchemaError(`geometry(): only points are read, and this value is of WKB type ${type & 0xffff}`);
  const x = little ? bytes.readDoubleLE(at) : bytes.readDoubleBE(at);
  at += 8;
  const y = little ? bytes.readDoubleLE(at) : bytes.readDoubleBE(at);
  return [x, y];
}

const pointTuple: ColumnCodec = {
  mapFromDriverValue: readPoint,
  mapToDriverValue: (v) => `POINT(${(v as number[])[0]} ${(v as number[])[1]})`,
};
const pointXY: ColumnCodec = {
  mapFromDriverValue: (v) => {
    const [x, y] = readPoint(v);
    return { x, y };
  },
  mapToDriverValue: (v) => `POINT(${(v as { x: number }).x} ${(v as { y: number }).y})`,
};

type GeometryConfig = { mode?: 'tuple' | 'xy'; type?: 'point'; srid?: number };
type GeometryArgs = [name?: string, config?: GeometryConfig] | [config?: GeometryConfig];
type PointData<M> = M extends 'xy' ? { x: number; y: number } : [number, number];

/**
 * `geometry(point[, srid])` (CockroachDB's spatial type), as `[x, y]` (default, `mode: 'tuple'`)
 * or `{ x, y }` (`mode: 'xy'`). Values are written as WKT (`POINT(x y)`).
 */
export function geometry<A extends GeometryArgs>(
  ...a: A
): CockroachColumnBuilder<BuilderConfig<NameOf<A>, PointData<ModeOf<A>>, ModeOf<A> extends 'xy' ? 'CockroachGeometryObject' : 'CockroachGeometry', ModeOf<A> extends 'xy' ? 'json' : 'array'>> {
  const [name, config] = nameAndConfig<GeometryConfig>(a);
  const mode = config?.mode ?? 'tuple';
  if (mode !== 'tuple' && mode !== 'xy') throw new SchemaError(`geometry(): mode must be 'tuple' or 'xy', not '${String(mode)}'`);
  if (config?.type !== undefined && config.type !== 'point') throw new SchemaError(`geometry(): only type 'point' is supported, not '${String(config.type)}'`);
  const xy = mode === 'xy';
  const b = new CockroachColumnBuilder<BuilderConfig<NameOf<A>, PointData<ModeOf<A>>, ModeOf<A> extends 'xy' ? 'CockroachGeometryObject' : 'CockroachGeometry', ModeOf<A> extends 'xy' ? 'json' : 'array'>>(
    name,
    xy ? 'CockroachGeometryObject' : 'CockroachGeometry',
    xy ? 'json' : 'array',
    `geometry(point${config?.srid !== undefined ? `,${config.srid}` : ''})`,
    xy ? pointXY : pointTuple,
  );
  b.config.extra = { mode, srid: config?.srid, type: 'point' };
  return b;
}
