import type { CommonParams, Generator } from './generator.js';
import {
  BooleanGenerator,
  DateGenerator,
  DefaultGenerator,
  IntervalGenerator,
  IntGenerator,
  IntPrimaryKeyGenerator,
  JsonGenerator,
  LineGenerator,
  NumberGenerator,
  PointGenerator,
  StringGenerator,
  TimeGenerator,
  UuidGenerator,
  ValuesFromArrayGenerator,
  YearGenerator,
} from './generators-basic.js';
import {
  CityGenerator,
  CompanyNameGenerator,
  CountryGenerator,
  EmailGenerator,
  FirstNameGenerator,
  FullNameGenerator,
  JobTitleGenerator,
  LastNameGenerator,
  LoremIpsumGenerator,
  PhoneNumberGenerator,
  PostcodeGenerator,
  StateGenerator,
  StreetAddressGenerator,
  WeightedRandomGenerator,
} from './generators-people.js';

type Params<G> = G extends Generator<infer P> ? P : never;

/**
 * The generators `refine()` hands its callback as `f`, under Drizzle's names. Each call makes a
 * fresh generator for one column.
 */
export const generatorFunctions = {
  default: (params: Params<DefaultGenerator>) => new DefaultGenerator(params),
  valuesFromArray: <T>(params: { values: T[] | { weight: number; values: T[] }[] } & CommonParams) => new ValuesFromArrayGenerator<T>(params),
  intPrimaryKey: () => new IntPrimaryKeyGenerator({}),
  number: (params: Params<NumberGenerator> = {}) => new NumberGenerator(params),
  int: (params: Params<IntGenerator> = {}) => new IntGenerator(params),
  boolean: (params: CommonParams = {}) => new BooleanGenerator(params),
  date: (params: Params<DateGenerator> = {}) => new DateGenerator(params, 'day'),
  time: (params: CommonParams = {}) => new TimeGenerator(params),
  timestamp: (params: Params<DateGenerator> = {}) => new DateGenerator(params, 'second', 'timestamp'),
  datetime: (params: Params<DateGenerator> = {}) => new DateGenerator(params, 'second', 'datetime'),
  year: (params: CommonParams = {}) => new YearGenerator(params),
  json: (params: CommonParams = {}) => new JsonGenerator(params),
  interval: (params: CommonParams = {}) => new IntervalGenerator(params),
  string: (params: CommonParams = {}) => new StringGenerator(params),
  uuid: (params: CommonParams = {}) => new UuidGenerator(params),
  firstName: (params: CommonParams = {}) => new FirstNameGenerator(params),
  lastName: (params: CommonParams = {}) => new LastNameGenerator(params),
  fullName: (params: CommonParams = {}) => new FullNameGenerator(params),
  email: (params: CommonParams = {}) => new EmailGenerator(params),
  phoneNumber: (params: Params<PhoneNumberGenerator> = {}) => new PhoneNumberGenerator(params),
  country: (params: CommonParams = {}) => new CountryGenerator(params),
  city: (params: CommonParams = {}) => new CityGenerator(params),
  streetAddress: (params: CommonParams = {}) => new StreetAddressGenerator(params),
  jobTitle: (params: CommonParams = {}) => new JobTitleGenerator(params),
  postcode: (params: CommonParams = {}) => new PostcodeGenerator(params),
  state: (params: CommonParams = {}) => new StateGenerator(params),
  companyName: (params: CommonParams = {}) => new CompanyNameGenerator(params),
  loremIpsum: (params: Params<LoremIpsumGenerator> = {}) => new LoremIpsumGenerator(params),
  point: (params: Params<PointGenerator> = {}) => new PointGenerator(params),
  line: (params: Params<LineGenerator> = {}) => new LineGenerator(params),
  weightedRandom: (options: { weight: number; value: Generator }[]) => new WeightedRandomGenerator(options),
};

export type GeneratorFunctions = typeof generatorFunctions;
