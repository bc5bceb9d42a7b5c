import fc from 'fast-check';
import { BAD_VALUES, definitelyInvalid } from './routes.schema';

type Schema = Record<string, any>;

/**
 * An arbitrary built on first use, not when the module loads: every test file that imports the
 * testing kit loads this module, and fast-check takes seconds of CPU to build some (`webUrl`
 * alone, its domain and grapheme tables) that only the fuzz runs use.
 */
function lazy<T>(build: () => fc.Arbitrary<T>): () => fc.Arbitrary<T> {
  let built: fc.Arbitrary<T> | undefined;
  return () => (built ??= build());
}

const DAY_MS = 86_400_000;
const dates = lazy(() =>
  fc.integer({ min: Date.UTC(2000, 0, 1) / DAY_MS, max: Date.UTC(2035, 11, 31) / DAY_MS }).map((d) => new Date(d * DAY_MS)),
);
const FORMATS: Record<string, () => fc.Arbitrary<string>> = {
  date: lazy(() => dates().map((d) => d.toISOString().slice(0, 10))),
  'date-time': lazy(() =>
    fc.tuple(dates(), fc.integer({ min: 0, max: DAY_MS - 1 })).map(([d, ms]) => new Date(d.getTime() + ms).toISOString()),
  ),
  uuid: lazy(() => fc.uuid({ version: 4 })),
  email: lazy(() => fc.emailAddress()),
  uri: lazy(() => fc.webUrl()),
};

/** Text that is valid JSON but hard on a server: accents, emoji, right-to-left marks, zero-width and control characters. */
export const awkwardText = lazy(() =>
  fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 30 }),
    fc.constantFrom('Ñandú Pérez', '👮‍♀️🏳️‍🌈', '\u202eabc', 'a\u200bb', 'tab\tnew\nline', '\u0000', '\ud800', 'ﷺ', 'İı', "O'Brien; --"),
  ),
);

const lengthOk = (s: Schema) => (v: string) =>
  [...v].length >= (s.minLength ?? 0) && [...v].length <= (s.maxLength ?? Number.POSITIVE_INFINITY);

function stringOf(s: Schema): fc.Arbitrary<string> {
  if (s.format in FORMATS) return FORMATS[s.format]!().filter(lengthOk(s));
  const max = Math.min(s.maxLength ?? 40, (s.minLength ?? 0) + 40);
  if (typeof s.pattern === 'string') {
    const re = new RegExp(s.pattern, 'u');
    // An anchored pattern describes the whole value; an open one (`\S`) only asks for a part of it.
    if (s.pattern.startsWith('^')) return fc.stringMatching(re).filter(lengthOk(s));
    return fc.string({ unit: 'grapheme', minLength: s.minLength ?? 1, maxLength: max }).filter((v) => re.test(v) && lengthOk(s)(v));
  }
  return fc.oneof(fc.string({ unit: 'grapheme', minLength: s.minLength ?? 0, maxLength: max }), awkwardText()).filter(lengthOk(s));
}

function numberOf(s: Schema, integer: boolean): fc.Arbitrary<number> {
  const min = s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + (integer ? 1 : 1e-6) : (s.minimum ?? -1_000_000_000);
  const max = s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - (integer ? 1 : 1e-6) : (s.maximum ?? 1_000_000_000_000);
  if (s.multipleOf) {
    const m = s.multipleOf as number;
    return fc.integer({ min: Math.ceil(min / m), max: Math.floor(Math.min(max, 2 ** 52) / m) }).map((k) => k * m);
  }
  if (integer)
    return fc.integer({ min: Math.ceil(Math.max(min, Number.MIN_SAFE_INTEGER)), max: Math.floor(Math.min(max, Number.MAX_SAFE_INTEGER)) });
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

/** One schema made of an `allOf`: properties and required fields of every part. */
function merged(parts: Schema[]): Schema {
  return parts.reduce<Schema>(
    (acc, p) => ({
      ...acc,
      ...p,
      properties: { ...acc.properties, ...p.properties },
      required: [...(acc.required ?? []), ...(p.required ?? [])],
    }),
    {},
  );
}

/**
 * Values a JSON schema accepts (schema-aware generation): the keywords our contracts use — types,
 * formats, patterns, enums, lengths, bounds, arrays and closed objects. Valid for the schema does
 * not mean valid for the rules, so a route may still refuse them (then with a 4xx problem).
 */
export function validOf(s: Schema | undefined): fc.Arbitrary<unknown> {
  if (!s || Object.keys(s).filter((k) => !['description', 'title', 'examples', 'example'].includes(k)).length === 0) {
    return fc.jsonValue({ maxDepth: 2 });
  }
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...(s.enum as unknown[]));
  if (s.anyOf ?? s.oneOf) return fc.oneof(...((s.anyOf ?? s.oneOf) as Schema[]).map((b) => validOf(b)));
  if (s.allOf) return validOf(merged(s.allOf as Schema[]));
  const types: string[] = [s.type ?? (s.properties ? 'object' : 'string')].flat();
  if (types.length > 1) return fc.oneof(...types.map((type) => validOf({ ...s, type })));
  switch (types[0] ?? 'object') {
    case 'string':
      return stringOf(s);
    case 'integer':
      return numberOf(s, true);
    case 'number':
      return numberOf(s, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const minLength = s.minItems ?? 0;
      const maxLength = Math.min(s.maxItems ?? minLength + 3, minLength + 3);
      const items = validOf(s.items);
      return s.uniqueItems
        ? fc.uniqueArray(items, { minLength, maxLength, selector: (v) => JSON.stringify(v) })
        : fc.array(items, { minLength, maxLength });
    }
    default: {
      const props: Schema = s.properties ?? {};
      const record = Object.fromEntries(Object.entries(props).map(([k, p]) => [k, validOf(p)]));
      return fc.record(record, { requiredKeys: (s.required ?? []).filter((k: string) => k in props) });
    }
  }
}

/** A value nested `depth` times (arrays or objects), far deeper than any contract. */
export const deeplyNested = (depth: number, kind: 'array' | 'object'): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < depth; i += 1) v = kind === 'array' ? [v] : { a: v };
  return v;
};

/** Values that break most schemas beyond BAD_VALUES: extreme numbers, awkward text, deep nesting, long arrays. */
const EXTRA_BAD: unknown[] = [
  -0,
  -1e308,
  1e308,
  2 ** 53 + 1,
  -(2 ** 31),
  1e-300,
  '１２３',
  '٣',
  '0x10',
  '1e3',
  'NaN',
  'Infinity',
  '2026-02-29',
  '2026-1-1',
  '9999-12-31T25:61:00Z',
  '00000000-0000-0000-0000-00000000000g',
  '\ud800',
  '👮‍♀️'.repeat(500),
  'a'.repeat(1_000_001),
  deeplyNested(1_000, 'array'),
  deeplyNested(1_000, 'object'),
  Array.from({ length: 5_000 }, (_, i) => i),
  JSON.parse('{"__proto__":{"admin":true},"constructor":{"prototype":{"polluted":true}}}'),
];

/** Values the schema surely refuses: wrong types, extreme numbers, huge, awkward or deeply nested values. */
export function brokenOf(s: Schema | undefined): fc.Arbitrary<unknown> | undefined {
  const bad = [...BAD_VALUES, ...EXTRA_BAD].filter((v) => definitelyInvalid(s, v));
  const random = fc.jsonValue({ maxDepth: 2 }).filter((v) => definitelyInvalid(s, v));
  return bad.length === 0 ? undefined : fc.oneof({ arbitrary: fc.constantFrom(...bad), weight: 3 }, { arbitrary: random, weight: 1 });
}

/** A path into a JSON value (object keys and array indices). */
export type JsonPath = (string | number)[];

/** The schema of the value at `path`, where it is known. */
export function schemaAt(s: Schema | undefined, path: JsonPath): Schema | undefined {
  let node = s;
  for (const step of path) {
    if (!node) return undefined;
    if (node.allOf) node = merged(node.allOf);
    node = typeof step === 'number' ? node.items : node.properties?.[step];
  }
  return node;
}

/** Every path of a value that its schema describes (objects and arrays walked), the root first. */
export function pathsOf(s: Schema | undefined, v: unknown, at: JsonPath = []): JsonPath[] {
  const out: JsonPath[] = [at];
  if (!s || typeof v !== 'object' || v === null) return out;
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...pathsOf(schemaAt(s, [0]), x, [...at, i])));
  else for (const [k, x] of Object.entries(v)) if (schemaAt(s, [k])) out.push(...pathsOf(schemaAt(s, [k]), x, [...at, k]));
  return out;
}

/** A copy of `v` with the value at `path` replaced (or removed, with `undefined`). */
export function setAt(v: unknown, path: JsonPath, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (Array.isArray(v)) return v.map((x, i) => (i === head ? setAt(x, rest, value) : x));
  const obj = { ...(v as Record<string, unknown>) };
  if (rest.length === 0 && value === undefined) delete obj[head as string];
  else obj[head as string] = setAt(obj[head as string], rest, value);
  return obj;
}

export const getAt = (v: unknown, path: JsonPath): unknown =>
  path.reduce<unknown>((x, k) => (x === null || typeof x !== 'object' ? undefined : (x as any)[k]), v);
