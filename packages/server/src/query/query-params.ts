/** One `key=value` of a query string, decoded. */
export type QueryParam = readonly [key: string, value: string];

/**
 * A list request's query as a caller may hand it over: the raw query string (with or without
 * its `?`; the only form that keeps the order of interleaved keys, which the pagination links
 * repeat), ordered pairs, or a record of decoded values (repeated keys as arrays; `undefined`
 * entries are skipped).
 */
export type QueryInput =
  string | readonly QueryParam[] | Readonly<Record<string, string | readonly string[] | undefined>>;

/** `%XX` with two hex digits. */
const PERCENT_ESCAPE = /^%[0-9A-Fa-f]{2}/;

/**
 * One query component decoded: `+` is a space, `%XX` a byte, other characters their UTF-8
 * bytes; the bytes are read as UTF-8, invalid sequences becoming U+FFFD. A `%` not followed by
 * two hex digits stays as it is.
 */
function decodeComponent(component: string): string {
  const text = component.replace(/\+/g, ' ');
  if (!text.includes('%')) return text;
  const bytes: number[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === '%' && PERCENT_ESCAPE.test(text.slice(i, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 3;
      continue;
    }
    const code = text.codePointAt(i) ?? 0;
    const char = String.fromCodePoint(code);
    bytes.push(...Buffer.from(char, 'utf8'));
    i += char.length;
  }
  return new TextDecoder('utf-8').decode(Uint8Array.from(bytes));
}

/**
 * The decoded pairs of a raw query string, in order: pairs are separated by `&` or `;`, empty
 * ones skipped; a pair without `=` has the value `''`.
 */
function parseQueryString(raw: string): QueryParam[] {
  const question = raw.indexOf('?');
  const query = question >= 0 ? raw.slice(question + 1) : raw;
  const params: QueryParam[] = [];
  for (const part of query.split(/[&;]/)) {
    if (part === '') continue;
    const equals = part.indexOf('=');
    const key = equals >= 0 ? part.slice(0, equals) : part;
    const value = equals >= 0 ? part.slice(equals + 1) : '';
    params.push([decodeComponent(key), decodeComponent(value)]);
  }
  return params;
}

function isPairList(input: QueryInput): input is readonly QueryParam[] {
  return Array.isArray(input);
}

/**
 * A query's `key=value` pairs in request order, with the lookups list requests need. A key
 * given several times keeps every value.
 */
export class QueryParams {
  /** Every pair, in request order. */
  readonly pairs: readonly QueryParam[];

  private constructor(pairs: readonly QueryParam[]) {
    this.pairs = pairs;
  }

  /** The pairs of `input` (see `QueryInput`). */
  static from(input: QueryInput): QueryParams {
    if (typeof input === 'string') return new QueryParams(parseQueryString(input));
    if (isPairList(input)) return new QueryParams(input.map(([key, value]) => [key, value]));
    const pairs: QueryParam[] = [];
    for (const [key, value] of Object.entries(input)) {
      if (value === undefined) continue;
      const values: readonly string[] = typeof value === 'string' ? [value] : value;
      for (const one of values) pairs.push([key, String(one)]);
    }
    return new QueryParams(pairs);
  }

  /** The distinct keys, in the order of their first appearance. */
  keys(): string[] {
    return [...new Set(this.pairs.map(([key]) => key))];
  }

  /** Whether `key` appears at all. */
  has(key: string): boolean {
    return this.pairs.some(([k]) => k === key);
  }

  /** Every value of `key`, in order (empty when absent). */
  getAll(key: string): string[] {
    return this.pairs.filter(([k]) => k === key).map(([, value]) => value);
  }

  /** The last value of `key`, or undefined when absent. */
  get(key: string): string | undefined {
    for (let i = this.pairs.length - 1; i >= 0; i--) {
      if (this.pairs[i][0] === key) return this.pairs[i][1];
    }
    return undefined;
  }

  /** A copy without the first pair of `key` (later pairs of `key` stay). */
  withoutFirst(key: string): QueryParams {
    const index = this.pairs.findIndex(([k]) => k === key);
    if (index < 0) return this;
    return new QueryParams([...this.pairs.slice(0, index), ...this.pairs.slice(index + 1)]);
  }

  /** A copy where `key` appears once, with `value`, after every other pair. */
  withLast(key: string, value: string): QueryParams {
    return new QueryParams([...this.pairs.filter(([k]) => k !== key), [key, value]]);
  }
}
