/** Characters shown escaped: controls, format characters, surrogates, unassigned, separators. */
const NOT_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

function hex(code: number, digits: number): string {
  return code.toString(16).padStart(digits, '0');
}

/** One string quoted the way Neutron's messages quote strings (`'name'`, `"it's"`). */
function quote(text: string): string {
  const mark = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = mark;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (char === mark || char === '\\') out += `\\${char}`;
    else if (char === '\t') out += '\\t';
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === ' ' || (!NOT_PRINTABLE.test(char) && code !== 0x7f)) out += char;
    else if (code <= 0xff) out += `\\x${hex(code, 2)}`;
    else if (code <= 0xffff) out += `\\u${hex(code, 4)}`;
    else out += `\\U${hex(code, 8)}`;
  }
  return out + mark;
}

/**
 * A string, or a list of strings, written as Neutron writes them into error messages:
 * `pythonRepr(['no_such_filter'])` is `['no_such_filter']`, `pythonRepr("it's")` is `"it's"`;
 * unprintable characters are escaped (`'\x00'`, `'\u200b'`).
 */
export function pythonRepr(value: string | readonly string[]): string {
  if (typeof value === 'string') return quote(value);
  return `[${value.map(quote).join(', ')}]`;
}
