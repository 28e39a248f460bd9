// What YAML readers other than ours make of a plain scalar, and which characters they refuse.
// We read YAML 1.2 (core schema). Perses reads it with Go's gopkg.in/yaml.v3 (resolve.go), which
// keeps YAML 1.1 number forms: underscores are dropped (`1_0` is 10, `0_0` is 0), `012` is octal,
// `0o17` and `0b101` are numbers, and `2024-01-02` is a timestamp. Other YAML 1.1 readers
// (yaml.v2 in kubectl, PyYAML) also take `yes`/`on`/`y` as booleans and `1:20` as 80.
// Both are written as `yaml` library tags, so the library itself quotes such strings when it
// writes (its `compat` option, see serialize.ts) and lint can say what each reader sees.

import { isScalar, Schema, type ScalarTag } from 'yaml';

/** A RegExp that tests with a function: the `yaml` library only ever calls `test()` on a tag. */
class Matcher extends RegExp {
  constructor(private readonly matches: (text: string) => boolean) {
    super('(?:)');
  }
  override test(text: string): boolean {
    return this.matches(text);
  }
}

// yaml.v3 tries a timestamp only for plain scalars starting with four digits and a dash, with the
// layouts 2006-1-2, "2006-1-2 15:4:5.999999999" and 2006-1-2T15:4:5.999999999Z07:00.
const GO_TIMESTAMP =
  /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:[Tt]([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2})(\.[0-9]+)?(Z|[-+][0-9]{2}:[0-9]{2})| ([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2})(\.[0-9]+)?)?$/;

function goTimestamp(text: string): Date | undefined {
  const m = GO_TIMESTAMP.exec(text);
  if (!m) return undefined;
  const [year, month, day, h, min, s] = [1, 2, 3, 4, 5, 6].map((i) =>
    Number(m[i] ?? m[i + 5] ?? 0),
  ) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day, h, min, s));
  // time.Parse refuses out-of-range fields (month 13, February 30, hour 24): the text stays a string.
  const valid = date.getUTCMonth() === month - 1 && date.getUTCDate() === day && h < 24 && min < 60;
  return valid && s < 60 ? date : undefined;
}

const INT64_MIN = -(2n ** 63n);
const UINT64_MAX = 2n ** 64n - 1n;

/** The number yaml.v3 reads from a plain scalar (strconv.ParseInt/ParseUint base 0, then floats). */
function goNumber(text: string): number | undefined {
  const hint = text[0];
  if (hint === '.') {
    return /^\.[0-9]+(?:[eE][-+]?[0-9]+)?$/.test(text) ? Number(text) : undefined;
  }
  if (hint === undefined || !/[-+0-9]/.test(hint)) return undefined;
  const plain = text.replaceAll('_', '');
  const int = /^([-+]?)(?:0([bBoOxX])([0-9a-fA-F]+)|0([0-7]*)|([1-9][0-9]*))$/.exec(plain);
  if (int) {
    const [, sign, prefix, prefixed, octal, decimal] = int;
    const radixOf: Record<string, string> = { b: '0b', o: '0o', x: '0x' };
    const literal =
      prefix !== undefined
        ? `${radixOf[prefix.toLowerCase()]}${prefixed}`
        : octal !== undefined
          ? `0o${octal || '0'}`
          : (decimal ?? '');
    let value: bigint | undefined;
    try {
      value = BigInt(literal);
    } catch {
      value = undefined; // e.g. 0b12: not binary, so not an integer
    }
    if (value !== undefined) {
      const signed = sign === '-' ? -value : value;
      const max = sign === '+' ? 2n ** 63n - 1n : UINT64_MAX;
      if (signed >= INT64_MIN && signed <= max) return Number(signed);
    }
  }
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/.test(plain)) {
    const value = Number(plain);
    // ParseFloat reports overflow as an error, and the scalar then stays a string.
    return Number.isFinite(value) ? value : undefined;
  }
  return undefined;
}

const goTags: ScalarTag[] = [
  {
    tag: 'tag:yaml.org,2002:timestamp',
    default: true,
    test: new Matcher((text) => goTimestamp(text) !== undefined),
    resolve: (text) => goTimestamp(text),
  },
  {
    tag: 'tag:yaml.org,2002:int',
    default: true,
    test: new Matcher((text) => goNumber(text) !== undefined),
    resolve: (text) => goNumber(text),
  },
];

const yaml11ScalarTags = new Schema({ schema: 'yaml-1.1' }).tags.filter(
  (t): t is ScalarTag => !t.collection && t.default !== false && t.test !== undefined,
);
// The values a YAML 1.1 reader gives plain scalars (the merge key `<<` is structure, not a value).
const yaml11Tags = yaml11ScalarTags.filter((t) => t.default === true);

/**
 * Tags under which the `yaml` library checks that a written string reads back as a string,
 * `<<` included (yaml.v3 takes a plain `<<` key as a merge).
 */
export const YAML_READER_COMPAT: ScalarTag[] = [...goTags, ...yaml11ScalarTags];

export interface OtherReading {
  /** Who reads it differently: Perses's own reader, or only other YAML 1.1 readers. */
  reader: 'perses' | 'yaml-1.1';
  value: unknown;
}

/** What Perses (yaml.v3) or another YAML 1.1 reader makes of a plain scalar, when not `ours`. */
export function otherReading(text: string, ours: unknown): OtherReading | undefined {
  // Every non-string form of those readers starts with one of these (numbers, dates, `~`, and
  // y/yes/n/no/true/false/on/off): a quick way past the thousands of other scalars of a dashboard.
  if (!/^[-+.0-9~yYnNtTfFoO]/.test(text)) return undefined;
  // Plain decimals (most numbers of a dashboard) read the same everywhere.
  if (typeof ours === 'number' && /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?$/.test(text)) return undefined;
  const differs = (v: unknown) =>
    v instanceof Date || typeof v !== typeof ours || (typeof v === 'number' && !Object.is(v, ours));
  for (const [reader, tags] of [
    ['perses', goTags],
    ['yaml-1.1', yaml11Tags],
  ] as const) {
    const tag = tags.find((t) => t.test?.test(text));
    if (!tag) continue;
    let value: unknown;
    try {
      const resolved = tag.resolve(text, () => undefined, {});
      // Some tags keep the source form by returning a Scalar node.
      value = isScalar(resolved) ? resolved.value : resolved;
    } catch {
      continue;
    }
    if (value !== undefined && differs(value)) return { reader, value };
    // A reader that agrees with us decides: yaml.v3 is the one that matters to Perses.
    if (reader === 'perses') return undefined;
  }
  return undefined;
}

// Characters yaml.v3's reader refuses anywhere in a file ("control characters are not allowed"):
// it accepts only tab, LF, CR, U+0020–U+007E, U+0085, U+00A0–U+D7FF, U+E000–U+FFFD and above
// U+FFFF. So C0 controls but tab and newlines, DEL, C1 controls but NEL, lone surrogates, U+FFFE
// and U+FFFF.
const FORBIDDEN =
  '\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u0084\\u0086-\\u009F\\uD800-\\uDFFF\\uFFFE\\uFFFF';

export const YAML_FORBIDDEN_CHARACTER = new RegExp(`[${FORBIDDEN}]`, 'u');

/**
 * What a writer must escape (in a double-quoted scalar): the refused characters, and NEL, LS and
 * PS, which are line breaks to YAML 1.1 and yaml.v3 (folded into a space) but text to YAML 1.2.
 */
export const YAML_MUST_ESCAPE = new RegExp(`[${FORBIDDEN}\\u0085\\u2028\\u2029]`, 'u');

/** `U+0001` for messages. */
export function codePointName(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}
