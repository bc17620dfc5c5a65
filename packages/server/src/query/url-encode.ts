import { type QueryParam } from './query-params';

/** Characters a query component keeps as they are. */
const UNRESERVED = /^[A-Za-z0-9_.~-]$/;

/** One component: unreserved characters kept, space as `+`, other UTF-8 bytes as `%XX`. */
function encodeComponent(text: string): string {
  let out = '';
  for (const char of text) {
    if (UNRESERVED.test(char)) out += char;
    else if (char === ' ') out += '+';
    else {
      for (const byte of Buffer.from(char, 'utf8')) {
        out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
      }
    }
  }
  return out;
}

/**
 * `pairs` as a query string (without `?`), encoded the way Neutron encodes its pagination
 * links: `urlEncode([['name', 'a b/c']])` is `name=a+b%2Fc`.
 */
export function urlEncode(pairs: readonly QueryParam[]): string {
  return pairs.map(([key, value]) => `${encodeComponent(key)}=${encodeComponent(value)}`).join('&');
}
