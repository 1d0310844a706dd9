import type { AnyColumn } from '../core/column.js';
import { SeedError } from '../core/errors.js';
import type { Generator } from './generator.js';
import { generatorFunctions as f } from './functions.js';
import { BytesGenerator, NetworkGenerator, VectorGenerator } from './generators-basic.js';
import { SlugGenerator, TitleGenerator } from './generators-people.js';
import type { ColumnKind } from './kinds.js';

/**
 * The generator a column gets when refine() names none: by its kind first, then, for text and
 * integers, by its name (`email`, `first_name`, `age`, ...) so the rows look like real data.
 */
export function defaultGenerator(tableKey: string, key: string, column: AnyColumn, kind: ColumnKind, where: string, intPrimaryKey: boolean): Generator {
  const name = `${key} ${column.name}`
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/[_\-\s]+/g, ' ');
  const table = tableKey.toLowerCase();
  const has = (re: RegExp) => re.test(name);
  switch (kind.type) {
    case 'enum':
      return f.valuesFromArray({ values: [...kind.values] });
    case 'array':
      return defaultGenerator(tableKey, key, column, kind.element, where, false);
    case 'int':
      if (intPrimaryKey) return f.intPrimaryKey();
      if (has(/\bage\b/)) return f.int({ minValue: Math.max(kind.min, 18), maxValue: Math.min(kind.max, 90) });
      if (has(/year/)) return f.int({ minValue: Math.max(kind.min, 1950), maxValue: Math.min(kind.max, 2030) });
      if (has(/quantity|qty|count|stock|amount|price|total|balance|score|rating|views|likes/)) return f.int({ minValue: Math.max(kind.min, 0), maxValue: Math.min(kind.max, 1000) });
      return f.int();
    case 'float':
    case 'decimal':
      if (has(/price|amount|total|balance|cost|salary/)) return f.number({ minValue: 0, maxValue: kind.type === 'decimal' ? Math.min(10000, 10 ** (kind.precision - kind.scale) - 1) : 10000 });
      return f.number();
    case 'boolean':
      return f.boolean();
    case 'date':
      if (has(/birth|dob/)) return f.date({ minDate: '1950-01-01', maxDate: '2005-12-31' });
      return kind.dateOnly ? f.date() : f.timestamp();
    case 'time':
      return f.time();
    case 'year':
      return f.year();
    case 'interval':
      return f.interval();
    case 'uuid':
      return f.uuid();
    case 'json':
      return f.json();
    case 'point':
      return f.point();
    case 'line':
      return f.line();
    case 'inet':
    case 'cidr':
    case 'macaddr':
    case 'macaddr8':
      return new NetworkGenerator({});
    case 'vector':
      return new VectorGenerator({});
    case 'buffer':
      return new BytesGenerator({});
    case 'string':
      return textGenerator(has, table, kind.maxLength);
    default:
      throw new SeedError(`${where}: seed() cannot generate values of type ${kind.sqlType}; give the column a generator in refine() or make it nullable`);
  }
}

/** Text columns by name: an email column gets emails, a `first_name` first names, and so on. */
function textGenerator(has: (re: RegExp) => boolean, table: string, maxLength: number | undefined): Generator {
  if (has(/e ?mail/)) return f.email();
  if (has(/slug/)) return new SlugGenerator({});
  // A `name` names what the table holds: a company, a thing, or (by default) a person.
  if (has(/^name name$|^title title$/) && /compan|organi|supplier|vendor|brand|employer|customer/.test(table)) return f.companyName();
  if (has(/^name name$/) && /product|item|group|team|categor|tag|project|book|course|event|channel|room|plan/.test(table)) return new TitleGenerator({});
  if (has(/first ?name|given ?name|\bfname/)) return f.firstName();
  if (has(/last ?name|surname|family ?name|\blname/)) return f.lastName();
  if (has(/phone|mobile|\bfax\b/)) return f.phoneNumber({ template: '+1 (###) ###-####' });
  if (has(/country/)) return f.country();
  if (has(/city|town/)) return f.city();
  if (has(/\bstate\b|province|region/)) return f.state();
  if (has(/address|street/)) return f.streetAddress();
  if (has(/zip|post ?code|postal/)) return f.postcode();
  if (has(/company|organi[sz]ation|employer|\bbrand/)) return f.companyName();
  if (has(/job|occupation|position|profession/)) return f.jobTitle();
  if (has(/\bname\b|full ?name|user ?name|author|\bowner\b|customer|contact/)) return f.fullName();
  if (has(/title|subject|headline|caption|label/)) return new TitleGenerator({});
  if (has(/description|body|content|bio|text|comment|summary|about|note|message|details/)) return maxLength !== undefined && maxLength < 40 ? f.string() : f.loremIpsum();
  return f.string();
}
