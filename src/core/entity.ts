/**
 * Entity kinds let `is()` recognise sluice objects even when two copies of the package are loaded
 * (a common situation with linked workspaces), where `instanceof` alone would fail.
 */
export const entityKind = Symbol.for('sluice:entityKind');

export interface EntityClass {
  readonly [entityKind]: string;
  // biome-ignore lint/suspicious/noExplicitAny: any constructor is an entity class, whatever its parameters; `unknown[]` would reject typed ones
  new (...args: any[]): unknown;
}

/**
 * Checks whether `value` is an instance of the given sluice class (or a subclass of it).
 *
 * @example
 * if (is(value, Column)) console.log(value.name);
 */
export function is<T extends EntityClass>(value: unknown, type: T): value is InstanceType<T> {
  if (value === null || typeof value !== 'object') return false;
  if (value instanceof type) return true;
  const kind = type[entityKind];
  let proto = Object.getPrototypeOf(value);
  while (proto) {
    const ctor = proto.constructor as Partial<EntityClass> | undefined;
    if (ctor && Object.hasOwn(ctor, entityKind) && ctor[entityKind] === kind) return true;
    proto = Object.getPrototypeOf(proto);
  }
  return false;
}
