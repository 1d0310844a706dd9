import { nameAndConfig, type BuilderConfig } from '../../core/column.js';
import { PgColumnBuilder } from './columns.js';

type Named = [name?: string];
type NameOf<A extends unknown[]> = A extends [infer N extends string, ...unknown[]] ? N : '';
type StringColumn<A extends unknown[], TColumnType extends string> = PgColumnBuilder<BuilderConfig<NameOf<A>, string, TColumnType, 'string'>>;

// PostgreSQL prints these types in one canonical text form and every driver hands that text on,
// so the values need no codec.

/** `inet`: an IPv4 or IPv6 host address, with an optional netmask, as a string (`'192.168.0.1/24'`). */
export function inet<A extends Named>(...a: A): StringColumn<A, 'PgInet'> {
  return new PgColumnBuilder(nameAndConfig(a)[0], 'PgInet', 'string', 'inet');
}
/** `cidr`: an IPv4 or IPv6 network, as a string (`'10.0.0.0/8'`). */
export function cidr<A extends Named>(...a: A): StringColumn<A, 'PgCidr'> {
  return new PgColumnBuilder(nameAndConfig(a)[0], 'PgCidr', 'string', 'cidr');
}
/** `macaddr`: a 6-byte MAC address, as a string (`'08:00:2b:01:02:03'`). */
export function macaddr<A extends Named>(...a: A): StringColumn<A, 'PgMacaddr'> {
  return new PgColumnBuilder(nameAndConfig(a)[0], 'PgMacaddr', 'string', 'macaddr');
}
/** `macaddr8`: an 8-byte (EUI-64) MAC address, as a string. */
export function macaddr8<A extends Named>(...a: A): StringColumn<A, 'PgMacaddr8'> {
  return new PgColumnBuilder(nameAndConfig(a)[0], 'PgMacaddr8', 'string', 'macaddr8');
}
