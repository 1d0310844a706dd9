import { SeedError } from '../core/errors.js';
import { LOREM_WORDS } from './data/lorem.js';
import { COMPANY_PARTS, EMAIL_DOMAINS, FIRST_NAMES, JOB_TITLES, LAST_NAMES } from './data/people.js';
import { CITIES, COUNTRIES, STATES, STREET_NAMES, STREET_SUFFIXES } from './data/places.js';
import { Generator, type CommonParams, type GeneratorContext } from './generator.js';
import { checkWeights, pickWeighted } from './generators-basic.js';
import { Permutation } from './random.js';

// The generators that look like real data: people, places, companies, text.

/**
 * Picks from a fixed list; unique values are a permutation of the list, and a table needing more
 * than the list holds is an error naming the column (Drizzle's behaviour for `isUnique`).
 */
abstract class ListGenerator extends Generator<CommonParams> {
  protected abstract readonly list: readonly string[];
  private order: Permutation | undefined;

  protected override setup(): void {
    if (this.unique) {
      this.needDistinct(this.list.length);
      this.order = new Permutation(this.random, 0, this.list.length);
      this.selfUnique = true;
    }
  }

  protected draw(): string {
    return this.order ? this.list[this.order.next()!]! : this.random.pick(this.list);
  }
}

export class FirstNameGenerator extends ListGenerator {
  readonly name = 'firstName';
  protected readonly list = FIRST_NAMES;
}
export class LastNameGenerator extends ListGenerator {
  readonly name = 'lastName';
  protected readonly list = LAST_NAMES;
}
export class CountryGenerator extends ListGenerator {
  readonly name = 'country';
  protected readonly list = COUNTRIES;
}
export class CityGenerator extends ListGenerator {
  readonly name = 'city';
  protected readonly list = CITIES;
}
export class StateGenerator extends ListGenerator {
  readonly name = 'state';
  protected readonly list = STATES;
}
export class JobTitleGenerator extends ListGenerator {
  readonly name = 'jobTitle';
  protected readonly list = JOB_TITLES;
}

/** `f.fullName()`: a first and a last name; unique ones beyond the combinations get a number. */
export class FullNameGenerator extends Generator<CommonParams> {
  readonly name = 'fullName';
  protected draw(): string {
    return `${this.random.pick(FIRST_NAMES)} ${this.random.pick(LAST_NAMES)}`;
  }
}

/** `f.email()`: `first.last@domain`; always unique, as an email column usually is. */
export class EmailGenerator extends Generator<CommonParams> {
  readonly name = 'email';
  private seenLocal = new Map<string, number>();

  protected draw(): string {
    const r = this.random;
    const local = `${r.pick(FIRST_NAMES)}.${r.pick(LAST_NAMES)}`.toLowerCase();
    const domain = r.pick(EMAIL_DOMAINS);
    // A repeated name gets a number, so emails stay distinct whatever the column says.
    const key = `${local}@${domain}`;
    const n = (this.seenLocal.get(key) ?? 0) + 1;
    this.seenLocal.set(key, n);
    return n === 1 ? key : `${local}${n}@${domain}`;
  }

  protected override distinct(value: unknown, i: number): unknown {
    const s = String(value);
    const at = s.indexOf('@');
    return `${s.slice(0, at)}.${i + 1}${s.slice(at)}`;
  }
}

type PhoneParams = { template?: string; prefixes?: string[]; generatedDigitsNumbers?: number | number[] } & CommonParams;

/** `f.phoneNumber({ template })`: `#` in the template are digits; or a prefix and `generatedDigitsNumbers` digits. */
export class PhoneNumberGenerator extends Generator<PhoneParams> {
  readonly name = 'phoneNumber';
  protected draw(): string {
    const r = this.random;
    const digit = () => String(r.int(0, 9));
    const p = this.params;
    if (p.template !== undefined) return p.template.replace(/#/g, digit);
    const prefixes = p.prefixes ?? ['+1', '+44', '+49', '+33', '+81', '+61', '+34', '+39'];
    const k = r.int(0, prefixes.length - 1);
    const digits = Array.isArray(p.generatedDigitsNumbers) ? (p.generatedDigitsNumbers[k] ?? 7) : (p.generatedDigitsNumbers ?? 10);
    let s = `${prefixes[k]} `;
    for (let d = 0; d < digits; d++) s += digit();
    return s;
  }
}

/** `f.streetAddress()`: `123 Maple Avenue`. */
export class StreetAddressGenerator extends Generator<CommonParams> {
  readonly name = 'streetAddress';
  protected draw(): string {
    const r = this.random;
    return `${r.int(1, 9999)} ${r.pick(STREET_NAMES)} ${r.pick(STREET_SUFFIXES)}`;
  }
}

/** `f.postcode()`: five digits, or five and four. */
export class PostcodeGenerator extends Generator<CommonParams> {
  readonly name = 'postcode';
  protected draw(): string {
    const r = this.random;
    const main = String(r.int(1000, 99999)).padStart(5, '0');
    return r.next() < 0.8 ? main : `${main}-${String(r.int(0, 9999)).padStart(4, '0')}`;
  }
}

/** `f.companyName()`: `Globex Labs`. */
export class CompanyNameGenerator extends Generator<CommonParams> {
  readonly name = 'companyName';
  protected draw(): string {
    return `${this.random.pick(COMPANY_PARTS.words)} ${this.random.pick(COMPANY_PARTS.suffixes)}`;
  }
}

/** `f.loremIpsum({ sentencesCount })`: sentences of 6 to 14 lorem words. */
export class LoremIpsumGenerator extends Generator<{ sentencesCount?: number } & CommonParams> {
  readonly name = 'loremIpsum';
  protected draw(): string {
    const sentences: string[] = [];
    for (let k = 0; k < (this.params.sentencesCount ?? 1); k++) sentences.push(sentence(this.random, 6, 14));
    return sentences.join(' ');
  }
}

/** A title-like phrase of a few words (`Quis nostrud laboris`), for `title` and `subject` columns. */
export class TitleGenerator extends Generator<CommonParams> {
  readonly name = 'title';
  protected draw(): string {
    return sentence(this.random, 2, 6).slice(0, -1);
  }
}

/** A URL slug of a few lorem words (`quis-nostrud-laboris`); repeats get a number. */
export class SlugGenerator extends Generator<CommonParams> {
  readonly name = 'slug';
  protected draw(): string {
    return sentence(this.random, 2, 4).slice(0, -1).toLowerCase().replace(/ /g, '-');
  }
}

function sentence(r: { int(a: number, b: number): number; pick<T>(l: readonly T[]): T }, min: number, max: number): string {
  const words: string[] = [];
  for (let k = r.int(min, max); k > 0; k--) words.push(r.pick(LOREM_WORDS));
  const text = words.join(' ');
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

/** `f.weightedRandom([{ weight, value: f.x() }])`: each row takes one of the generators, by weight. */
export class WeightedRandomGenerator extends Generator<{ weight: number; value: Generator }[]> {
  readonly name = 'weightedRandom';

  override init(ctx: GeneratorContext): void {
    super.init(ctx);
    const options = this.params;
    if (!Array.isArray(options) || options.length === 0) throw new SeedError(`${ctx.where}: weightedRandom() needs a non-empty array of { weight, value }`);
    checkWeights(options, ctx.where, 'weightedRandom');
    // Each option draws from a stream of its own, so a value does not depend on which option the row before took.
    options.forEach((o, k) => {
      if (!(o.value instanceof Generator)) throw new SeedError(`${ctx.where}: weightedRandom() option ${k} has no generator as its value`);
      o.value.init({ ...ctx, kind: ctx.kind.type === 'array' ? ctx.kind.element : ctx.kind, random: this.fork(`option${k}`), unique: false });
    });
  }

  protected draw(i: number): unknown {
    return pickWeighted(this.params, this.random.next()).value.next(i);
  }
}
