/**
 * Malformed requests generated from the server's own OpenAPI document: for every operation, a
 * plausible request (built from the schemas) with one thing wrong in it: a lone UTF-16
 * surrogate, a NUL byte, JSON nested thousands deep, a huge string, the wrong type, a number out
 * of range, an unknown field, a broken path parameter. Used by `fuzz.test.ts` (bounded, seeded,
 * in `npm test`) and `fuzz.ts` (the larger run, printing JSON).
 */
import fc from 'fast-check';

type Schema = Record<string, unknown>;
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface Operation {
  method: string;
  /** The path template, e.g. `/api/v1/incidents/{id}`. */
  path: string;
  params: Array<{ name: string; in: string; schema: Schema }>;
  body?: Schema;
}

export interface FuzzRequest {
  operation: string;
  mutation: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/** The operations of an OpenAPI document, `$ref`s left for `sample` to resolve. */
export function operationsOf(doc: Schema): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, Schema>>)) {
    for (const [method, op] of Object.entries(item)) {
      const content = (op.requestBody as Schema | undefined)?.content as Record<string, Schema> | undefined;
      const body = content?.['application/json']?.schema as Schema | undefined;
      operations.push({
        method: method.toUpperCase(),
        path,
        params: ((op.parameters as Operation['params'] | undefined) ?? []).map((p) => ({ ...p, schema: p.schema })),
        ...(body ? { body } : {}),
      });
    }
  }
  return operations;
}

const LONE_HIGH = '\uD800';
const LONE_LOW = '\uDFFF';

/** Strings that no text field should let through to storage, hashing or search. */
export const HOSTILE_STRINGS: ReadonlyArray<[string, string]> = [
  ['lone high surrogate', `x${LONE_HIGH}y`],
  ['lone low surrogate', `${LONE_LOW}`],
  ['NUL byte', 'a\u0000b'],
  ['only NUL', '\u0000'],
  ['huge string', 'x'.repeat(300_000)],
  ['control characters', '\u0001\u001b[31m\u007f'],
  ['empty', ''],
  ['whitespace', '   '],
];

/** Values of the wrong type, or numbers no field accepts. */
export const HOSTILE_VALUES: ReadonlyArray<[string, Json]> = [
  ['null', null],
  ['boolean', true],
  ['number', 42],
  ['negative number', -1],
  ['huge number', 1e308],
  ['beyond safe integer', 2 ** 53 + 3],
  ['fraction', 0.5],
  ['array', ['x']],
  ['object', { x: 1 }],
  ['string', 'not-this'],
];

/** JSON nested `depth` levels, as text (JSON.stringify would recurse). */
export function deepJson(depth: number, open = '{"a":', close = '}'): string {
  return `${open.repeat(depth)}1${close.repeat(depth)}`;
}

/**
 * A plausible value for a schema: the first of each choice; required fields only, or every
 * field when `full`.
 */
export function sample(
  schema: Schema | undefined,
  doc: Schema,
  ids: Record<string, string>,
  full = false,
  depth = 0,
): Json {
  if (!schema || depth > 12) return null;
  const next = (inner: Schema | undefined) => sample(inner, doc, ids, full, depth + 1);
  const ref = schema.$ref as string | undefined;
  if (ref) return next(resolve(ref, doc));
  if ('const' in schema) return schema.const as Json;
  if (Array.isArray(schema.enum)) return schema.enum[0] as Json;
  if ('default' in schema && schema.default !== undefined) return schema.default as Json;
  if (Array.isArray(schema.example)) return schema.example as Json;
  if (schema.example !== undefined && typeof schema.example !== 'object') return schema.example as Json;
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const options = schema[key] as Schema[] | undefined;
    if (options?.length) return next(options[0]);
  }
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, Json> = {};
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      const required = new Set((schema.required as string[] | undefined) ?? []);
      for (const [name, inner] of Object.entries(properties)) {
        if (full || required.has(name)) out[name] = next(inner);
      }
      return out;
    }
    case 'array': {
      const min = Math.max(1, (schema.minItems as number | undefined) ?? 1);
      return Array.from({ length: min }, () => next(schema.items as Schema));
    }
    case 'string':
      return sampleString(schema, ids);
    case 'integer':
    case 'number':
      return (schema.minimum as number | undefined) ?? 1;
    case 'boolean':
      return true;
    default:
      return null;
  }
}

function sampleString(schema: Schema, ids: Record<string, string>): string {
  if (schema.format === 'date-time') return '2026-11-24T10:00:00.000Z';
  if (schema.format === 'uri') return 'https://example.com/x';
  const pattern = schema.pattern as string | undefined;
  if (pattern) {
    for (const id of Object.values(ids)) if (new RegExp(pattern).test(id)) return id;
  }
  const min = (schema.minLength as number | undefined) ?? 1;
  return 'x'.repeat(Math.max(1, min));
}

function resolve(ref: string, doc: Schema): Schema {
  let node: unknown = doc;
  for (const part of ref.replace(/^#\//, '').split('/')) node = (node as Schema)[part];
  return (node ?? {}) as Schema;
}

/** Every place in a JSON value, as key paths (the root is the empty path). */
function places(value: Json, prefix: Array<string | number> = [], out: Array<Array<string | number>> = []) {
  out.push(prefix);
  const entries: Array<[string | number, Json]> = Array.isArray(value)
    ? value.map((inner, index) => [index, inner])
    : value && typeof value === 'object'
      ? Object.entries(value)
      : [];
  for (const [key, inner] of entries) places(inner, [...prefix, key], out);
  return out;
}

const MARK = '__fuzz_raw__';

function setAt(value: Json, path: Array<string | number>, replacement: Json): Json {
  if (path.length === 0) return replacement;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, Json>;
  const [head, ...rest] = path as [string | number, ...Array<string | number>];
  copy[head] = setAt(copy[head] ?? null, rest, replacement);
  return copy as Json;
}

type BodyMutation = { name: string; apply(body: Json, pick: number): string };

const BODY_MUTATIONS: BodyMutation[] = [
  ...HOSTILE_STRINGS.map(([name, text]) => ({
    name: `body: ${name}`,
    apply: (body: Json, pick: number) => JSON.stringify(replaceOne(body, pick, text)),
  })),
  ...HOSTILE_VALUES.map(([name, value]) => ({
    name: `body: ${name} in place of a field`,
    apply: (body: Json, pick: number) => JSON.stringify(replaceOne(body, pick, value)),
  })),
  {
    name: 'body: unknown field',
    apply: (body: Json) =>
      JSON.stringify(body && typeof body === 'object' && !Array.isArray(body) ? { ...body, colour: 'red' } : body),
  },
  {
    name: 'body: JSON nested 5,000 deep in a field',
    apply: (body: Json, pick: number) =>
      JSON.stringify(replaceOne(body, pick, MARK)).replace(`"${MARK}"`, deepJson(5000)),
  },
  {
    name: 'body: arrays nested 5,000 deep in a field',
    apply: (body: Json, pick: number) =>
      JSON.stringify(replaceOne(body, pick, MARK)).replace(`"${MARK}"`, deepJson(5000, '[', ']')),
  },
  {
    name: 'body: 20,000 keys in a field',
    apply: (body: Json, pick: number) =>
      JSON.stringify(
        replaceOne(body, pick, Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k${i}`, i]))),
      ),
  },
  { name: 'body: whole body nested 5,000 deep', apply: () => deepJson(5000) },
  { name: 'body: truncated JSON', apply: (body: Json) => JSON.stringify(body).slice(0, -1) },
  { name: 'body: not an object', apply: () => '"just a string"' },
  { name: 'body: raw lone surrogate escape', apply: () => '{"title":"\\ud800"}' },
];

function replaceOne(body: Json, pick: number, replacement: Json): Json {
  const all = places(body);
  const leaves = all.length > 1 ? all.slice(1) : all;
  return setAt(body, leaves[pick % leaves.length] ?? [], replacement);
}

/**
 * Percent-encodes like encodeURIComponent, but a lone surrogate becomes its three WTF-8 bytes
 * (what a careless client sends) instead of throwing; `%`-junk is left as written.
 */
export function encodeRaw(text: string): string {
  if (text.startsWith('%')) return text;
  return text.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]|[\s\S]/g, (char) => {
    const code = char.charCodeAt(0);
    if (char.length === 1 && code >= 0xd800 && code <= 0xdfff)
      return [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    return encodeURIComponent(char);
  });
}

const PARAM_VALUES: ReadonlyArray<[string, string]> = [
  ...HOSTILE_STRINGS.filter(([name]) => name !== 'huge string'),
  ['huge string', 'x'.repeat(5000)],
  ['negative', '-1'],
  ['huge number', '1e308'],
  ['beyond safe integer', '9007199254740993'],
  ['not a number', 'NaN'],
  ['percent junk', '%E0%A4%A'],
];

/**
 * An arbitrary malformed request for one of `operations`. `ids` are real ids in the store
 * (an incident, a review item, …) so that most requests reach past the 404 to the handlers.
 */
export function fuzzRequest(
  operations: readonly Operation[],
  doc: Schema,
  ids: Record<string, string>,
  token: string,
): fc.Arbitrary<FuzzRequest> {
  return fc
    .record({
      op: fc.nat({ max: operations.length - 1 }),
      where: fc.constantFrom('body', 'query', 'path'),
      mutation: fc.nat(),
      pick: fc.nat(),
      value: fc.nat(),
      full: fc.boolean(),
    })
    .map(({ op, where, mutation, pick, value, full }) => {
      const operation = operations[op]!;
      const body = operation.body ? sample(operation.body, doc, ids, full) : undefined;
      const pathParams = operation.params.filter((p) => p.in === 'path');
      const queryParams = operation.params.filter((p) => p.in === 'query');
      let path = operation.path;
      for (const p of pathParams)
        path = path.replace(`{${p.name}}`, encodeURIComponent(String(sample(p.schema, doc, ids))));
      const query: string[] = [];
      let name = 'valid';
      let text = body === undefined ? undefined : JSON.stringify(body);
      if (where === 'body' && body !== undefined) {
        const m = BODY_MUTATIONS[mutation % BODY_MUTATIONS.length]!;
        name = m.name;
        text = m.apply(body, pick);
      } else if (where === 'query' && queryParams.length > 0) {
        const param = queryParams[pick % queryParams.length]!;
        const [what, raw] = PARAM_VALUES[value % PARAM_VALUES.length]!;
        name = `query ${param.name}: ${what}`;
        query.push(`${param.name}=${encodeRaw(raw)}`);
        if (mutation % 3 === 0) query.push('colour=red');
      } else if (pathParams.length > 0) {
        const param = pathParams[pick % pathParams.length]!;
        const [what, raw] = PARAM_VALUES[value % PARAM_VALUES.length]!;
        name = `path ${param.name}: ${what}`;
        path = operation.path;
        for (const p of pathParams)
          path = path.replace(`{${p.name}}`, encodeRaw(p === param ? raw : String(sample(p.schema, doc, ids))));
      } else if (body !== undefined) {
        const m = BODY_MUTATIONS[mutation % BODY_MUTATIONS.length]!;
        name = m.name;
        text = m.apply(body, pick);
      }
      const search = query.join('&');
      return {
        operation: `${operation.method} ${operation.path}`,
        mutation: name,
        method: operation.method,
        url: search ? `${path}?${search}` : path,
        headers: {
          authorization: `Bearer ${token}`,
          ...(text !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(text !== undefined ? { body: text } : {}),
      };
    });
}
